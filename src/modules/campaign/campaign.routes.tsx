import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'preact';
import { Type, type TSchema } from 'typebox';
import { currentUser, requireRole, requireUser, takeFlash, type Role } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, sendPage, type FormErrors, type Option, type SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { findUnit, listAudiences, listUnits } from '../org/index.js';
import * as repo from './campaign.repository.js';
import * as svc from './campaign.service.js';
import type { ContentStatus } from './campaign.table.js';
import { ActivitiesPage, ActivityFormPage, ActivityPage } from './views/activity-pages.js';
import { CalendarPage, ContentFormPage, ContentListPage, ContentPage, ImportPage } from './views/content-pages.js';
import {
  ChannelEditPage,
  ChannelsPage,
  DutyFormPage,
  MessageFormPage,
  PhaseFormPage,
  PlanEditPage,
  PlanPage,
  TargetFormPage,
} from './views/plan-pages.js';

const { str, arr } = svc;
const CENTER = ['admin', 'editor'] as const;
const WORKERS = ['admin', 'editor', 'unit_officer'] as const;

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const EvidenceParams = Type.Object({ id: Type.Integer({ minimum: 1 }), eid: Type.Integer({ minimum: 1 }) });
const PubParams = Type.Object({ id: Type.Integer({ minimum: 1 }), pid: Type.Integer({ minimum: 1 }) });
const KeyParams = Type.Object({ key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,39}$' }) });
const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const MonthOrDate = Type.String({ pattern: '^\\d{4}-\\d{2}(-\\d{2})?$', description: 'YYYY-MM hoặc YYYY-MM-DD' });

type Body = Record<string, unknown>;
/** Who may use a route: any signed-in staff member, or these roles. */
type Roles = 'staff' | readonly Role[];

const body = (req: FastifyRequest) => (req.body ?? {}) as Body;
/** The year asked in the query string (`?nam=2025`). */
const yearQuery = (query: unknown): number | undefined => {
  const v = str((query as Record<string, unknown>).nam);
  return /^\d{4}$/.test(v) ? Number(v) : undefined;
};
const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;
const yearOf = (req: FastifyRequest) => (req.params as { year: number }).year;
const routeOptions = (roles: Roles, params?: TSchema) => ({
  preHandler: roles === 'staff' ? requireUser : requireRole(...roles),
  ...(params ? { schema: { params } } : {}),
});
/** The plan page of a year, at one of its sections. */
const planUrl = (year: number, section?: string) => `/quan-tri/chien-dich?nam=${year}${section ? `#${section}` : ''}`;

/** A form route as a table row: how to load its record, fill, read, save and show the form, and where to go once saved. */
interface FormSpec<C, F> {
  roles: Roles;
  params?: TSchema;
  load: (req: FastifyRequest) => Promise<C>;
  /** The values first shown (GET); without it the form is only posted (its page is another route). */
  initial?: (c: NoInfer<C>) => F | Promise<F>;
  read: (b: Body, c: NoInfer<C>) => F | Promise<F>;
  save: (c: NoInfer<C>, f: F, req: FastifyRequest) => Promise<FormErrors | { errors: FormErrors; id?: number }>;
  page: (c: NoInfer<C>, f: F, errors?: FormErrors) => JSX.Element | Promise<JSX.Element>;
  saved: (c: NoInfer<C>, f: F, id: number | undefined) => { flash: string; to: string };
}

/**
 * A workflow action on a record as a table row: what it does; the service's refusal of the input (form errors)
 * shows the record again with them, anything else sets the flash and goes back to the record (at `section`).
 */
interface ActionSpec<K> {
  path: string;
  roles: Roles;
  params?: TSchema;
  run: (a: svc.Access, p: { id: number } & Record<string, number>, b: Body, req: FastifyRequest) => Promise<FormErrors | void>;
  flash: string;
  section?: string;
  /** The input to show again with the errors. */
  keep?: (b: Body) => K;
}

export async function campaignRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  await app.register(fastifyMultipart, {
    limits: { fileSize: svc.EVIDENCE_MAX_BYTES, files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
  });

  const access = (req: FastifyRequest) => svc.accessFor(db, currentUser(req));

  /** GET shows the form, POST saves it: refused input is shown again with its errors (400), else POST/Redirect/GET. */
  const formRoute = <C, F>(path: string, o: FormSpec<C, F>) => {
    const options = routeOptions(o.roles, o.params);
    const { initial } = o;
    if (initial)
      app.get(path, options, async (req, reply) => {
        const c = await o.load(req);
        return sendPage(req, reply, await o.page(c, await initial(c)));
      });
    app.post(path, options, async (req, reply) => {
      const c = await o.load(req);
      const f = await o.read(body(req), c);
      const r = await o.save(c, f, req);
      const errors = Array.isArray(r) ? r : r.errors;
      if (errors.length) return sendPage(req, reply, await o.page(c, f, errors), 400);
      const done = o.saved(c, f, Array.isArray(r) ? undefined : r.id);
      req.session.flash = done.flash;
      return redirect(reply, done.to);
    });
  };

  /**
   * The page of each record under `base` (`${base}/:id`) and the actions on it (`${base}/:id/<path>`); an action whose
   * input is refused shows the page again with the errors (400).
   */
  const recordRoutes = <K,>(
    base: string,
    page: (req: FastifyRequest, id: number, errors?: FormErrors, kept?: K) => Promise<JSX.Element>,
    actions: Array<ActionSpec<K>>,
  ) => {
    const show = async (req: FastifyRequest, reply: FastifyReply, id: number, errors?: FormErrors, kept?: K) =>
      sendPage(req, reply, await page(req, id, errors, kept), errors?.length ? 400 : 200);
    app.get(`${base}/:id`, routeOptions('staff', IdParams), async (req, reply) => show(req, reply, idOf(req)));
    for (const x of actions)
      app.post(`${base}/:id/${x.path}`, routeOptions(x.roles, x.params ?? IdParams), async (req, reply) => {
        const p = req.params as { id: number } & Record<string, number>;
        const b = body(req);
        const errors = await x.run(await access(req), p, b, req);
        if (errors?.length) return show(req, reply, p.id, errors, x.keep?.(b));
        req.session.flash = x.flash;
        return redirect(reply, `${base}/${p.id}${x.section ? `#${x.section}` : ''}`);
      });
  };

  /**
   * The new and edit forms of the records a unit owns (activities, content items): `${base}/moi?nam=` starts from the
   * officer's unit, `${base}/:id/sua` from the record as it is (`current` refuses what may not be edited).
   */
  const unitRecordForms = <V, F>(
    base: string,
    o: {
      visible: (db: AppDeps['db'], a: svc.Access, id: number) => Promise<V>;
      row: (v: NoInfer<V>) => { id: number; plan_id: number };
      current: (v: NoInfer<V>) => F | Promise<F>;
      read: (b: Body) => F | Promise<F>;
      unitField: string;
      save: (
        db: AppDeps['db'],
        a: svc.Access,
        planId: number,
        id: number | null,
        f: F,
      ) => Promise<{ errors: FormErrors; id?: number }>;
      page: (c: { a: svc.Access; plan: repo.PlanRow; id?: number }, f: F, errors?: FormErrors) => Promise<JSX.Element>;
      created: string;
      saved: string;
    },
  ) => {
    formRoute(`${base}/moi`, {
      roles: WORKERS,
      load: async (req: FastifyRequest) => ({ a: await access(req), plan: await svc.requirePlan(db, yearQuery(req.query)) }),
      initial: ({ a }) => o.read({ [o.unitField]: a.user.unitId !== null ? String(a.user.unitId) : '' }),
      read: o.read,
      save: ({ a, plan }, f) => o.save(db, a, plan.id, null, f),
      page: o.page,
      saved: (_, __, id) => ({ flash: o.created, to: `${base}/${id}` }),
    });
    formRoute(`${base}/:id/sua`, {
      roles: WORKERS,
      params: IdParams,
      load: async (req: FastifyRequest) => {
        const a = await access(req);
        const v = await o.visible(db, a, idOf(req));
        const { id, plan_id } = o.row(v);
        return { a, v, id, plan: (await repo.findPlan(db, plan_id))! };
      },
      initial: ({ v }) => o.current(v),
      read: o.read,
      save: ({ a, plan, id }, f) => o.save(db, a, plan.id, id, f),
      page: o.page,
      saved: ({ id }) => ({ flash: o.saved, to: `${base}/${id}` }),
    });
  };

  /**
   * A list page that every staff member reads (unit officers see their units' records): `load` reads the query,
   * `view` shows it with the list's own parts (whether the user may add, the flash).
   */
  const listRoute = <D,>(
    path: string,
    load: (a: svc.Access, q: Record<string, unknown>) => Promise<D>,
    view: (d: D, list: { canCreate: boolean; flash?: string }) => JSX.Element,
  ) =>
    app.get(path, { preHandler: requireUser }, async (req, reply) => {
      const a = await access(req);
      const d = await load(a, req.query as Record<string, unknown>);
      return sendPage(req, reply, view(d, { canCreate: a.user.role !== 'viewer', flash: takeFlash(req) }));
    });

  /** A record of the plan (target, phase, message, duty) and the plan it belongs to; 404 when there is none. */
  const withPlan =
    <T extends { plan_id: number }>(find: (db: AppDeps['db'], id: number) => Promise<T | undefined>, missing: string) =>
    async (id: number) => {
      const item = await find(db, id);
      if (!item) throw new AppError('not_found', missing);
      return { item, plan: (await repo.findPlan(db, item.plan_id))! };
    };

  const unitOptions = async (scope: number[] | null): Promise<Option[]> => {
    const units = await listUnits(db, { activeOn: new Date().toISOString().slice(0, 10) });
    return units
      .filter((u) => scope === null || scope.includes(u.id))
      .map((u) => ({ value: String(u.id), label: u.full_name }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  };
  const channelOptions = async () =>
    (await repo.listChannels(db, { activeOnly: true })).map((c) => ({ value: c.key, label: c.name }));
  const audienceOptions = async () => (await listAudiences(db)).map((a) => ({ value: a.id, label: a.name }));
  const channelNames = async () => new Map((await repo.listChannels(db)).map((c) => [c.key, c.name]));
  const audienceNames = async () => new Map((await listAudiences(db)).map((a) => [a.id, a.name]));

  // ---- The plan --------------------------------------------------------------------------------

  app.get('/quan-tri/chien-dich', { preHandler: requireUser }, async (req, reply) => {
    const user = currentUser(req);
    const plan = await svc.requirePlan(db, yearQuery(req.query));
    const o = await svc.planOverview(db, plan);
    const unit = user.unitId !== null ? await findUnit(db, user.unitId) : undefined;
    const myDuties =
      user.role === 'unit_officer' && unit ? o.duties.filter((d) => d.unit_code === unit.code || d.unit_type === unit.type) : [];
    return sendPage(req, reply, <PlanPage o={o} canEdit={svc.isCenterRole(user)} myDuties={myDuties} flash={takeFlash(req)} />);
  });

  formRoute('/quan-tri/chien-dich/ke-hoach/:year/sua', {
    roles: CENTER,
    params: YearParams,
    load: (req) => svc.requirePlan(db, yearOf(req)),
    initial: (plan) => ({
      title: plan.title,
      mainMessage: plan.main_message,
      goals: (JSON.parse(plan.goals) as string[]).join('\n'),
    }),
    read: (b) => ({ title: str(b.title), mainMessage: str(b.mainMessage), goals: str(b.goals) }),
    save: (plan, f, req) => svc.savePlan(db, currentUser(req), plan, f),
    page: (plan, form, errors) => <PlanEditPage year={plan.year} form={form} errors={errors} />,
    saved: (plan) => ({ flash: 'Đã lưu kế hoạch.', to: `/quan-tri/chien-dich?nam=${plan.year}` }),
  });

  const yearText = (v: unknown) => str(v).trim();
  const asYear = (text: string) => (/^\d{4}$/.test(text) ? Number(text) : NaN);
  formRoute('/quan-tri/chien-dich/ke-hoach/sao-chep', {
    roles: CENTER,
    load: async () => undefined,
    read: (b) => ({ from: asYear(yearText(b.from)), to: asYear(yearText(b.to)), toText: yearText(b.to) }),
    save: (_, f, req) => svc.copyPlan(db, currentUser(req), f.from, f.to),
    page: async (_, f, errors) => {
      const plan = (await svc.resolvePlan(db, Number.isInteger(f.from) ? f.from : undefined)) ?? (await svc.requirePlan(db));
      const o = await svc.planOverview(db, plan);
      return <PlanPage o={o} canEdit myDuties={[]} copyErrors={errors} copyTo={f.toText} />;
    },
    saved: (_, f) => ({
      flash: `Đã tạo kế hoạch năm ${f.to} từ kế hoạch năm ${f.from}. Hãy xem lại ngày tháng và chỉ tiêu.`,
      to: `/quan-tri/chien-dich?nam=${f.to}`,
    }),
  });

  /**
   * The ordered items of a year's plan (targets, messages) as a table row each: add (`ke-hoach/:year/<seg>/moi`),
   * edit (`<seg>/:id/sua`) and delete (`<seg>/:id/xoa`), each going back to the item's section of the plan page.
   */
  const planItemRoutes = <T extends { id: number; plan_id: number }, F>(
    seg: string,
    o: {
      noun: string;
      find: (db: AppDeps['db'], id: number) => Promise<T | undefined>;
      missing: string;
      blank: F;
      current: (item: NoInfer<T>) => F;
      read: (b: Body) => F;
      save: (
        db: AppDeps['db'],
        user: SignedInUser,
        planId: number,
        id: number | null,
        f: F,
      ) => Promise<FormErrors | { errors: FormErrors }>;
      remove: (db: AppDeps['db'], user: SignedInUser, id: number) => Promise<unknown>;
      page: (
        year: number,
        urls: { action: string; deleteAction?: string },
        form: F,
        errors?: FormErrors,
      ) => JSX.Element | Promise<JSX.Element>;
    },
  ) => {
    const load = withPlan(o.find, o.missing);
    const back = (plan: repo.PlanRow) => planUrl(plan.year, seg);
    formRoute(`/quan-tri/chien-dich/ke-hoach/:year/${seg}/moi`, {
      roles: CENTER,
      params: YearParams,
      load: (req: FastifyRequest) => svc.requirePlan(db, yearOf(req)),
      initial: () => o.blank,
      read: o.read,
      save: (plan, f, req) => o.save(db, currentUser(req), plan.id, null, f),
      page: (plan, form, errors) =>
        o.page(plan.year, { action: `/quan-tri/chien-dich/ke-hoach/${plan.year}/${seg}/moi` }, form, errors),
      saved: (plan) => ({ flash: `Đã thêm ${o.noun}.`, to: back(plan) }),
    });
    const item = (id: number) => `/quan-tri/chien-dich/${seg}/${id}`;
    formRoute(`/quan-tri/chien-dich/${seg}/:id/sua`, {
      roles: CENTER,
      params: IdParams,
      load: (req: FastifyRequest) => load(idOf(req)),
      initial: (c) => o.current(c.item),
      read: o.read,
      save: (c, f, req) => o.save(db, currentUser(req), c.plan.id, c.item.id, f),
      page: (c, form, errors) =>
        o.page(c.plan.year, { action: `${item(c.item.id)}/sua`, deleteAction: `${item(c.item.id)}/xoa` }, form, errors),
      saved: (c) => ({ flash: `Đã lưu ${o.noun}.`, to: back(c.plan) }),
    });
    app.post(`/quan-tri/chien-dich/${seg}/:id/xoa`, routeOptions(CENTER, IdParams), async (req, reply) => {
      const { plan } = await load(idOf(req));
      await o.remove(db, currentUser(req), idOf(req));
      req.session.flash = `Đã xóa ${o.noun}.`;
      return redirect(reply, back(plan));
    });
  };

  const targetForm = (b: Body): svc.TargetForm => ({
    text: str(b.text),
    metricKey: str(b.metricKey),
    targetValue: str(b.targetValue),
    unit: str(b.unit),
    source: str(b.source),
    sourceKey: str(b.sourceKey),
    measure: str(b.measure),
  });
  planItemRoutes('chi-tieu', {
    noun: 'chỉ tiêu',
    find: repo.findTarget,
    missing: 'Không tìm thấy chỉ tiêu này.',
    blank: { ...targetForm({}), targetValue: '100', unit: '%' },
    current: (t) => ({
      text: t.text,
      metricKey: t.metric_key,
      targetValue: String(t.target_value),
      unit: t.unit,
      source: t.source,
      sourceKey: t.source_key,
      measure: t.measure,
    }),
    read: targetForm,
    save: svc.saveTarget,
    remove: svc.deleteTarget,
    page: (year, urls, form, errors) => <TargetFormPage year={year} {...urls} form={form} errors={errors} />,
  });

  const messageForm = (b: Body): svc.MessageForm => ({ audience: str(b.audience), text: str(b.text), emphasis: str(b.emphasis) });
  planItemRoutes('thong-diep', {
    noun: 'thông điệp',
    find: repo.findMessage,
    missing: 'Không tìm thấy thông điệp này.',
    blank: messageForm({}),
    current: (m) => ({ audience: m.audience_id ?? '', text: m.text, emphasis: m.emphasis }),
    read: messageForm,
    save: svc.saveMessage,
    remove: svc.deleteMessage,
    page: async (year, urls, form, errors) => (
      <MessageFormPage year={year} {...urls} form={form} audiences={await listAudiences(db)} errors={errors} />
    ),
  });

  // Phases
  formRoute('/quan-tri/chien-dich/giai-doan/:id/sua', {
    roles: CENTER,
    params: IdParams,
    load: (req) => withPlan(repo.findPhase, 'Không tìm thấy giai đoạn này.')(idOf(req)),
    initial: ({ item: p }) => ({ name: p.name, start: p.start_date, end: p.end_date, goals: p.goals, units: p.units }),
    read: (b) => ({ name: str(b.name), start: str(b.start), end: str(b.end), goals: str(b.goals), units: str(b.units) }),
    save: ({ item }, f, req) => svc.savePhase(db, currentUser(req), item, f),
    page: ({ item, plan }, form, errors) => <PhaseFormPage year={plan.year} phase={item} form={form} errors={errors} />,
    saved: ({ item, plan }) => ({ flash: `Đã lưu giai đoạn ${item.no}.`, to: planUrl(plan.year, 'giai-doan') }),
  });

  // Channels
  app.get('/quan-tri/chien-dich/kenh', { preHandler: requireUser }, async (req, reply) => {
    return sendPage(
      req,
      reply,
      <ChannelsPage channels={await repo.listChannels(db)} canEdit={svc.isCenterRole(currentUser(req))} flash={takeFlash(req)} />,
    );
  });

  formRoute('/quan-tri/chien-dich/kenh', {
    roles: CENTER,
    load: async () => undefined,
    read: (b) => ({ key: str(b.key), name: str(b.name), grp: str(b.grp), active: true }),
    save: (_, f, req) => svc.saveChannel(db, currentUser(req), null, f),
    page: async (_, form, errors) => <ChannelsPage channels={await repo.listChannels(db)} canEdit form={form} errors={errors} />,
    saved: (_, f) => ({ flash: `Đã thêm kênh ${f.name}.`, to: '/quan-tri/chien-dich/kenh' }),
  });

  formRoute('/quan-tri/chien-dich/kenh/:key/sua', {
    roles: CENTER,
    params: KeyParams,
    load: async (req) => {
      const c = await repo.findChannel(db, (req.params as { key: string }).key);
      if (!c) throw new AppError('not_found', 'Không tìm thấy kênh này.');
      return c;
    },
    initial: (c) => ({ key: c.key, name: c.name, grp: c.grp, active: Boolean(c.active) }),
    read: (b, c) => ({ key: c.key, name: str(b.name), grp: str(b.grp), active: str(b.active) === '1' }),
    save: (c, f, req) => svc.saveChannel(db, currentUser(req), c.key, f),
    page: (c, form, errors) => <ChannelEditPage channelKey={c.key} form={form} errors={errors} />,
    saved: (_, f) => ({ flash: `Đã lưu kênh ${f.name}.`, to: '/quan-tri/chien-dich/kenh' }),
  });

  // Duties
  formRoute('/quan-tri/chien-dich/nhiem-vu/:id/sua', {
    roles: CENTER,
    params: IdParams,
    load: (req) => withPlan(repo.findDuty, 'Không tìm thấy mục nhiệm vụ này.')(idOf(req)),
    initial: ({ item: d }) => ({ label: d.label, duties: (JSON.parse(d.duties) as string[]).join('\n') }),
    read: (b) => ({ label: str(b.label), duties: str(b.duties) }),
    save: ({ item }, f, req) => svc.saveDuty(db, currentUser(req), item, f),
    page: ({ item, plan }, form, errors) => <DutyFormPage year={plan.year} duty={item} form={form} errors={errors} />,
    saved: ({ plan }) => ({ flash: 'Đã lưu nhiệm vụ.', to: planUrl(plan.year, 'nhiem-vu') }),
  });

  // ---- Activities ------------------------------------------------------------------------------

  listRoute(
    '/quan-tri/chien-dich/hoat-dong',
    async (a, q) => {
      const plan = await svc.requirePlan(db, yearQuery(q));
      const phaseText = str(q['giai-doan']);
      const status = str(q['trang-thai']);
      const phaseId = /^\d+$/.test(phaseText) ? Number(phaseText) : undefined;
      const [items, phases, plans] = await Promise.all([
        repo.listActivities(db, {
          planId: plan.id,
          phaseId,
          status: status in svc.ACTIVITY_STATUS_LABELS ? status : undefined,
          scope: a.scope,
        }),
        repo.listPhases(db, plan.id),
        repo.listPlans(db),
      ]);
      return { plan, phaseId, status, items, phases, years: plans.map((p) => p.year), channelNames: await channelNames() };
    },
    ({ plan, ...d }, list) => <ActivitiesPage year={plan.year} {...d} {...list} />,
  );

  const activityFormFrom = (b: Body): svc.ActivityForm => ({
    title: str(b.title),
    description: str(b.description),
    phaseId: str(b.phaseId),
    leadUnitId: str(b.leadUnitId),
    coopUnitIds: arr(b.coopUnitIds),
    channels: arr(b.channels),
    audiences: arr(b.audiences),
    dueDate: str(b.dueDate),
    status: str(b.status) || 'planned',
  });

  /** The activity form, new or existing. */
  const activityForm = async (
    c: { a: svc.Access; plan: repo.PlanRow; id?: number },
    form: svc.ActivityForm,
    errors?: FormErrors,
  ) => (
    <ActivityFormPage
      year={c.plan.year}
      action={c.id ? `/quan-tri/chien-dich/hoat-dong/${c.id}/sua` : `/quan-tri/chien-dich/hoat-dong/moi?nam=${c.plan.year}`}
      title={c.id ? 'Sửa hoạt động' : 'Thêm hoạt động'}
      form={form}
      errors={errors}
      phases={await repo.listPhases(db, c.plan.id)}
      leadUnits={await unitOptions(c.a.scope)}
      allUnits={await unitOptions(null)}
      channels={await channelOptions()}
      audiences={await audienceOptions()}
    />
  );

  const activityPage = async (req: FastifyRequest, id: number, errors?: FormErrors, linkForm?: { url: string; note: string }) => {
    const a = await access(req);
    const v = await svc.visibleActivity(db, a, id);
    const [plan, phase, lead, evidence, auditRows] = await Promise.all([
      repo.findPlan(db, v.act.plan_id),
      v.act.phase_id ? repo.findPhase(db, v.act.phase_id) : undefined,
      findUnit(db, v.act.lead_unit_id),
      repo.listEvidence(db, id),
      repo.auditFor(db, 'campaign_activity', String(id)),
    ]);
    return (
      <ActivityPage
        act={v.act}
        phase={phase}
        year={plan!.year}
        leadName={lead?.full_name ?? ''}
        coop={v.coop}
        channelNames={await channelNames()}
        audienceNames={await audienceNames()}
        evidence={evidence}
        canManage={v.canManage}
        canAddEvidence={v.canAddEvidence}
        userId={a.user.id}
        errors={errors}
        linkForm={linkForm}
        flash={errors ? undefined : takeFlash(req)}
        auditRows={auditRows}
      />
    );
  };

  unitRecordForms('/quan-tri/chien-dich/hoat-dong', {
    visible: svc.visibleActivity,
    row: (v) => v.act,
    current: (v): svc.ActivityForm => {
      if (!v.canManage) throw new AppError('forbidden', 'Chỉ đơn vị chủ trì hoặc Trung tâm sửa được hoạt động này.');
      return {
        title: v.act.title,
        description: v.act.description,
        phaseId: v.act.phase_id ? String(v.act.phase_id) : '',
        leadUnitId: String(v.act.lead_unit_id),
        coopUnitIds: v.coop.map((c) => String(c.id)),
        channels: JSON.parse(v.act.channels) as string[],
        audiences: JSON.parse(v.act.audiences) as string[],
        dueDate: v.act.due_date ?? '',
        status: v.act.status,
      };
    },
    read: activityFormFrom,
    unitField: 'leadUnitId',
    save: svc.saveActivity,
    page: activityForm,
    created: 'Đã thêm hoạt động.',
    saved: 'Đã lưu hoạt động.',
  });

  /** Reads one uploaded file (and the fields before it) from a multipart form. */
  const readUpload = async (req: FastifyRequest, maxBytes: number) => {
    const part = await req.file({ limits: { fileSize: maxBytes } });
    if (!part) return { fields: {} as Record<string, string>, file: { filename: '', data: Buffer.alloc(0), truncated: false } };
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(part.fields)) {
      const f = Array.isArray(v) ? v[0] : v;
      if (f && f.type === 'field' && typeof f.value === 'string') fields[k] = f.value;
    }
    try {
      const data = await part.toBuffer();
      return { fields, file: { filename: part.filename, data, truncated: part.file.truncated } };
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        return { fields, file: { filename: part.filename, data: Buffer.alloc(0), truncated: true } };
      }
      throw e;
    }
  };

  const linkFormOf = (b: Body) => ({ url: str(b.url), note: str(b.note) });
  recordRoutes('/quan-tri/chien-dich/hoat-dong', activityPage, [
    {
      path: 'trang-thai',
      roles: WORKERS,
      run: (a, p, b) => svc.setActivityStatus(db, a, p.id, str(b.status)),
      flash: 'Đã cập nhật trạng thái.',
    },
    {
      path: 'minh-chung',
      roles: WORKERS,
      run: (a, p, b) => svc.addEvidenceLink(db, a, p.id, str(b.url), str(b.note)),
      keep: linkFormOf,
      flash: 'Đã thêm minh chứng.',
      section: 'minh-chung',
    },
    {
      path: 'minh-chung/tep',
      roles: WORKERS,
      run: async (a, p, _, req) => {
        // Check the right to add evidence before reading the upload.
        const v = await svc.visibleActivity(db, a, p.id);
        if (!v.canAddEvidence) throw new AppError('forbidden', 'Tài khoản của bạn không có quyền với mục này.');
        const { fields, file } = await readUpload(req, svc.EVIDENCE_MAX_BYTES);
        return svc.addEvidenceFile(db, config.dataDir, a, p.id, file, fields.note ?? '');
      },
      flash: 'Đã tải tệp minh chứng lên.',
      section: 'minh-chung',
    },
    {
      path: 'minh-chung/:eid/xoa',
      roles: WORKERS,
      params: EvidenceParams,
      run: (a, p) => svc.deleteEvidence(db, config.dataDir, a, p.id, p.eid!),
      flash: 'Đã xóa minh chứng.',
      section: 'minh-chung',
    },
  ]);

  app.get(
    '/quan-tri/chien-dich/hoat-dong/:id/minh-chung/:eid',
    { preHandler: requireUser, schema: { params: EvidenceParams } },
    async (req, reply) => {
      const { id, eid } = req.params as { id: number; eid: number };
      const f = await svc.evidenceFile(db, config.dataDir, await access(req), id, eid);
      if (!fs.existsSync(f.path)) throw new AppError('not_found', 'Tệp không còn trên máy chủ.');
      return reply
        .type(f.mime)
        .header(
          'content-disposition',
          `attachment; filename="evidence${f.path.slice(f.path.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(f.path));
    },
  );

  // ---- Content items ---------------------------------------------------------------------------

  listRoute(
    '/quan-tri/chien-dich/san-pham',
    async (a, q) => {
      const status = str(q['trang-thai']);
      const type = str(q.loai);
      const items = await repo.listContent(db, {
        status: status in svc.CONTENT_STATUS_LABELS ? (status as ContentStatus) : undefined,
        type: type in svc.CONTENT_TYPES ? type : undefined,
        scope: a.scope,
      });
      return { items, status, type, audienceNames: await audienceNames() };
    },
    (d, list) => <ContentListPage {...d} {...list} />,
  );

  const contentFormFrom = async (b: Body): Promise<svc.ContentForm> => {
    const variants: Record<string, string> = {};
    for (const c of await repo.listChannels(db)) {
      const v = str(b[`variant-${c.key}`]);
      if (v) variants[c.key] = v;
    }
    return {
      title: str(b.title),
      type: str(b.type),
      audiences: arr(b.audiences),
      messageId: str(b.messageId),
      body: str(b.body),
      ownerUnitId: str(b.ownerUnitId),
      activityId: str(b.activityId),
      plannedDate: str(b.plannedDate),
      channels: arr(b.channels),
      variants,
    };
  };

  /** The content form, new or existing. */
  const contentForm = async (
    c: { a: svc.Access; plan: repo.PlanRow; id?: number },
    form: svc.ContentForm,
    errors?: FormErrors,
  ) => {
    const [messages, activities, channels] = await Promise.all([
      repo.listMessages(db, c.plan.id),
      repo.listActivities(db, { planId: c.plan.id, scope: c.a.scope }),
      repo.listChannels(db, { activeOnly: true }),
    ]);
    return (
      <ContentFormPage
        action={c.id ? `/quan-tri/chien-dich/san-pham/${c.id}/sua` : `/quan-tri/chien-dich/san-pham/moi?nam=${c.plan.year}`}
        title={c.id ? 'Sửa sản phẩm truyền thông' : 'Thêm sản phẩm truyền thông'}
        form={form}
        errors={errors}
        units={await unitOptions(c.a.scope)}
        channels={channels}
        audiences={await audienceOptions()}
        messages={messages.map((m) => ({ value: String(m.id), label: m.text }))}
        activities={activities.map((x) => ({ value: String(x.id), label: x.title }))}
      />
    );
  };

  app.get('/quan-tri/chien-dich/san-pham/nhap-luot-xem', { preHandler: requireRole(...WORKERS) }, async (req, reply) =>
    sendPage(req, reply, <ImportPage />),
  );

  app.post('/quan-tri/chien-dich/san-pham/nhap-luot-xem', { preHandler: requireRole(...WORKERS) }, async (req, reply) => {
    const a = await access(req);
    const { file } = await readUpload(req, 2 * 1024 * 1024);
    if (file.truncated) return sendPage(req, reply, <ImportPage fileError="Tệp quá lớn (tối đa 2 MB)." />, 400);
    if (!file.data.length) return sendPage(req, reply, <ImportPage fileError="Chọn tệp CSV để nhập." />, 400);
    if (!isUtf8(file.data)) return sendPage(req, reply, <ImportPage fileError="Tệp phải lưu với mã UTF-8." />, 400);
    const result = await svc.importReachCsv(db, a, file.data.toString('utf8'));
    if (result.errors.length) return sendPage(req, reply, <ImportPage errors={result.errors} />, 400);
    return sendPage(req, reply, <ImportPage result={result} />);
  });

  const contentPage = async (req: FastifyRequest, id: number, errors?: FormErrors, pubForm?: svc.PublicationForm) => {
    const a = await access(req);
    const v = await svc.visibleContent(db, a, id);
    const { c } = v;
    const userName = async (uid: number | null) =>
      uid === null
        ? null
        : ((await db.selectFrom('users').select('name').where('id', '=', uid).executeTakeFirst())?.name ?? null);
    const [owner, variants, comments, publications, message, activity] = await Promise.all([
      findUnit(db, c.owner_unit_id),
      repo.listVariants(db, id),
      repo.listComments(db, id),
      repo.listPublications(db, id),
      c.message_id ? repo.findMessage(db, c.message_id) : undefined,
      c.activity_id ? repo.findActivity(db, c.activity_id) : undefined,
    ]);
    return (
      <ContentPage
        c={c}
        ownerName={owner?.full_name ?? ''}
        authorName={await userName(c.author_id)}
        approverName={await userName(c.approver_id)}
        messageText={message?.text ?? null}
        activityTitle={activity?.title ?? null}
        audienceNames={await audienceNames()}
        channelNames={await channelNames()}
        variants={variants}
        comments={comments}
        publications={publications}
        perms={v}
        isCenter={a.center}
        errors={errors}
        pubForm={pubForm}
        flash={errors ? undefined : takeFlash(req)}
      />
    );
  };

  unitRecordForms('/quan-tri/chien-dich/san-pham', {
    visible: svc.visibleContent,
    row: (v) => v.c,
    current: async (v): Promise<svc.ContentForm> => {
      if (!v.canEdit) throw new AppError('conflict', 'Chỉ sửa được sản phẩm đang là bản nháp.');
      const variants = await repo.listVariants(db, v.c.id);
      return {
        title: v.c.title,
        type: v.c.type,
        audiences: JSON.parse(v.c.audiences) as string[],
        messageId: v.c.message_id ? String(v.c.message_id) : '',
        body: v.c.body,
        ownerUnitId: String(v.c.owner_unit_id),
        activityId: v.c.activity_id ? String(v.c.activity_id) : '',
        plannedDate: v.c.planned_date ?? '',
        channels: variants.map((x) => x.channel),
        variants: Object.fromEntries(variants.map((x) => [x.channel, x.text])),
      };
    },
    read: contentFormFrom,
    unitField: 'ownerUnitId',
    save: svc.saveContent,
    page: contentForm,
    created: 'Đã lưu bản nháp. Khi xong, bấm "Gửi duyệt".',
    saved: 'Đã lưu bản nháp.',
  });

  const pubFormFrom = (b: Body): svc.PublicationForm => ({
    channel: str(b.channel),
    url: str(b.url),
    publishedOn: str(b.publishedOn),
    views: str(b.views),
    likes: str(b.likes),
    shares: str(b.shares),
  });

  // The review workflow and the publications of a content item.
  recordRoutes('/quan-tri/chien-dich/san-pham', contentPage, [
    {
      path: 'gui-duyet',
      roles: WORKERS,
      run: async (a, p, b) => void (await svc.submitContent(db, a, p.id, str(b.comment))),
      flash: 'Đã gửi duyệt. Một cán bộ Trung tâm khác người viết sẽ duyệt.',
    },
    {
      path: 'duyet',
      roles: CENTER,
      run: async (a, p, b) => void (await svc.approveContent(db, a, p.id, str(b.comment))),
      flash: 'Đã duyệt. Đơn vị có thể đăng và ghi nhận đường link.',
    },
    {
      path: 'tra-lai',
      roles: CENTER,
      run: (a, p, b) => svc.returnContent(db, a, p.id, str(b.comment)),
      flash: 'Đã trả lại bản nháp để sửa.',
    },
    {
      path: 'binh-luan',
      roles: WORKERS,
      run: (a, p, b) => svc.commentContent(db, a, p.id, str(b.comment)),
      flash: 'Đã thêm ý kiến.',
      section: 'y-kien',
    },
    {
      path: 'dang-tai',
      roles: WORKERS,
      run: (a, p, b) => svc.addPublication(db, a, p.id, pubFormFrom(b)),
      keep: pubFormFrom,
      flash: 'Đã ghi nhận lần đăng.',
      section: 'dang-tai',
    },
    {
      path: 'dang-tai/:pid',
      roles: WORKERS,
      params: PubParams,
      run: (a, p, b) => svc.updateReach(db, a, p.id, p.pid!, pubFormFrom(b)),
      flash: 'Đã cập nhật lượt tiếp cận.',
      section: 'dang-tai',
    },
  ]);

  // ---- Calendar --------------------------------------------------------------------------------

  app.get('/quan-tri/chien-dich/lich', { preHandler: requireUser }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const r = svc.calendarRange(str(q.xem), str(q.ngay));
    const items = await svc.calendarItems(db, await access(req), r);
    return sendPage(req, reply, <CalendarPage r={r} items={items} />);
  });

  // ---- JSON API --------------------------------------------------------------------------------

  const Target = Type.Object({
    id: Type.Integer(),
    year: Type.Integer(),
    text: Type.String(),
    metricKey: Type.String(),
    targetValue: Type.Number(),
    unit: Type.String(),
    source: Type.String(),
    sourceKey: Type.String(),
    measure: Type.String(),
  });

  app.get(
    '/api/v1/campaign/targets',
    {
      preHandler: requireUser,
      schema: {
        tags: ['campaign'],
        summary: 'Chỉ tiêu cụ thể của kế hoạch một năm, kèm mã chỉ số và cách đo (cán bộ đã đăng nhập)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: { 200: Type.Object({ targets: Type.Array(Target) }), 401: ErrorShape },
      },
    },
    async (req) => ({ targets: await svc.planTargets(db, (req.query as { year?: number }).year) }),
  );

  app.get(
    '/api/v1/campaign/plans/:year',
    {
      preHandler: requireUser,
      schema: {
        tags: ['campaign'],
        summary: 'Kế hoạch một năm: mục tiêu, chỉ tiêu, giai đoạn, thông điệp, kênh, nhiệm vụ (cán bộ đã đăng nhập)',
        params: YearParams,
        response: {
          200: Type.Object({
            year: Type.Integer(),
            title: Type.String(),
            mainMessage: Type.String(),
            goals: Type.Array(Type.String()),
            targets: Type.Array(Target),
            phases: Type.Array(
              Type.Object({
                no: Type.Integer(),
                name: Type.String(),
                start: Type.String(),
                end: Type.String(),
                goals: Type.String(),
                units: Type.String(),
              }),
            ),
            messages: Type.Array(
              Type.Object({ audience: Type.Union([Type.String(), Type.Null()]), text: Type.String(), emphasis: Type.String() }),
            ),
            channels: Type.Array(
              Type.Object({ key: Type.String(), name: Type.String(), group: Type.String(), active: Type.Boolean() }),
            ),
            duties: Type.Array(
              Type.Object({
                label: Type.String(),
                unitType: Type.Union([Type.String(), Type.Null()]),
                unitCode: Type.Union([Type.String(), Type.Null()]),
                duties: Type.Array(Type.String()),
              }),
            ),
          }),
          401: ErrorShape,
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      const o = await svc.planOverview(db, plan);
      return {
        year: plan.year,
        title: plan.title,
        mainMessage: plan.main_message,
        goals: o.goals,
        targets: await svc.planTargets(db, plan.year),
        phases: o.phases.map((p) => ({
          no: p.no,
          name: p.name,
          start: p.start_date,
          end: p.end_date,
          goals: p.goals,
          units: p.units,
        })),
        messages: o.messages.map((m) => ({ audience: m.audience_id, text: m.text, emphasis: m.emphasis })),
        channels: o.channels.map((c) => ({ key: c.key, name: c.name, group: c.grp, active: Boolean(c.active) })),
        duties: o.duties.map((d) => ({ label: d.label, unitType: d.unit_type, unitCode: d.unit_code, duties: d.list })),
      };
    },
  );

  app.get(
    '/api/v1/campaign/activities',
    {
      preHandler: requireUser,
      schema: {
        tags: ['campaign'],
        summary: 'Hoạt động của kế hoạch một năm (cán bộ đơn vị chỉ thấy hoạt động đơn vị mình chủ trì hoặc phối hợp)',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: {
          200: Type.Object({
            activities: Type.Array(
              Type.Object({
                id: Type.Integer(),
                title: Type.String(),
                phase: Type.Union([Type.Integer(), Type.Null()]),
                leadUnitId: Type.Integer(),
                leadUnit: Type.String(),
                channels: Type.Array(Type.String()),
                dueDate: Type.Union([Type.String(), Type.Null()]),
                status: Type.String(),
              }),
            ),
          }),
          401: ErrorShape,
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const a = await access(req);
      const plan = await svc.requirePlan(db, (req.query as { year?: number }).year);
      const rows = await repo.listActivities(db, { planId: plan.id, scope: a.scope });
      return {
        activities: rows.map((r) => ({
          id: r.id,
          title: r.title,
          phase: r.phase_no ?? null,
          leadUnitId: r.lead_unit_id,
          leadUnit: r.lead_name,
          channels: JSON.parse(r.channels) as string[],
          dueDate: r.due_date,
          status: r.status,
        })),
      };
    },
  );

  app.get(
    '/api/v1/campaign/content',
    {
      preHandler: requireUser,
      schema: {
        tags: ['campaign'],
        summary: 'Sản phẩm truyền thông (cán bộ đơn vị chỉ thấy sản phẩm của đơn vị mình)',
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal('draft'), Type.Literal('review'), Type.Literal('approved'), Type.Literal('published')]),
          ),
        }),
        response: {
          200: Type.Object({
            content: Type.Array(
              Type.Object({
                id: Type.Integer(),
                title: Type.String(),
                type: Type.String(),
                status: Type.String(),
                ownerUnitId: Type.Integer(),
                ownerUnit: Type.String(),
                plannedDate: Type.Union([Type.String(), Type.Null()]),
                publishedAt: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          401: ErrorShape,
        },
      },
    },
    async (req) => {
      const a = await access(req);
      const rows = await repo.listContent(db, { status: (req.query as { status?: ContentStatus }).status, scope: a.scope });
      return {
        content: rows.map((r) => ({
          id: r.id,
          title: r.title,
          type: r.type,
          status: r.status,
          ownerUnitId: r.owner_unit_id,
          ownerUnit: r.owner_name,
          plannedDate: r.planned_date,
          publishedAt: r.published_at,
        })),
      };
    },
  );

  app.get(
    '/api/v1/campaign/published-by-channel',
    {
      preHandler: requireUser,
      schema: {
        tags: ['campaign'],
        summary: 'Số sản phẩm đã đăng và lượt xem theo kênh trong một khoảng tháng (cán bộ đơn vị: chỉ đơn vị mình)',
        querystring: Type.Object({ from: Type.Optional(MonthOrDate), to: Type.Optional(MonthOrDate) }),
        response: {
          200: Type.Object({
            channels: Type.Array(Type.Object({ channel: Type.String(), count: Type.Integer(), views: Type.Integer() })),
          }),
          401: ErrorShape,
        },
      },
    },
    async (req) => {
      const a = await access(req);
      const { from, to } = req.query as { from?: string; to?: string };
      return { channels: await svc.publishedContentByChannel(db, { from, to, unitIds: a.scope ?? undefined }) };
    },
  );
}
