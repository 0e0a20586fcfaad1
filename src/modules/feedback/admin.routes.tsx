// Back office: the feedback queue (scoped to the officer's units), staff entry, the workflow, settings.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { currentUser, requireRole, type Role, takeFlash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, sendPage, type FormErrors, type SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { unitScopeIds, UNIT_TYPE_LABELS } from '../org/index.js';
import { createApiKey, listApiKeys, revokeApiKey } from './feedback.apikeys.js';
import { CHANNELS, STAFF_CHANNELS, STATUS_LABELS, STATUSES } from './feedback.labels.js';
import * as repo from './feedback.repository.js';
import { feedbackService, fillTemplate, normalizeCode, requestHash, type FeedbackInput } from './feedback.service.js';
import * as settings from './feedback.settings.js';
import type { Channel, FeedbackStatus } from './feedback.table.js';
import {
  DetailPage,
  EntryPage,
  ListPage,
  PublishPage,
  type AdminLinks,
  type DetailData,
  type ListFilters,
} from './views/admin.js';
import type { FeedbackFormValues, FormOptions } from './views/public.js';
import { ApiKeysPage, CalendarPage, CategoriesPage, RulesPage, TemplatesPage } from './views/settings.js';
import { vnDate } from './working-days.js';

const READERS: Role[] = ['admin', 'editor', 'unit_officer', 'viewer'];
const WRITERS: Role[] = ['admin', 'editor', 'unit_officer'];
const CONFIG: Role[] = ['admin', 'editor'];
const PAGE_SIZE = 50;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

function links(user: SignedInUser): AdminLinks {
  return {
    canWrite: WRITERS.includes(user.role),
    canConfigure: CONFIG.includes(user.role),
    isAdmin: user.role === 'admin',
  };
}

/** Which action form an error of the service belongs to. */
const ACTION_FIELD: Record<string, string> = {
  'tra-loi': 'answer',
  'trang-thai': 'status-note',
  chuyen: 'unit',
  gop: 'main-code',
  'ghi-chu': 'note',
};

export async function adminRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const svc = feedbackService(deps);
  const { db } = deps;
  const readers = requireRole(...READERS);
  const writers = requireRole(...WRITERS);
  const config = requireRole(...CONFIG);
  const adminOnly = requireRole('admin');

  const formOptions = async (): Promise<FormOptions> => {
    const ref = await svc.refData();
    return {
      categories: ref.categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name })),
      topics: svc.topics().map((t) => ({ value: t.id, label: t.title })),
      communes: ref.communes.map((c) => ({ value: c.code!, label: c.full_name })),
    };
  };
  const unitOptions = async (valueOf: (u: { id: number; code: string | null }) => string) => {
    const ref = await svc.refData();
    return ref.units
      .filter((u) => u.type !== 'city' && u.type !== 'district')
      .sort((a, b) => a.type.localeCompare(b.type) || a.full_name.localeCompare(b.full_name, 'vi'))
      .map((u) => ({ value: valueOf(u), label: `${u.full_name} (${UNIT_TYPE_LABELS[u.type]})` }));
  };

  // ---- The queue ------------------------------------------------------------------------------

  app.get('/quan-tri/phan-anh', { preHandler: readers }, async (req, reply) => {
    const user = currentUser(req);
    const q = req.query as Record<string, unknown>;
    const filters: ListFilters = {
      status: (STATUSES as string[]).includes(str(q['trang-thai'])) ? str(q['trang-thai']) : '',
      overdue: str(q['qua-han']) === '1',
      unit: /^\d{1,9}$/.test(str(q['don-vi'])) ? str(q['don-vi']) : '',
      category: str(q.nhom).slice(0, 60),
      channel: (CHANNELS as string[]).includes(str(q.kenh)) ? str(q.kenh) : '',
      code: str(q.ma).slice(0, 30),
    };
    const officer = user.role === 'unit_officer';
    const scope = officer ? (user.unitId ? await unitScopeIds(db, user.unitId) : []) : undefined;
    const unitIds = filters.unit ? (scope ? scope.filter((id) => id === Number(filters.unit)) : [Number(filters.unit)]) : scope;
    const today = vnDate();
    const f: repo.ListFilter = {
      unitIds,
      statuses: filters.status ? [filters.status as FeedbackStatus] : undefined,
      categoryId: filters.category || undefined,
      channel: (filters.channel || undefined) as Channel | undefined,
      overdueOn: filters.overdue ? today : undefined,
      code: filters.code ? (normalizeCode(filters.code) ?? '-') : undefined,
      includeMerged: Boolean(filters.code),
    };
    const total = await repo.countItems(db, f);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number(str(q.trang)) || 1));
    const rows = await repo.listItems(db, f, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const ref = await svc.refData();
    const unitName = user.unitId ? ref.unitById.get(user.unitId)?.full_name : undefined;
    return sendPage(
      req,
      reply,
      <ListPage
        rows={rows.map((r) => ({ ...r, overdue: (r.status === 'new' || r.status === 'in_progress') && today > r.deadline_on }))}
        total={total}
        page={page}
        pages={pages}
        filters={filters}
        units={officer ? null : await unitOptions((u) => String(u.id))}
        categories={ref.categories.map((c) => ({ value: c.id, label: c.name }))}
        links={links(user)}
        scopeNote={officer ? `Bạn thấy phản ánh của ${unitName ?? 'đơn vị bạn'} và các đơn vị trực thuộc.` : null}
        flash={takeFlash(req)}
      />,
    );
  });

  // ---- Staff entry (hotline, one-stop desk) ----------------------------------------------------

  const emptyEntry = (): FeedbackFormValues => ({
    content: '',
    category: '',
    topic: '',
    commune: '',
    name: '',
    phone: '',
    email: '',
    consent: false,
    submissionId: crypto.randomUUID(),
    from: '',
  });

  app.get('/quan-tri/phan-anh/moi', { preHandler: writers }, async (req, reply) => {
    const user = currentUser(req);
    const ref = await svc.refData();
    const own = user.unitId ? ref.unitById.get(user.unitId) : undefined;
    const v = { ...emptyEntry(), commune: own?.type === 'commune' ? own.code! : '' };
    return sendPage(req, reply, <EntryPage v={v} channel="hotline" options={await formOptions()} links={links(user)} />);
  });

  app.post('/quan-tri/phan-anh/moi', { preHandler: writers }, async (req, reply) => {
    const user = currentUser(req);
    const b = body(req);
    const channel = str(b.channel);
    const v: FeedbackFormValues = {
      content: str(b.content).slice(0, 5000),
      category: str(b.category),
      topic: str(b.topic),
      commune: str(b.commune),
      name: str(b.name).slice(0, 200),
      phone: str(b.phone).slice(0, 40),
      email: str(b.email).slice(0, 300),
      consent: str(b.consent) === '1',
      submissionId: /^[0-9a-f-]{36}$/.test(str(b['ma-gui'])) ? str(b['ma-gui']) : crypto.randomUUID(),
      from: '',
    };
    const input: FeedbackInput = {
      content: v.content,
      category: v.category,
      topic: v.topic,
      commune: v.commune,
      contact: { name: v.name, phone: v.phone, email: v.email },
      consent: v.consent,
    };
    const { errors } = await svc.check(input);
    if (!(STAFF_CHANNELS as string[]).includes(channel))
      errors.unshift({ field: 'channel', message: 'Chọn kênh đã nhận phản ánh.' });
    if (errors.length) {
      return sendPage(
        req,
        reply,
        <EntryPage v={v} channel={channel} options={await formOptions()} errors={errors} links={links(user)} />,
        400,
      );
    }
    const res = await svc.submit(input, channel as Channel, {
      actorId: user.id,
      idempotency: { key: v.submissionId, route: 'POST /quan-tri/phan-anh/moi', requestHash: requestHash({ input, channel }) },
    });
    req.session.flash = `Đã lưu phản ánh ${res.code}. Hãy đọc mã này cho người dân để tra cứu.`;
    return redirect(reply, `/quan-tri/phan-anh/${res.code}`);
  });

  // ---- One item -------------------------------------------------------------------------------

  const renderDetail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    opts: { errors?: FormErrors; status?: number; values?: Record<string, string> } = {},
  ) => {
    const user = currentUser(req);
    const item = await svc.itemForStaff(user, code);
    const ref = await svc.refData();
    const canWrite = WRITERS.includes(user.role);
    const [history, merged, main, templates] = await Promise.all([
      repo.historyOf(db, item.id, false),
      repo.mergedInto(db, item.id),
      item.merged_into_id ? repo.findById(db, item.merged_into_id) : Promise.resolve(undefined),
      repo.listTemplates(db),
    ]);
    const unitName = await svc.unitName(db, item.unit_id);
    let answerDraft = item.answer ?? '';
    const mau = Number(str((req.query as Record<string, unknown>).mau));
    if (mau) {
      const t = templates.find((x) => x.id === mau);
      if (t) answerDraft = fillTemplate(t.body, { code: item.code, unitName, today: vnDate() });
    }
    const today = vnDate();
    const data: DetailData = {
      item,
      overdue: (item.status === 'new' || item.status === 'in_progress') && today > item.deadline_on,
      unitName,
      communeName: item.commune_id ? await svc.unitName(db, item.commune_id) : null,
      categoryName: item.category_id ? (ref.categoryById.get(item.category_id)?.name ?? item.category_id) : null,
      topicTitle: item.topic_id ? (svc.topics().find((t) => t.id === item.topic_id)?.title ?? item.topic_id) : null,
      mergedInto: main?.code ?? null,
      merged: merged.map((m) => m.code),
      showContact: user.role !== 'viewer',
      history,
      duplicates: canWrite && !item.merged_into_id ? await svc.duplicates(user, item) : [],
      templates: templates.map((t) => ({ value: String(t.id), label: t.title })),
      statusOptions: (['in_progress', 'needs_info', 'closed'] as FeedbackStatus[])
        .filter((s) => s !== item.status && (item.status !== 'closed' || s === 'in_progress'))
        .filter((s) => !(item.status === 'answered' && s === 'needs_info'))
        .map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      units: await unitOptions((u) => String(u.id)),
      answerDraft,
      canWrite,
      canPublish: CONFIG.includes(user.role),
      links: links(user),
      flash: takeFlash(req),
      errors: opts.errors,
      values: opts.values,
    };
    return sendPage(req, reply, <DetailPage {...data} />, opts.status ?? 200);
  };

  app.get('/quan-tri/phan-anh/:code', { preHandler: readers, schema: { params: CodeParams } }, async (req, reply) =>
    renderDetail(req, reply, (req.params as { code: string }).code),
  );

  /** Run a workflow action; a validation or conflict error re-renders the page with the message by the field. */
  const action = (name: string, run: (user: SignedInUser, code: string, b: Record<string, unknown>) => Promise<string>) =>
    app.post(`/quan-tri/phan-anh/:code/${name}`, { preHandler: writers, schema: { params: CodeParams } }, async (req, reply) => {
      const user = currentUser(req);
      const code = (req.params as { code: string }).code;
      const b = body(req);
      try {
        req.session.flash = await run(user, code, b);
      } catch (e) {
        if (e instanceof AppError && (e.code === 'validation_failed' || e.code === 'conflict')) {
          const values = Object.fromEntries(Object.entries(b).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
          return renderDetail(req, reply, code, {
            errors: [{ field: ACTION_FIELD[name] ?? 'answer', message: e.message }],
            status: e.status,
            values,
          });
        }
        throw e;
      }
      return redirect(reply, `/quan-tri/phan-anh/${normalizeCode(code) ?? ''}`);
    });

  action('tra-loi', async (user, code, b) => {
    await svc.answer(user, code, str(b.answer));
    return 'Đã gửi câu trả lời.';
  });
  action('trang-thai', async (user, code, b) => {
    const to = str(b.status);
    if (!(STATUSES as string[]).includes(to)) throw new AppError('validation_failed', 'Chọn tình trạng mới.');
    await svc.changeStatus(user, code, to as FeedbackStatus, str(b['status-note']));
    return `Đã chuyển sang "${STATUS_LABELS[to as FeedbackStatus]}".`;
  });
  action('chuyen', async (user, code, b) => {
    await svc.transfer(user, code, Number(str(b.unit)) || 0, str(b['transfer-note']));
    return 'Đã chuyển đơn vị.';
  });
  action('gop', async (user, code, b) => {
    await svc.merge(user, code, str(b['main-code']));
    return 'Đã gộp vào phản ánh chính.';
  });
  action('ghi-chu', async (user, code, b) => {
    await svc.addNote(user, code, str(b.note));
    return 'Đã lưu ghi chú.';
  });

  // ---- Publication (Center editors) -----------------------------------------------------------

  app.get('/quan-tri/phan-anh/:code/cong-khai', { preHandler: config, schema: { params: CodeParams } }, async (req, reply) => {
    const item = await svc.itemForStaff(currentUser(req), (req.params as { code: string }).code, true);
    if (!item.answer || item.merged_into_id) throw new AppError('conflict', 'Chỉ công khai được phản ánh đã có câu trả lời.');
    return sendPage(
      req,
      reply,
      <PublishPage code={item.code} original={{ content: item.content, answer: item.answer }} draft={svc.redactedDraft(item)} />,
    );
  });

  app.post('/quan-tri/phan-anh/:code/cong-khai', { preHandler: config, schema: { params: CodeParams } }, async (req, reply) => {
    const user = currentUser(req);
    const b = body(req);
    const code = (req.params as { code: string }).code;
    try {
      await svc.publish(user, code, str(b['public-content']), str(b['public-answer']));
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation_failed') {
        const item = await svc.itemForStaff(user, code, true);
        return sendPage(
          req,
          reply,
          <PublishPage
            code={item.code}
            original={{ content: item.content, answer: item.answer ?? '' }}
            draft={{ content: str(b['public-content']), answer: str(b['public-answer']) }}
            errors={[{ field: 'public-content', message: e.message }]}
          />,
          400,
        );
      }
      throw e;
    }
    req.session.flash = 'Đã công khai trên trang Công khai.';
    return redirect(reply, `/quan-tri/phan-anh/${normalizeCode(code) ?? ''}`);
  });

  app.post(
    '/quan-tri/phan-anh/:code/thoi-cong-khai',
    { preHandler: config, schema: { params: CodeParams } },
    async (req, reply) => {
      const code = (req.params as { code: string }).code;
      await svc.unpublish(currentUser(req), code);
      req.session.flash = 'Đã thôi công khai.';
      return redirect(reply, `/quan-tri/phan-anh/${normalizeCode(code) ?? ''}`);
    },
  );

  // ---- Settings: templates --------------------------------------------------------------------

  const renderTemplates = async (
    req: FastifyRequest,
    reply: FastifyReply,
    editingId: number | null,
    v?: { title: string; body: string },
    errors?: FormErrors,
  ) => {
    const templates = await repo.listTemplates(db);
    const editing = editingId ? templates.find((t) => t.id === editingId) : undefined;
    if (editingId && !editing) throw new AppError('not_found', 'Không tìm thấy mẫu này.');
    return sendPage(
      req,
      reply,
      <TemplatesPage
        templates={templates}
        editingId={editingId}
        v={v ?? { title: editing?.title ?? '', body: editing?.body ?? '' }}
        errors={errors}
        flash={takeFlash(req)}
      />,
      errors ? 400 : 200,
    );
  };

  app.get('/quan-tri/phan-anh/mau-tra-loi', { preHandler: config }, async (req, reply) => renderTemplates(req, reply, null));
  app.get('/quan-tri/phan-anh/mau-tra-loi/:id', { preHandler: config, schema: { params: IdParams } }, async (req, reply) =>
    renderTemplates(req, reply, (req.params as { id: number }).id),
  );
  const saveTemplate = async (req: FastifyRequest, reply: FastifyReply, id: number | null) => {
    const b = body(req);
    const v = { title: str(b.title), body: str(b.body) };
    try {
      await settings.saveTemplate(svc, currentUser(req), id, v);
    } catch (e) {
      const fields = settings.fieldErrors(e);
      if (fields) return renderTemplates(req, reply, id, v, fields);
      throw e;
    }
    req.session.flash = 'Đã lưu mẫu trả lời.';
    return redirect(reply, '/quan-tri/phan-anh/mau-tra-loi');
  };
  app.post('/quan-tri/phan-anh/mau-tra-loi', { preHandler: config }, async (req, reply) => saveTemplate(req, reply, null));
  app.post('/quan-tri/phan-anh/mau-tra-loi/:id', { preHandler: config, schema: { params: IdParams } }, async (req, reply) =>
    saveTemplate(req, reply, (req.params as { id: number }).id),
  );
  app.post('/quan-tri/phan-anh/mau-tra-loi/:id/xoa', { preHandler: config, schema: { params: IdParams } }, async (req, reply) => {
    await settings.removeTemplate(svc, currentUser(req), (req.params as { id: number }).id);
    req.session.flash = 'Đã xóa mẫu.';
    return redirect(reply, '/quan-tri/phan-anh/mau-tra-loi');
  });

  // ---- Settings: categories -------------------------------------------------------------------

  const renderCategories = async (
    req: FastifyRequest,
    reply: FastifyReply,
    editingId: string | null,
    v?: settings.CategoryForm,
    errors?: FormErrors,
  ) => {
    const categories = await repo.listCategories(db);
    const editing = editingId ? categories.find((c) => c.id === editingId) : undefined;
    if (editingId && !editing) throw new AppError('not_found', 'Không tìm thấy nhóm này.');
    const value: settings.CategoryForm = v ?? {
      id: editing?.id ?? '',
      name: editing?.name ?? '',
      description: editing?.description ?? '',
      keywords: editing?.keywords ?? '',
      deadlineDays: String(editing?.deadline_days ?? 15),
      sort: String(editing?.sort ?? categories.length),
      active: editing ? Boolean(editing.active) : true,
    };
    return sendPage(
      req,
      reply,
      <CategoriesPage categories={categories} editingId={editingId} v={value} errors={errors} flash={takeFlash(req)} />,
      errors ? 400 : 200,
    );
  };
  const categoryForm = (b: Record<string, unknown>, id: string): settings.CategoryForm => ({
    id,
    name: str(b.name),
    description: str(b.description),
    keywords: str(b.keywords),
    deadlineDays: str(b.deadlineDays),
    sort: str(b.sort),
    active: str(b.active) === '1',
  });
  const CatParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,60}$' }) });

  app.get('/quan-tri/phan-anh/nhom', { preHandler: config }, async (req, reply) => renderCategories(req, reply, null));
  app.get('/quan-tri/phan-anh/nhom/:id', { preHandler: config, schema: { params: CatParams } }, async (req, reply) =>
    renderCategories(req, reply, (req.params as { id: string }).id),
  );
  const saveCategory = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const b = body(req);
    const f = categoryForm(b, id ?? str(b.id));
    try {
      await settings.saveCategory(svc, currentUser(req), f, id === null);
    } catch (e) {
      const fields = settings.fieldErrors(e);
      if (fields) return renderCategories(req, reply, id, f, fields);
      throw e;
    }
    req.session.flash = 'Đã lưu nhóm.';
    return redirect(reply, '/quan-tri/phan-anh/nhom');
  };
  app.post('/quan-tri/phan-anh/nhom', { preHandler: config }, async (req, reply) => saveCategory(req, reply, null));
  app.post('/quan-tri/phan-anh/nhom/:id', { preHandler: config, schema: { params: CatParams } }, async (req, reply) =>
    saveCategory(req, reply, (req.params as { id: string }).id),
  );

  // ---- Settings: routing rules ----------------------------------------------------------------

  const renderRules = async (
    req: FastifyRequest,
    reply: FastifyReply,
    v = { category: '', topic: '', target: 'unit', unitCode: '' },
    errors?: FormErrors,
  ) => {
    const ref = await svc.refData();
    const topics = svc.topics();
    const rules = ref.rules.map((r) => ({
      id: r.id,
      category: r.category_id ? (ref.categoryById.get(r.category_id)?.name ?? r.category_id) : 'Mọi nhóm',
      topic: r.topic_id ? (topics.find((t) => t.id === r.topic_id)?.title ?? r.topic_id) : 'Mọi thủ tục',
      target:
        (r.target === 'commune' ? 'Xã, phường người dân chọn; nếu không: ' : '') +
        (r.unit_code ? (ref.unitByCode.get(r.unit_code)?.full_name ?? r.unit_code) : 'Trung tâm Phục vụ hành chính công'),
    }));
    return sendPage(
      req,
      reply,
      <RulesPage
        rules={rules}
        categories={ref.categories.map((c) => ({ value: c.id, label: c.name }))}
        topics={topics.map((t) => ({ value: t.id, label: t.title }))}
        units={(await unitOptions((u) => u.code ?? '')).filter((o) => o.value)}
        v={v}
        errors={errors}
        flash={takeFlash(req)}
      />,
      errors ? 400 : 200,
    );
  };
  app.get('/quan-tri/phan-anh/phan-cong', { preHandler: config }, async (req, reply) => renderRules(req, reply));
  app.post('/quan-tri/phan-anh/phan-cong', { preHandler: config }, async (req, reply) => {
    const b = body(req);
    const v = { category: str(b.category), topic: str(b.topic), target: str(b.target), unitCode: str(b.unitCode) };
    try {
      await settings.addRule(svc, currentUser(req), v);
    } catch (e) {
      const fields = settings.fieldErrors(e);
      if (fields) return renderRules(req, reply, v, fields);
      throw e;
    }
    req.session.flash = 'Đã thêm quy tắc.';
    return redirect(reply, '/quan-tri/phan-anh/phan-cong');
  });
  app.post('/quan-tri/phan-anh/phan-cong/:id/xoa', { preHandler: config, schema: { params: IdParams } }, async (req, reply) => {
    await settings.removeRule(svc, currentUser(req), (req.params as { id: number }).id);
    req.session.flash = 'Đã xóa quy tắc.';
    return redirect(reply, '/quan-tri/phan-anh/phan-cong');
  });

  // ---- Settings: calendar ---------------------------------------------------------------------

  const renderCalendar = async (
    req: FastifyRequest,
    reply: FastifyReply,
    yearIn?: number,
    v = { date: '', kind: 'holiday', name: '' },
    errors?: FormErrors,
  ) => {
    const rows = await repo.listCalendar(db);
    const thisYear = Number(vnDate().slice(0, 4));
    const years = [...new Set([thisYear, thisYear + 1, ...rows.map((r) => Number(r.date.slice(0, 4)))])].sort();
    const year = yearIn && years.includes(yearIn) ? yearIn : thisYear;
    return sendPage(
      req,
      reply,
      <CalendarPage
        year={year}
        years={years}
        days={rows.filter((r) => r.date.startsWith(String(year)))}
        v={v}
        errors={errors}
        flash={takeFlash(req)}
      />,
      errors ? 400 : 200,
    );
  };
  app.get('/quan-tri/phan-anh/ngay-nghi', { preHandler: config }, async (req, reply) =>
    renderCalendar(req, reply, Number(str((req.query as Record<string, unknown>).nam)) || undefined),
  );
  app.post('/quan-tri/phan-anh/ngay-nghi', { preHandler: config }, async (req, reply) => {
    const b = body(req);
    const v = { date: str(b.date), kind: str(b.kind), name: str(b.name) };
    try {
      await settings.setCalendarDay(svc, currentUser(req), v);
    } catch (e) {
      const fields = settings.fieldErrors(e);
      if (fields) return renderCalendar(req, reply, Number(v.date.slice(0, 4)) || undefined, v, fields);
      throw e;
    }
    req.session.flash = 'Đã lưu ngày. Thời hạn của phản ánh mới sẽ tính theo lịch này.';
    return redirect(reply, `/quan-tri/phan-anh/ngay-nghi?nam=${v.date.slice(0, 4)}`);
  });
  app.post(
    '/quan-tri/phan-anh/ngay-nghi/:date/xoa',
    { preHandler: config, schema: { params: Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }) } },
    async (req, reply) => {
      const { date } = req.params as { date: string };
      await settings.removeCalendarDay(svc, currentUser(req), date);
      req.session.flash = 'Đã bỏ ngày khỏi lịch.';
      return redirect(reply, `/quan-tri/phan-anh/ngay-nghi?nam=${date.slice(0, 4)}`);
    },
  );

  // ---- Settings: partner API keys (system admin) ----------------------------------------------

  app.get('/quan-tri/phan-anh/khoa-api', { preHandler: adminOnly }, async (req, reply) =>
    sendPage(req, reply, <ApiKeysPage keys={await listApiKeys(db)} flash={takeFlash(req)} />),
  );
  app.post('/quan-tri/phan-anh/khoa-api', { preHandler: adminOnly }, async (req, reply) => {
    const name = str(body(req).name);
    try {
      const { key } = await createApiKey(db, currentUser(req), name);
      // Shown once, in this answer only: never stored, never put in a URL or the session.
      reply.header('cache-control', 'no-store');
      return sendPage(req, reply, <ApiKeysPage keys={await listApiKeys(db)} created={{ name: name.trim(), key }} />);
    } catch (e) {
      if (e instanceof AppError && e.code === 'validation_failed') {
        return sendPage(
          req,
          reply,
          <ApiKeysPage keys={await listApiKeys(db)} errors={[{ field: 'name', message: e.message }]} />,
          400,
        );
      }
      throw e;
    }
  });
  app.post(
    '/quan-tri/phan-anh/khoa-api/:id/thu-hoi',
    { preHandler: adminOnly, schema: { params: IdParams } },
    async (req, reply) => {
      await revokeApiKey(db, currentUser(req), (req.params as { id: number }).id);
      req.session.flash = 'Đã thu hồi khóa. Ứng dụng dùng khóa này không gửi được nữa.';
      return redirect(reply, '/quan-tri/phan-anh/khoa-api');
    },
  );
}
