import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { currentUser, requireRole, takeFlash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, sendPage, type FieldError, type SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { findUnit, listAudiences, unitScopeIds } from '../org/index.js';
import {
  availability,
  dayStartUtc,
  optionsOf,
  SLUG_PATTERN,
  SOURCE_PATTERN,
  t,
  toSurvey,
  type Lang,
  type Survey,
} from './surveys.model.js';
import * as repo from './surveys.repository.js';
import { computeResults } from './surveys.results.js';
import { exportCsv, exportXlsx } from './surveys.export.js';
import * as service from './surveys.service.js';
import {
  AdminResultsPage,
  AdminSurveysPage,
  QuestionEditPage,
  SurveyEditPage,
  SurveyOverviewPage,
  type ResultsFilterValues,
} from './views/admin.js';
import {
  ClosedSurveyPage,
  PublicResultsPage,
  SurveyFormPage,
  SurveyListPage,
  ThanksPage,
  surveyUrl,
  type FormValues,
} from './views/public.js';

const EDITORS = ['admin', 'editor'] as const;
const READERS = ['admin', 'editor', 'viewer'] as const;
const RESULT_READERS = ['admin', 'editor', 'viewer', 'unit_officer'] as const;

/** Signed cookie listing the surveys this browser has answered (one response per browser). */
export const ANSWERED_COOKIE = 'dvc_khao_sat';
/** Published breakdowns hide groups smaller than this. */
export const PUBLIC_MIN_GROUP = 5;
/** Submission bodies are small; anything bigger is refused before parsing. */
export const SUBMIT_BODY_LIMIT = 64 * 1024;

const SlugParams = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const QuestionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), qid: Type.Integer({ minimum: 1 }) });
const PlacementParams = Type.Object({ id: Type.Integer({ minimum: 1 }), pid: Type.Integer({ minimum: 1 }) });
const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

const AnswerValue = Type.Union([
  Type.String({ maxLength: 5000 }),
  Type.Number(),
  Type.Array(Type.Union([Type.String({ maxLength: 200 }), Type.Number()]), { maxItems: 50 }),
]);
const SubmitBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 40 }), AnswerValue, {
      maxProperties: 100,
      description: 'Question key (q1, q2...) -> option value, scale number, list of values (multiple choice) or text',
    }),
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
    source: Type.Optional(Type.String({ pattern: SOURCE_PATTERN, description: 'Placement tag (nguon)' })),
    contact: Type.Optional(Type.String({ maxLength: 200, description: 'Only with consent: true, on surveys that allow it' })),
    consent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const SurveyDefinition = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  intro: Type.String(),
  languages: Type.Array(Type.String()),
  open: Type.Boolean(),
  startsOn: Type.Union([Type.String(), Type.Null()]),
  endsOn: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});

function langOf(req: FastifyRequest, survey?: Survey): Lang {
  const q = (req.query as { lang?: unknown } | undefined)?.lang;
  const b = (req.body as { lang?: unknown } | undefined)?.lang;
  const want = q === 'en' || b === 'en' ? 'en' : 'vi';
  return want === 'en' && (!survey || survey.hasEn) ? 'en' : 'vi';
}

function answeredIds(req: FastifyRequest): number[] {
  const raw = req.cookies[ANSWERED_COOKIE];
  if (!raw) return [];
  const u = req.unsignCookie(raw);
  if (!u.valid || !u.value) return [];
  return u.value
    .split('.')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

export async function surveysRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const submitLimit = { max: config.rateLimit.submitPerMinute, timeWindow: 60_000 };

  const markAnswered = (req: FastifyRequest, reply: FastifyReply, surveyId: number) => {
    const ids = [...new Set([...answeredIds(req), surveyId])].slice(-100);
    reply.setCookie(ANSWERED_COOKIE, ids.join('.'), {
      path: '/khao-sat',
      maxAge: 365 * 24 * 3600,
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      signed: true,
    });
  };

  const isEditor = (req: FastifyRequest) => Boolean(req.user && (EDITORS as readonly string[]).includes(req.user.role));

  // ---- Public pages -----------------------------------------------------------------------------------

  app.get('/khao-sat', async (req, reply) => {
    const rows = await repo.listSurveys(db);
    return sendPage(req, reply, <SurveyListPage surveys={rows.map(toSurvey)} />);
  });

  app.get('/khao-sat/:slug', { schema: { params: SlugParams } }, async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const loaded = await service.loadBySlug(db, slug);
    if (!loaded) throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
    const { survey, questions } = loaded;
    const lang = langOf(req, survey);
    const state = availability(survey);
    const preview = state === 'draft' && isEditor(req);
    if (state === 'draft' && !preview) throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
    if (state !== 'open' && state !== 'draft')
      return sendPage(req, reply, <ClosedSurveyPage survey={survey} lang={lang} state={state} />);
    const nguon = str((req.query as Record<string, unknown>).nguon);
    const source = new RegExp(SOURCE_PATTERN).test(nguon) ? nguon : null;
    return sendPage(
      req,
      reply,
      <SurveyFormPage
        survey={survey}
        questions={questions}
        dyn={await service.dynamicOptions(db)}
        lang={lang}
        source={source}
        nonce={crypto.randomUUID()}
        alreadyAnswered={answeredIds(req).includes(survey.id)}
        preview={preview}
      />,
    );
  });

  app.post(
    '/khao-sat/:slug',
    { config: { rateLimit: submitLimit }, bodyLimit: SUBMIT_BODY_LIMIT, schema: { params: SlugParams } },
    async (req, reply) => {
      const { slug } = req.params as { slug: string };
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const loaded = await service.loadBySlug(db, slug);
      if (!loaded) throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
      const { survey } = loaded;
      const lang = langOf(req, survey);
      const thanks = surveyUrl(slug, lang, null, '/cam-on');
      // Honeypot: people never see the field; a bot that fills it is thanked and nothing is stored.
      if (str(body.website).trim()) return redirect(reply, thanks);
      const answers: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body)) if (/^q\d{1,6}$/.test(k)) answers[k] = v;
      const nonce = str(body._nonce);
      const source = str(body.nguon) || null;
      const contact = str(body['lien-he']);
      const consent = str(body['dong-y']) === '1';
      const values: FormValues = {
        answers: Object.fromEntries(
          Object.entries(answers).map(([k, v]) => [
            k,
            (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'),
          ]),
        ),
        contact,
        consent,
      };
      const key = /^[0-9a-f-]{36}$/.test(nonce) ? `web:${nonce}` : null;
      const render = async (errors: FieldError[], status: number, already = false) =>
        sendPage(
          req,
          reply,
          <SurveyFormPage
            survey={survey}
            questions={loaded.questions}
            dyn={await service.dynamicOptions(db)}
            lang={lang}
            source={source && new RegExp(SOURCE_PATTERN).test(source) ? source : null}
            nonce={key ? nonce : crypto.randomUUID()}
            values={values}
            errors={errors}
            alreadyAnswered={already}
            preview={false}
          />,
          status,
        );
      if (answeredIds(req).includes(survey.id)) {
        // A double click carries the same one-time token: it is a replay of the stored answer, not a second one.
        const earlier = key ? await repo.findByIdempotencyKey(db, survey.id, key) : undefined;
        if (earlier) return redirect(reply, thanks);
        return render([], 409, true);
      }
      const res = await service.submitResponse(db, {
        slug,
        answers,
        lang,
        source,
        contact,
        consent,
        channel: 'web',
        idempotencyKey: key,
      });
      if (!res.ok) return render(res.errors, 400);
      markAnswered(req, reply, survey.id);
      return redirect(reply, thanks);
    },
  );

  app.get('/khao-sat/:slug/cam-on', { schema: { params: SlugParams } }, async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const row = await repo.findSurveyBySlug(db, slug);
    if (!row) throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
    const survey = toSurvey(row);
    return sendPage(req, reply, <ThanksPage survey={survey} lang={langOf(req, survey)} />);
  });

  const publishedResults = async (slug: string, lang: Lang) => {
    const loaded = await service.loadBySlug(db, slug);
    if (!loaded || !loaded.survey.resultsPublic) {
      throw new AppError('not_found', 'Kết quả khảo sát này chưa được công bố.');
    }
    const results = await computeResults(
      db,
      loaded.survey,
      loaded.questions,
      await service.dynamicOptions(db),
      {},
      {
        lang,
        includeTexts: false,
        minGroup: PUBLIC_MIN_GROUP,
      },
    );
    return { ...loaded, results };
  };

  app.get('/khao-sat/:slug/ket-qua', { schema: { params: SlugParams } }, async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const row = await repo.findSurveyBySlug(db, slug);
    const lang = langOf(req, row ? toSurvey(row) : undefined);
    const { survey, results } = await publishedResults(slug, lang);
    return sendPage(req, reply, <PublicResultsPage survey={survey} results={results} lang={lang} />);
  });

  // ---- JSON API -----------------------------------------------------------------------------------------

  const definitionOf = (s: Survey) => ({
    slug: s.slug,
    title: s.title.vi,
    intro: s.intro.vi,
    languages: s.hasEn ? ['vi', 'en'] : ['vi'],
    open: availability(s) === 'open',
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    url: `${config.publicUrl}/khao-sat/${s.slug}`,
  });

  app.get(
    '/api/v1/surveys',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Các khảo sát đang mở hoặc đã công bố kết quả',
        response: { 200: Type.Object({ surveys: Type.Array(SurveyDefinition) }) },
      },
    },
    async () => {
      const rows = (await repo.listSurveys(db)).map(toSurvey).filter((s) => s.status !== 'draft');
      return { surveys: rows.map(definitionOf) };
    },
  );

  app.get(
    '/api/v1/surveys/:slug',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Một khảo sát: câu hỏi, loại câu hỏi, đáp án và quy tắc chuyển câu',
        params: SlugParams,
        querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])) }),
        response: {
          200: Type.Object({
            survey: SurveyDefinition,
            contactEnabled: Type.Boolean(),
            questions: Type.Array(
              Type.Object({
                key: Type.String(),
                number: Type.Integer(),
                type: Type.String(),
                text: Type.String(),
                help: Type.String(),
                required: Type.Boolean(),
                options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
                skip: Type.Array(Type.Object({ value: Type.String(), goto: Type.String() })),
                next: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const { slug } = req.params as { slug: string };
      const loaded = await service.loadBySlug(db, slug);
      if (!loaded || loaded.survey.status === 'draft') throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
      const lang = langOf(req, loaded.survey);
      const dyn = await service.dynamicOptions(db);
      return {
        survey: definitionOf(loaded.survey),
        contactEnabled: loaded.survey.contactEnabled,
        questions: loaded.questions.map((q, i) => ({
          key: q.key,
          number: i + 1,
          type: q.type,
          text: t(q.text, lang),
          help: t(q.help, lang),
          required: q.required,
          options: q.type === 'text' ? [] : optionsOf(q, dyn).map((o) => ({ value: o.v, label: t(o, lang) })),
          skip: q.rules.map((r) => ({ value: r.v, goto: r.goto })),
          next: q.next,
        })),
      };
    },
  );

  app.post(
    '/api/v1/surveys/:slug/responses',
    {
      config: { rateLimit: submitLimit },
      bodyLimit: SUBMIT_BODY_LIMIT,
      schema: {
        tags: ['surveys'],
        summary:
          'Gửi một câu trả lời khảo sát. Trả 201 chỉ sau khi đã lưu bền vững; gửi lại với cùng Idempotency-Key không tạo bản trùng.',
        params: SlugParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })),
        }),
        body: SubmitBody,
        response: {
          201: Type.Object({ id: Type.Integer(), survey: Type.String(), replayed: Type.Boolean() }),
          400: ErrorShape,
          404: ErrorShape,
          409: ErrorShape,
          413: ErrorShape,
          429: ErrorShape,
        },
      },
    },
    async (req, reply) => {
      const { slug } = req.params as { slug: string };
      const body = req.body as {
        answers: Record<string, unknown>;
        lang?: Lang;
        source?: string;
        contact?: string;
        consent?: boolean;
      };
      const key = req.headers['idempotency-key'];
      const res = await service.submitResponse(db, {
        slug,
        answers: body.answers,
        lang: body.lang ?? 'vi',
        source: body.source ?? null,
        contact: body.contact ?? null,
        consent: body.consent,
        channel: 'api',
        idempotencyKey: typeof key === 'string' ? `api:${key}` : null,
      });
      if (!res.ok) throw new AppError('validation_failed', res.errors.map((e) => e.message).join(' '));
      if (res.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({ id: res.id, survey: slug, replayed: res.replayed });
    },
  );

  app.get(
    '/api/v1/surveys/:slug/results',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Kết quả đã công bố của một khảo sát (số lượng, tỷ lệ, chỉ số hài lòng, NPS)',
        params: SlugParams,
        response: {
          200: Type.Object({
            responses: Type.Integer(),
            satisfactionIndex: Type.Union([Type.Number(), Type.Null()]),
            nps: Type.Union([Type.Number(), Type.Null()]),
            questions: Type.Array(
              Type.Object({
                key: Type.String(),
                text: Type.String(),
                answered: Type.Integer(),
                counts: Type.Array(
                  Type.Object({ value: Type.String(), label: Type.String(), n: Type.Integer(), pct: Type.Number() }),
                ),
              }),
            ),
          }),
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const { slug } = req.params as { slug: string };
      const { results } = await publishedResults(slug, 'vi');
      return {
        responses: results.total,
        satisfactionIndex: results.satisfaction,
        nps: results.nps?.score ?? null,
        questions: results.questions.map((q) => ({
          key: q.question.key,
          text: q.question.text.vi,
          answered: q.answered,
          counts: q.rows.map((r) => ({ value: r.value, label: r.label, n: r.n, pct: r.pct })),
        })),
      };
    },
  );

  // ---- Back office: builder -------------------------------------------------------------------------------

  const audienceOptions = async () => (await listAudiences(db)).map((a) => ({ value: a.id, label: a.name }));

  app.get('/quan-tri/khao-sat', { preHandler: requireRole(...RESULT_READERS) }, async (req, reply) => {
    const user = currentUser(req);
    const rows = (await repo.listSurveys(db)).map((r) => ({ ...toSurvey(r), responses: r.responses }));
    if (user.role === 'unit_officer') {
      const scope = user.unitId ? await unitScopeIds(db, user.unitId) : [];
      for (const r of rows) r.responses = await repo.responseCount(db, r.id, { unitIds: scope });
    }
    return sendPage(req, reply, <AdminSurveysPage rows={rows} canEdit={isEditor(req)} />);
  });

  const emptySurveyForm: service.SurveyForm = {
    slug: '',
    title_vi: '',
    title_en: '',
    intro_vi: '',
    intro_en: '',
    starts_on: '',
    ends_on: '',
    audiences: [],
    is_satisfaction: false,
    contact_enabled: false,
  };

  app.get('/quan-tri/khao-sat/moi', { preHandler: requireRole(...EDITORS) }, async (req, reply) =>
    sendPage(req, reply, <SurveyEditPage form={emptySurveyForm} audiences={await audienceOptions()} />),
  );

  app.post('/quan-tri/khao-sat/moi', { preHandler: requireRole(...EDITORS) }, async (req, reply) => {
    const form = service.surveyFormFrom((req.body ?? {}) as Record<string, unknown>);
    const res = await service.createSurvey(db, currentUser(req), form);
    if ('errors' in res) {
      return sendPage(req, reply, <SurveyEditPage form={form} errors={res.errors} audiences={await audienceOptions()} />, 400);
    }
    req.session.flash = 'Đã tạo khảo sát. Hãy thêm câu hỏi rồi mở khảo sát.';
    return redirect(reply, `/quan-tri/khao-sat/${res.id}`);
  });

  const overview = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { placementForm?: service.PlacementForm; placementErrors?: FieldError[] } = {},
    status = 200,
  ) => {
    const { survey, questions } = await service.loadById(db, id);
    const [placements, responses, dyn] = await Promise.all([
      repo.listPlacements(db, id),
      repo.countResponses(db, id),
      service.dynamicOptions(db),
    ]);
    return sendPage(
      req,
      reply,
      <SurveyOverviewPage
        survey={survey}
        questions={questions}
        placements={placements}
        responses={responses}
        canEdit={isEditor(req)}
        flash={takeFlash(req)}
        publicUrl={config.publicUrl}
        dyn={dyn}
        {...extra}
      />,
      status,
    );
  };

  app.get('/quan-tri/khao-sat/:id', { preHandler: requireRole(...READERS), schema: { params: IdParams } }, async (req, reply) =>
    overview(req, reply, (req.params as { id: number }).id),
  );

  app.get(
    '/quan-tri/khao-sat/:id/sua',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const { survey } = await service.loadById(db, id);
      return sendPage(
        req,
        reply,
        <SurveyEditPage id={id} form={service.surveyFormOf(survey)} audiences={await audienceOptions()} />,
      );
    },
  );

  app.post(
    '/quan-tri/khao-sat/:id/sua',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const form = service.surveyFormFrom((req.body ?? {}) as Record<string, unknown>);
      const errors = await service.updateSurvey(db, currentUser(req), id, form);
      if (errors.length) {
        return sendPage(
          req,
          reply,
          <SurveyEditPage id={id} form={form} errors={errors} audiences={await audienceOptions()} />,
          400,
        );
      }
      req.session.flash = 'Đã lưu thông tin khảo sát.';
      return redirect(reply, `/quan-tri/khao-sat/${id}`);
    },
  );

  app.post(
    '/quan-tri/khao-sat/:id/trang-thai',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const status = str((req.body as Record<string, unknown> | undefined)?.status);
      if (status !== 'open' && status !== 'closed' && status !== 'draft')
        throw new AppError('bad_request', 'Trạng thái không hợp lệ.');
      await service.setStatus(db, currentUser(req), id, status);
      req.session.flash =
        status === 'open' ? 'Đã mở khảo sát.' : status === 'closed' ? 'Đã đóng khảo sát.' : 'Đã chuyển về bản nháp.';
      return redirect(reply, `/quan-tri/khao-sat/${id}`);
    },
  );

  app.post(
    '/quan-tri/khao-sat/:id/cong-bo',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const pub = str((req.body as Record<string, unknown> | undefined)?.public) === '1';
      await service.setResultsPublic(db, currentUser(req), id, pub);
      req.session.flash = pub ? 'Đã công bố kết quả khảo sát.' : 'Đã thôi công bố kết quả.';
      return redirect(reply, `/quan-tri/khao-sat/${id}`);
    },
  );

  const emptyQuestion: service.QuestionForm = {
    type: 'single',
    text_vi: '',
    text_en: '',
    help_vi: '',
    help_en: '',
    required: false,
    satisfaction: false,
    options: '',
    next: '',
    rules: {},
  };

  app.get(
    '/quan-tri/khao-sat/:id/cau-hoi/moi',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const { survey, questions } = await service.loadById(db, id);
      return sendPage(
        req,
        reply,
        <QuestionEditPage survey={survey} form={emptyQuestion} questions={questions} dyn={await service.dynamicOptions(db)} />,
      );
    },
  );

  app.post(
    '/quan-tri/khao-sat/:id/cau-hoi/moi',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const form = service.questionFormFrom((req.body ?? {}) as Record<string, unknown>);
      const res = await service.addQuestion(db, currentUser(req), id, form);
      if ('errors' in res) {
        const { survey, questions } = await service.loadById(db, id);
        return sendPage(
          req,
          reply,
          <QuestionEditPage
            survey={survey}
            form={form}
            errors={res.errors}
            questions={questions}
            dyn={await service.dynamicOptions(db)}
          />,
          400,
        );
      }
      req.session.flash = 'Đã thêm câu hỏi.';
      return redirect(reply, `/quan-tri/khao-sat/${id}`);
    },
  );

  const questionOf = async (id: number, qid: number) => {
    const loaded = await service.loadById(db, id);
    const question = loaded.questions.find((q) => q.id === qid);
    if (!question) throw new AppError('not_found', 'Không tìm thấy câu hỏi này.');
    return { ...loaded, question };
  };

  app.get(
    '/quan-tri/khao-sat/:id/cau-hoi/:qid',
    { preHandler: requireRole(...EDITORS), schema: { params: QuestionParams } },
    async (req, reply) => {
      const { id, qid } = req.params as { id: number; qid: number };
      const { survey, questions, question } = await questionOf(id, qid);
      return sendPage(
        req,
        reply,
        <QuestionEditPage
          survey={survey}
          question={question}
          form={service.questionFormOf(question)}
          questions={questions}
          dyn={await service.dynamicOptions(db)}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/khao-sat/:id/cau-hoi/:qid',
    { preHandler: requireRole(...EDITORS), schema: { params: QuestionParams } },
    async (req, reply) => {
      const { id, qid } = req.params as { id: number; qid: number };
      const form = service.questionFormFrom((req.body ?? {}) as Record<string, unknown>);
      const errors = await service.updateQuestion(db, currentUser(req), id, qid, form);
      if (errors.length) {
        const { survey, questions, question } = await questionOf(id, qid);
        return sendPage(
          req,
          reply,
          <QuestionEditPage
            survey={survey}
            question={question}
            form={form}
            errors={errors}
            questions={questions}
            dyn={await service.dynamicOptions(db)}
          />,
          400,
        );
      }
      req.session.flash = 'Đã lưu câu hỏi.';
      return redirect(reply, `/quan-tri/khao-sat/${id}`);
    },
  );

  for (const [path, dir] of [
    ['len', 'up'],
    ['xuong', 'down'],
  ] as const) {
    app.post(
      `/quan-tri/khao-sat/:id/cau-hoi/:qid/${path}`,
      { preHandler: requireRole(...EDITORS), schema: { params: QuestionParams } },
      async (req, reply) => {
        const { id, qid } = req.params as { id: number; qid: number };
        const removed = await service.moveQuestion(db, currentUser(req), id, qid, dir);
        req.session.flash = removed
          ? `Đã đổi thứ tự. ${removed} quy tắc chuyển câu không còn trỏ về phía sau nên đã bị bỏ: hãy kiểm tra lại.`
          : 'Đã đổi thứ tự câu hỏi.';
        return redirect(reply, `/quan-tri/khao-sat/${id}`);
      },
    );
  }

  app.post(
    '/quan-tri/khao-sat/:id/cau-hoi/:qid/xoa',
    { preHandler: requireRole(...EDITORS), schema: { params: QuestionParams } },
    async (req, reply) => {
      const { id, qid } = req.params as { id: number; qid: number };
      await service.deleteQuestion(db, currentUser(req), id, qid);
      req.session.flash = 'Đã xóa câu hỏi.';
      return redirect(reply, `/quan-tri/khao-sat/${id}`);
    },
  );

  // ---- Back office: placements and QR codes ------------------------------------------------------------

  app.post(
    '/quan-tri/khao-sat/:id/diem-phat',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const b = (req.body ?? {}) as Record<string, unknown>;
      const form = { name: str(b.name).trim(), source: str(b.source).trim(), unit: str(b.unit) };
      const res = await service.addPlacement(db, currentUser(req), id, form);
      if ('errors' in res) return overview(req, reply, id, { placementForm: form, placementErrors: res.errors }, 400);
      req.session.flash = `Đã thêm điểm phát "${form.name}".`;
      return redirect(reply, `/quan-tri/khao-sat/${id}#diem-phat`);
    },
  );

  app.post(
    '/quan-tri/khao-sat/:id/diem-phat/:pid/xoa',
    { preHandler: requireRole(...EDITORS), schema: { params: PlacementParams } },
    async (req, reply) => {
      const { id, pid } = req.params as { id: number; pid: number };
      await service.removePlacement(db, currentUser(req), id, pid);
      req.session.flash = 'Đã xóa điểm phát. Câu trả lời cũ vẫn giữ mã nguồn.';
      return redirect(reply, `/quan-tri/khao-sat/${id}#diem-phat`);
    },
  );

  const qrTarget = async (req: FastifyRequest) => {
    const { id } = req.params as { id: number };
    const { survey } = await service.loadById(db, id);
    const nguon = str((req.query as Record<string, unknown>).nguon);
    if (nguon && !(await repo.findPlacement(db, id, nguon))) throw new AppError('not_found', 'Không tìm thấy điểm phát này.');
    const url = `${config.publicUrl}/khao-sat/${survey.slug}${nguon ? `?nguon=${nguon}` : ''}`;
    return { url, name: `khao-sat-${survey.slug}${nguon ? `-${nguon}` : ''}` };
  };

  app.get(
    '/quan-tri/khao-sat/:id/qr.png',
    { preHandler: requireRole(...READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const { url, name } = await qrTarget(req);
      const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 1024 });
      return reply.type('image/png').header('content-disposition', `inline; filename="${name}.png"`).send(png);
    },
  );

  app.get(
    '/quan-tri/khao-sat/:id/qr.svg',
    { preHandler: requireRole(...READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const { url, name } = await qrTarget(req);
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      return reply.type('image/svg+xml').header('content-disposition', `inline; filename="${name}.svg"`).send(svg);
    },
  );

  // ---- Back office: results and exports ------------------------------------------------------------------

  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const resultsContext = async (req: FastifyRequest) => {
    const { id } = req.params as { id: number };
    const user: SignedInUser = currentUser(req);
    const { survey, questions } = await service.loadById(db, id);
    const dyn = await service.dynamicOptions(db);
    const q = req.query as Record<string, unknown>;
    const values: ResultsFilterValues = {
      'doi-tuong': dyn.audiences.some((a) => a.v === str(q['doi-tuong'])) ? str(q['doi-tuong']) : '',
      nguon: new RegExp(SOURCE_PATTERN).test(str(q.nguon)) ? str(q.nguon) : '',
      'don-vi': dyn.communes.some((c) => c.v === str(q['don-vi'])) ? str(q['don-vi']) : '',
      tu: DATE.test(str(q.tu)) ? str(q.tu) : '',
      den: DATE.test(str(q.den)) ? str(q.den) : '',
    };
    const filter: repo.ResponseFilter = {
      audienceId: values['doi-tuong'] || undefined,
      source: values.nguon || undefined,
      fromIso: values.tu ? dayStartUtc(values.tu) : undefined,
      toIsoExclusive: values.den ? dayStartUtc(values.den, 1) : undefined,
    };
    const chosen = values['don-vi'] ? dyn.communes.find((c) => c.v === values['don-vi'])!.unitId : null;
    let scopedTo: string | null = null;
    if (user.role === 'unit_officer') {
      const scope = user.unitId ? await unitScopeIds(db, user.unitId) : [];
      filter.unitIds = chosen !== null ? scope.filter((x) => x === chosen) : scope;
      scopedTo = user.unitId ? ((await findUnit(db, user.unitId))?.full_name ?? 'đơn vị của bạn') : 'đơn vị của bạn';
    } else if (chosen !== null) {
      filter.unitIds = [chosen];
    }
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as Array<[string, string]>).toString();
    return { user, survey, questions, dyn, values, filter, scopedTo, exportQuery: params ? `?${params}` : '' };
  };

  app.get(
    '/quan-tri/khao-sat/:id/ket-qua',
    { preHandler: requireRole(...RESULT_READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const c = await resultsContext(req);
      const results = await computeResults(db, c.survey, c.questions, c.dyn, c.filter, { includeTexts: true });
      const placements = await repo.listPlacements(db, c.survey.id);
      const sources = [
        ...new Set([...placements.map((p) => p.source), ...results.breakdowns.source.map((s) => s.key).filter(Boolean)]),
      ];
      return sendPage(
        req,
        reply,
        <AdminResultsPage
          survey={c.survey}
          results={results}
          filter={c.values}
          audiences={c.dyn.audiences.map((a) => ({ value: a.v, label: a.vi }))}
          sources={sources.map((s) => ({ value: s, label: placements.find((p) => p.source === s)?.name ?? s }))}
          units={c.dyn.communes.map((u) => ({ value: u.v, label: u.vi }))}
          exportQuery={c.exportQuery}
          scopedTo={c.scopedTo}
          showTexts
        />,
      );
    },
  );

  app.get(
    '/quan-tri/khao-sat/:id/ket-qua.csv',
    { preHandler: requireRole(...RESULT_READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const c = await resultsContext(req);
      const buf = await exportCsv(db, c.survey, c.questions, c.dyn, c.filter, {
        includeContact: (EDITORS as readonly string[]).includes(c.user.role),
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="khao-sat-${c.survey.slug}.csv"`)
        .send(buf);
    },
  );

  app.get(
    '/quan-tri/khao-sat/:id/ket-qua.xlsx',
    { preHandler: requireRole(...RESULT_READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const c = await resultsContext(req);
      const results = await computeResults(db, c.survey, c.questions, c.dyn, c.filter);
      const buf = await exportXlsx(db, c.survey, c.questions, c.dyn, c.filter, results, {
        includeContact: (EDITORS as readonly string[]).includes(c.user.role),
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="khao-sat-${c.survey.slug}.xlsx"`)
        .send(buf);
    },
  );
}
