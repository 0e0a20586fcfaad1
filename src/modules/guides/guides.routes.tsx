import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { currentUser, requireRole, takeFlash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { Layout, PageCache, redirect, sendPage } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { redactPersonalData } from '../../platform/text/index.js';
import type { GuideContent } from './guides.content.js';
import { GuideContentSchema } from './guides.content.js';
import { formFromBody, formFromContent } from './guides.form.js';
import * as repo from './guides.repository.js';
import { guidesService, type PublishedGuide } from './guides.service.js';
import { AdminGuidePage, AdminGuidesPage, DiffPage, EditGuidePage } from './views/admin-pages.js';
import { GuideBody, GuidePage, HelpfulPage } from './views/guide-page.js';
import { GuidesIndexPage, SearchPage } from './views/public-pages.js';

const TopicId = Type.String({ pattern: '^[a-z0-9-]{1,60}$' });
const IdParams = Type.Object({ id: TopicId });
const VersionParams = Type.Object({ id: TopicId, vid: Type.Integer({ minimum: 1 }) });

const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const SearchResultSchema = Type.Object({
  topic: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  url: Type.String(),
  score: Type.Number(),
});

const EDITORS = ['admin', 'editor'] as const;
const READERS = ['admin', 'editor', 'viewer'] as const;

export async function guidesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const guides = guidesService(deps);
  const { db } = deps;
  const submitLimit = { max: deps.config.rateLimit.submitPerMinute, timeWindow: 60_000 };

  // Guide pages are the same bytes for everyone (no token, no cookie): render once per guide until content changes.
  const pageCache = new PageCache();
  guides.onRefresh(() => pageCache.clear());

  const relatedOf = (c: GuideContent): PublishedGuide[] =>
    c.related.map((r) => guides.get(r)).filter((g): g is PublishedGuide => Boolean(g));

  const VoteBody = Type.Object({
    _csrf: Type.Optional(Type.String()),
    helpful: Type.Optional(Type.String({ maxLength: 10 })),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  });
  const publishedOr404 = (id: string): PublishedGuide => {
    const g = guides.get(id);
    if (!g) throw new AppError('not_found', 'Không tìm thấy hướng dẫn này. Hãy thử tìm bằng ô tìm kiếm.');
    return g;
  };

  // ---- Public pages -----------------------------------------------------------------------------

  app.get('/huong-dan', async (req, reply) => {
    const q = req.query as { 'doi-tuong'?: string };
    return sendPage(req, reply, <GuidesIndexPage guides={(id) => guides.byAudience(id)} audience={q['doi-tuong']} />);
  });

  app.get('/huong-dan/:id', { schema: { params: IdParams } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const g = publishedOr404(id);
    guides.recordView(id);
    const thanks = (req.query as { 'cam-on'?: string })['cam-on'] === '1';
    return pageCache.send(req, reply, `${id}:${thanks ? 1 : 0}`, () => (
      <GuidePage guide={g} related={relatedOf(g.content)} thanks={thanks} />
    ));
  });

  // Step 2 of "Trang này có hữu ích không?": the choice made on the guide page, an optional comment, then send.
  app.get(
    '/huong-dan/:id/danh-gia',
    { schema: { params: IdParams, querystring: Type.Object({ helpful: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (req, reply) => {
      const g = publishedOr404((req.params as { id: string }).id);
      const { helpful } = req.query as { helpful?: string };
      return sendPage(req, reply, <HelpfulPage guide={g} helpful={helpful === '1' || helpful === '0' ? helpful : undefined} />);
    },
  );

  app.post(
    '/huong-dan/:id/danh-gia',
    { config: { rateLimit: submitLimit }, schema: { params: IdParams, body: VoteBody } },
    async (req, reply) => {
      const g = publishedOr404((req.params as { id: string }).id);
      const body = req.body as { helpful?: string; comment?: string };
      if (body.helpful !== '1' && body.helpful !== '0') {
        const errors = [{ field: 'helpful', message: 'Hãy chọn “Có, hữu ích” hoặc “Chưa hữu ích”.' }];
        return sendPage(req, reply, <HelpfulPage guide={g} comment={body.comment} errors={errors} />, 400);
      }
      const comment = body.comment?.trim() ? redactPersonalData(body.comment.trim()) : null;
      await guides.recordHelpful(g.id, body.helpful === '1', comment);
      return redirect(reply, `/huong-dan/${g.id}?cam-on=1#huu-ich`);
    },
  );

  app.get('/tim-kiem', async (req, reply) => {
    const q = (req.query as { q?: unknown }).q;
    const res = guides.search(typeof q === 'string' ? q : '');
    return sendPage(req, reply, <SearchPage res={res} popular={guides.mostUsed(6)} />);
  });

  // ---- JSON API ---------------------------------------------------------------------------------

  app.get(
    '/api/v1/topics',
    {
      schema: {
        tags: ['guides'],
        summary: 'Danh sách chủ đề (mã ổn định dùng chung cho hướng dẫn và trợ lý)',
        response: {
          200: Type.Object({
            topics: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                audience: Type.String(),
                hasGuide: Type.Boolean(),
                url: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      topics: guides.topicList().map((t) => ({
        id: t.id,
        title: t.title,
        audience: t.audience,
        hasGuide: Boolean(guides.get(t.id)),
        url: guides.get(t.id) ? `/huong-dan/${t.id}` : null,
      })),
    }),
  );

  app.get(
    '/api/v1/guides',
    {
      schema: {
        tags: ['guides'],
        summary: 'Các hướng dẫn đang xuất bản (tóm tắt)',
        querystring: Type.Object({ audience: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: {
          200: Type.Object({
            guides: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                summary: Type.String(),
                url: Type.String(),
                version: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { audience } = req.query as { audience?: string };
      const list = audience ? guides.byAudience(audience) : guides.all();
      return {
        guides: list.map((g) => ({
          id: g.id,
          title: g.content.title,
          summary: g.content.summary,
          url: `/huong-dan/${g.id}`,
          version: g.versionNo,
        })),
      };
    },
  );

  app.get(
    '/api/v1/guides/:id',
    {
      schema: {
        tags: ['guides'],
        summary: 'Một hướng dẫn đầy đủ (đang xuất bản)',
        params: IdParams,
        response: {
          200: Type.Object({
            guide: GuideContentSchema,
            version: Type.Integer(),
            publishedAt: Type.Union([Type.String(), Type.Null()]),
          }),
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const g = guides.get(id);
      if (!g) throw new AppError('not_found', 'Không tìm thấy hướng dẫn này.');
      return { guide: g.content, version: g.versionNo, publishedAt: g.publishedAt };
    },
  );

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['guides'],
        summary: 'Tìm hướng dẫn: gõ có dấu hoặc không dấu, viết tắt (cccd, gplx, bhxh...)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
        response: {
          200: Type.Object({
            query: Type.String(),
            results: Type.Array(SearchResultSchema),
            didYouMean: Type.Union([Type.String(), Type.Null()]),
            suggestions: Type.Array(Type.Object({ topic: Type.String(), title: Type.String(), url: Type.String() })),
          }),
          400: ErrorShape,
        },
      },
    },
    async (req) => {
      const { q, limit } = req.query as { q: string; limit?: number };
      const res = guides.search(q, limit ?? 10);
      const suggestions = res.results.length
        ? []
        : guides.mostUsed(5).map((g) => ({ topic: g.id, title: g.content.title, url: `/huong-dan/${g.id}` }));
      return { ...res, suggestions };
    },
  );

  // ---- Back office ------------------------------------------------------------------------------

  app.get('/quan-tri/huong-dan', { preHandler: requireRole(...READERS) }, async (req, reply) => {
    const [counts, open] = await Promise.all([
      repo.feedbackCounts(db),
      db.selectFrom('guide_versions').select(['topic_id', 'status']).where('status', 'in', ['draft', 'review']).execute(),
    ]);
    const byTopic = new Map(counts.map((c) => [c.topic_id, c]));
    const openBy = new Map(open.map((o) => [o.topic_id, o.status]));
    const views = new Map(
      (await db.selectFrom('guides').select(['topic_id', 'views']).execute()).map((r) => [r.topic_id, r.views]),
    );
    await guides.flushViews();
    const rows = guides.topicList().map((t) => ({
      id: t.id,
      title: guides.get(t.id)?.content.title ?? t.title,
      publishedVersion: guides.get(t.id)?.versionNo ?? null,
      openStatus: openBy.get(t.id) ?? null,
      views: views.get(t.id) ?? 0,
      yes: Number(byTopic.get(t.id)?.yes ?? 0),
      no: Number(byTopic.get(t.id)?.no ?? 0),
      comments: Number(byTopic.get(t.id)?.comments ?? 0),
    }));
    return sendPage(req, reply, <AdminGuidesPage rows={rows} canEdit={EDITORS.includes(currentUser(req).role as 'admin')} />);
  });

  app.get(
    '/quan-tri/huong-dan/:id',
    { preHandler: requireRole(...READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const topic = await repo.findTopic(db, id);
      if (!topic) throw new AppError('not_found', 'Không tìm thấy chủ đề này.');
      const user = currentUser(req);
      const [versions, comments, auditRows] = await Promise.all([
        repo.listVersions(db, id),
        repo.feedbackComments(db, id),
        repo.auditFor(db, 'guide', id),
      ]);
      const open = versions.find((v) => v.status === 'draft' || v.status === 'review') ?? null;
      const canEdit = (EDITORS as readonly string[]).includes(user.role);
      const flash = takeFlash(req);
      return sendPage(
        req,
        reply,
        <AdminGuidePage
          id={id}
          title={guides.get(id)?.content.title ?? topic.title}
          versions={versions}
          open={open}
          canEdit={canEdit}
          canPublish={canEdit}
          isAuthorOfOpen={open?.author_id === user.id}
          comments={comments}
          auditRows={auditRows}
          flash={flash}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/huong-dan/:id/ban-nhap',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const vid = await guides.startDraft(currentUser(req), id);
      return redirect(reply, `/quan-tri/huong-dan/${id}/phien-ban/${vid}/sua`);
    },
  );

  const versionOf = async (req: FastifyRequest) => {
    const { id, vid } = req.params as { id: string; vid: number };
    const v = await guides.requireVersion(vid);
    if (v.topic_id !== id) throw new AppError('not_found', 'Không tìm thấy phiên bản này.');
    return v;
  };
  const topicsForForm = () => guides.topicList().map((t) => ({ id: t.id, title: guides.get(t.id)?.content.title ?? t.title }));

  app.get(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/sua',
    { preHandler: requireRole(...EDITORS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      if (v.status !== 'draft') return redirect(reply, `/quan-tri/huong-dan/${v.topic_id}`);
      const form = formFromContent(JSON.parse(v.content) as GuideContent);
      return sendPage(
        req,
        reply,
        <EditGuidePage id={v.topic_id} versionId={v.id} versionNo={v.version_no} form={form} topics={topicsForForm()} />,
      );
    },
  );

  app.post(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/luu',
    { preHandler: requireRole(...EDITORS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      const form = formFromBody((req.body ?? {}) as Record<string, unknown>);
      const errors = await guides.saveDraft(currentUser(req), v.id, form);
      if (errors.length) {
        return sendPage(
          req,
          reply,
          <EditGuidePage
            id={v.topic_id}
            versionId={v.id}
            versionNo={v.version_no}
            form={form}
            errors={errors}
            topics={topicsForForm()}
          />,
          400,
        );
      }
      req.session.flash = 'Đã lưu bản nháp.';
      return redirect(reply, `/quan-tri/huong-dan/${v.topic_id}`);
    },
  );

  app.post(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/gui-duyet',
    { preHandler: requireRole(...EDITORS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      await guides.submitForReview(currentUser(req), v.id);
      req.session.flash = 'Đã gửi duyệt. Một biên tập viên khác sẽ duyệt và xuất bản.';
      return redirect(reply, `/quan-tri/huong-dan/${v.topic_id}`);
    },
  );

  app.post(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/xuat-ban',
    { preHandler: requireRole(...EDITORS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      await guides.publish(currentUser(req), v.id);
      req.session.flash = `Đã xuất bản phiên bản ${v.version_no}.`;
      return redirect(reply, `/quan-tri/huong-dan/${v.topic_id}`);
    },
  );

  app.post(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/tra-lai',
    { preHandler: requireRole(...EDITORS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      const note = String((req.body as { note?: unknown } | undefined)?.note ?? '').slice(0, 1000);
      await guides.returnToDraft(currentUser(req), v.id, note);
      req.session.flash = 'Đã trả lại bản nháp để sửa.';
      return redirect(reply, `/quan-tri/huong-dan/${v.topic_id}`);
    },
  );

  app.get(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/xem',
    { preHandler: requireRole(...READERS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      const content = JSON.parse(v.content) as GuideContent;
      return sendPage(
        req,
        reply,
        <Layout title={`Xem trước: ${content.title}`} admin>
          <p class="callout">
            Bản xem trước phiên bản {v.version_no}. <a href={`/quan-tri/huong-dan/${v.topic_id}`}>Quay lại</a>
          </p>
          <GuideBody content={content} related={relatedOf(content)} feedback="none" />
        </Layout>,
      );
    },
  );

  app.get(
    '/quan-tri/huong-dan/:id/phien-ban/:vid/so-sanh',
    { preHandler: requireRole(...READERS), schema: { params: VersionParams } },
    async (req, reply) => {
      const v = await versionOf(req);
      const d = await guides.diff(v.id);
      const title = (JSON.parse(v.content) as GuideContent).title;
      return sendPage(
        req,
        reply,
        <DiffPage id={v.topic_id} title={title} versionNo={v.version_no} baseNo={d.base?.version_no ?? null} parts={d.parts} />,
      );
    },
  );
}
