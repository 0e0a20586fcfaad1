import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { currentUser, requireRole, requireUser, takeFlash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, sendPage, type FormErrors, type Option } from '../../platform/html/index.js';
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

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const yearQuery = (req: FastifyRequest): number | undefined => {
  const v = str((req.query as Record<string, unknown>).nam);
  return /^\d{4}$/.test(v) ? Number(v) : undefined;
};

export async function campaignRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  await app.register(fastifyMultipart, {
    limits: { fileSize: svc.EVIDENCE_MAX_BYTES, files: 1, fields: 20, fieldSize: 10_000, parts: 25 },
  });

  const access = (req: FastifyRequest) => svc.accessFor(db, currentUser(req));

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
    const plan = await svc.requirePlan(db, yearQuery(req));
    const o = await svc.planOverview(db, plan);
    const unit = user.unitId !== null ? await findUnit(db, user.unitId) : undefined;
    const myDuties =
      user.role === 'unit_officer' && unit ? o.duties.filter((d) => d.unit_code === unit.code || d.unit_type === unit.type) : [];
    return sendPage(req, reply, <PlanPage o={o} canEdit={svc.isCenterRole(user)} myDuties={myDuties} flash={takeFlash(req)} />);
  });

  app.get(
    '/quan-tri/chien-dich/ke-hoach/:year/sua',
    { preHandler: requireRole(...CENTER), schema: { params: YearParams } },
    async (req, reply) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      const form = { title: plan.title, mainMessage: plan.main_message, goals: (JSON.parse(plan.goals) as string[]).join('\n') };
      return sendPage(req, reply, <PlanEditPage year={plan.year} form={form} />);
    },
  );

  app.post(
    '/quan-tri/chien-dich/ke-hoach/:year/sua',
    { preHandler: requireRole(...CENTER), schema: { params: YearParams } },
    async (req, reply) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      const b = body(req);
      const form = { title: str(b.title), mainMessage: str(b.mainMessage), goals: str(b.goals) };
      const errors = await svc.savePlan(db, currentUser(req), plan, form);
      if (errors.length) return sendPage(req, reply, <PlanEditPage year={plan.year} form={form} errors={errors} />, 400);
      req.session.flash = 'Đã lưu kế hoạch.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}`);
    },
  );

  app.post('/quan-tri/chien-dich/ke-hoach/sao-chep', { preHandler: requireRole(...CENTER) }, async (req, reply) => {
    const b = body(req);
    const fromText = str(b.from).trim();
    const from = /^\d{4}$/.test(fromText) ? Number(fromText) : NaN;
    const toText = str(b.to).trim();
    const to = /^\d{4}$/.test(toText) ? Number(toText) : NaN;
    const errors = await svc.copyPlan(db, currentUser(req), from, to);
    if (errors.length) {
      const plan = (await svc.resolvePlan(db, Number.isInteger(from) ? from : undefined)) ?? (await svc.requirePlan(db));
      const o = await svc.planOverview(db, plan);
      return sendPage(req, reply, <PlanPage o={o} canEdit myDuties={[]} copyErrors={errors} copyTo={toText} />, 400);
    }
    req.session.flash = `Đã tạo kế hoạch năm ${to} từ kế hoạch năm ${from}. Hãy xem lại ngày tháng và chỉ tiêu.`;
    return redirect(reply, `/quan-tri/chien-dich?nam=${to}`);
  });

  // Targets
  const targetForm = (b: Record<string, unknown>): svc.TargetForm => ({
    text: str(b.text),
    metricKey: str(b.metricKey),
    targetValue: str(b.targetValue),
    unit: str(b.unit),
    source: str(b.source),
    sourceKey: str(b.sourceKey),
    measure: str(b.measure),
  });
  const emptyTarget: svc.TargetForm = {
    text: '',
    metricKey: '',
    targetValue: '100',
    unit: '%',
    source: '',
    sourceKey: '',
    measure: '',
  };

  app.get(
    '/quan-tri/chien-dich/ke-hoach/:year/chi-tieu/moi',
    { preHandler: requireRole(...CENTER), schema: { params: YearParams } },
    async (req, reply) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      return sendPage(
        req,
        reply,
        <TargetFormPage year={plan.year} action={`/quan-tri/chien-dich/ke-hoach/${plan.year}/chi-tieu/moi`} form={emptyTarget} />,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/ke-hoach/:year/chi-tieu/moi',
    { preHandler: requireRole(...CENTER), schema: { params: YearParams } },
    async (req, reply) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      const form = targetForm(body(req));
      const { errors } = await svc.saveTarget(db, currentUser(req), plan.id, null, form);
      if (errors.length)
        return sendPage(
          req,
          reply,
          <TargetFormPage
            year={plan.year}
            action={`/quan-tri/chien-dich/ke-hoach/${plan.year}/chi-tieu/moi`}
            form={form}
            errors={errors}
          />,
          400,
        );
      req.session.flash = 'Đã thêm chỉ tiêu.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#chi-tieu`);
    },
  );

  const targetAndPlan = async (id: number) => {
    const t = await repo.findTarget(db, id);
    if (!t) throw new AppError('not_found', 'Không tìm thấy chỉ tiêu này.');
    return { t, plan: (await repo.findPlan(db, t.plan_id))! };
  };

  app.get(
    '/quan-tri/chien-dich/chi-tieu/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { t, plan } = await targetAndPlan((req.params as { id: number }).id);
      const form: svc.TargetForm = {
        text: t.text,
        metricKey: t.metric_key,
        targetValue: String(t.target_value),
        unit: t.unit,
        source: t.source,
        sourceKey: t.source_key,
        measure: t.measure,
      };
      return sendPage(
        req,
        reply,
        <TargetFormPage
          year={plan.year}
          action={`/quan-tri/chien-dich/chi-tieu/${t.id}/sua`}
          deleteAction={`/quan-tri/chien-dich/chi-tieu/${t.id}/xoa`}
          form={form}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/chi-tieu/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { t, plan } = await targetAndPlan((req.params as { id: number }).id);
      const form = targetForm(body(req));
      const { errors } = await svc.saveTarget(db, currentUser(req), plan.id, t.id, form);
      if (errors.length)
        return sendPage(
          req,
          reply,
          <TargetFormPage
            year={plan.year}
            action={`/quan-tri/chien-dich/chi-tieu/${t.id}/sua`}
            deleteAction={`/quan-tri/chien-dich/chi-tieu/${t.id}/xoa`}
            form={form}
            errors={errors}
          />,
          400,
        );
      req.session.flash = 'Đã lưu chỉ tiêu.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#chi-tieu`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/chi-tieu/:id/xoa',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { plan } = await targetAndPlan((req.params as { id: number }).id);
      await svc.deleteTarget(db, currentUser(req), (req.params as { id: number }).id);
      req.session.flash = 'Đã xóa chỉ tiêu.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#chi-tieu`);
    },
  );

  // Phases
  const phaseAndPlan = async (id: number) => {
    const p = await repo.findPhase(db, id);
    if (!p) throw new AppError('not_found', 'Không tìm thấy giai đoạn này.');
    return { p, plan: (await repo.findPlan(db, p.plan_id))! };
  };

  app.get(
    '/quan-tri/chien-dich/giai-doan/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { p, plan } = await phaseAndPlan((req.params as { id: number }).id);
      const form = { name: p.name, start: p.start_date, end: p.end_date, goals: p.goals, units: p.units };
      return sendPage(req, reply, <PhaseFormPage year={plan.year} phase={p} form={form} />);
    },
  );

  app.post(
    '/quan-tri/chien-dich/giai-doan/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { p, plan } = await phaseAndPlan((req.params as { id: number }).id);
      const b = body(req);
      const form = { name: str(b.name), start: str(b.start), end: str(b.end), goals: str(b.goals), units: str(b.units) };
      const errors = await svc.savePhase(db, currentUser(req), p, form);
      if (errors.length)
        return sendPage(req, reply, <PhaseFormPage year={plan.year} phase={p} form={form} errors={errors} />, 400);
      req.session.flash = `Đã lưu giai đoạn ${p.no}.`;
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#giai-doan`);
    },
  );

  // Messages
  const messageForm = (b: Record<string, unknown>): svc.MessageForm => ({
    audience: str(b.audience),
    text: str(b.text),
    emphasis: str(b.emphasis),
  });

  app.get(
    '/quan-tri/chien-dich/ke-hoach/:year/thong-diep/moi',
    { preHandler: requireRole(...CENTER), schema: { params: YearParams } },
    async (req, reply) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      return sendPage(
        req,
        reply,
        <MessageFormPage
          year={plan.year}
          action={`/quan-tri/chien-dich/ke-hoach/${plan.year}/thong-diep/moi`}
          form={{ audience: '', text: '', emphasis: '' }}
          audiences={await listAudiences(db)}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/ke-hoach/:year/thong-diep/moi',
    { preHandler: requireRole(...CENTER), schema: { params: YearParams } },
    async (req, reply) => {
      const plan = await svc.requirePlan(db, (req.params as { year: number }).year);
      const form = messageForm(body(req));
      const errors = await svc.saveMessage(db, currentUser(req), plan.id, null, form);
      if (errors.length)
        return sendPage(
          req,
          reply,
          <MessageFormPage
            year={plan.year}
            action={`/quan-tri/chien-dich/ke-hoach/${plan.year}/thong-diep/moi`}
            form={form}
            audiences={await listAudiences(db)}
            errors={errors}
          />,
          400,
        );
      req.session.flash = 'Đã thêm thông điệp.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#thong-diep`);
    },
  );

  const messageAndPlan = async (id: number) => {
    const m = await repo.findMessage(db, id);
    if (!m) throw new AppError('not_found', 'Không tìm thấy thông điệp này.');
    return { m, plan: (await repo.findPlan(db, m.plan_id))! };
  };

  app.get(
    '/quan-tri/chien-dich/thong-diep/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { m, plan } = await messageAndPlan((req.params as { id: number }).id);
      return sendPage(
        req,
        reply,
        <MessageFormPage
          year={plan.year}
          action={`/quan-tri/chien-dich/thong-diep/${m.id}/sua`}
          deleteAction={`/quan-tri/chien-dich/thong-diep/${m.id}/xoa`}
          form={{ audience: m.audience_id ?? '', text: m.text, emphasis: m.emphasis }}
          audiences={await listAudiences(db)}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/thong-diep/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { m, plan } = await messageAndPlan((req.params as { id: number }).id);
      const form = messageForm(body(req));
      const errors = await svc.saveMessage(db, currentUser(req), plan.id, m.id, form);
      if (errors.length)
        return sendPage(
          req,
          reply,
          <MessageFormPage
            year={plan.year}
            action={`/quan-tri/chien-dich/thong-diep/${m.id}/sua`}
            deleteAction={`/quan-tri/chien-dich/thong-diep/${m.id}/xoa`}
            form={form}
            audiences={await listAudiences(db)}
            errors={errors}
          />,
          400,
        );
      req.session.flash = 'Đã lưu thông điệp.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#thong-diep`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/thong-diep/:id/xoa',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { plan } = await messageAndPlan((req.params as { id: number }).id);
      await svc.deleteMessage(db, currentUser(req), (req.params as { id: number }).id);
      req.session.flash = 'Đã xóa thông điệp.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#thong-diep`);
    },
  );

  // Channels
  app.get('/quan-tri/chien-dich/kenh', { preHandler: requireUser }, async (req, reply) => {
    return sendPage(
      req,
      reply,
      <ChannelsPage channels={await repo.listChannels(db)} canEdit={svc.isCenterRole(currentUser(req))} flash={takeFlash(req)} />,
    );
  });

  app.post('/quan-tri/chien-dich/kenh', { preHandler: requireRole(...CENTER) }, async (req, reply) => {
    const b = body(req);
    const form = { key: str(b.key), name: str(b.name), grp: str(b.grp), active: true };
    const errors = await svc.saveChannel(db, currentUser(req), null, form);
    if (errors.length)
      return sendPage(
        req,
        reply,
        <ChannelsPage channels={await repo.listChannels(db)} canEdit form={form} errors={errors} />,
        400,
      );
    req.session.flash = `Đã thêm kênh ${form.name}.`;
    return redirect(reply, '/quan-tri/chien-dich/kenh');
  });

  const channelOf = async (key: string) => {
    const c = await repo.findChannel(db, key);
    if (!c) throw new AppError('not_found', 'Không tìm thấy kênh này.');
    return c;
  };

  app.get(
    '/quan-tri/chien-dich/kenh/:key/sua',
    { preHandler: requireRole(...CENTER), schema: { params: KeyParams } },
    async (req, reply) => {
      const c = await channelOf((req.params as { key: string }).key);
      return sendPage(
        req,
        reply,
        <ChannelEditPage channelKey={c.key} form={{ key: c.key, name: c.name, grp: c.grp, active: Boolean(c.active) }} />,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/kenh/:key/sua',
    { preHandler: requireRole(...CENTER), schema: { params: KeyParams } },
    async (req, reply) => {
      const c = await channelOf((req.params as { key: string }).key);
      const b = body(req);
      const form = { key: c.key, name: str(b.name), grp: str(b.grp), active: str(b.active) === '1' };
      const errors = await svc.saveChannel(db, currentUser(req), c.key, form);
      if (errors.length) return sendPage(req, reply, <ChannelEditPage channelKey={c.key} form={form} errors={errors} />, 400);
      req.session.flash = `Đã lưu kênh ${form.name}.`;
      return redirect(reply, '/quan-tri/chien-dich/kenh');
    },
  );

  // Duties
  const dutyAndPlan = async (id: number) => {
    const d = await repo.findDuty(db, id);
    if (!d) throw new AppError('not_found', 'Không tìm thấy mục nhiệm vụ này.');
    return { d, plan: (await repo.findPlan(db, d.plan_id))! };
  };

  app.get(
    '/quan-tri/chien-dich/nhiem-vu/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { d, plan } = await dutyAndPlan((req.params as { id: number }).id);
      return sendPage(
        req,
        reply,
        <DutyFormPage
          year={plan.year}
          duty={d}
          form={{ label: d.label, duties: (JSON.parse(d.duties) as string[]).join('\n') }}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/nhiem-vu/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { d, plan } = await dutyAndPlan((req.params as { id: number }).id);
      const b = body(req);
      const form = { label: str(b.label), duties: str(b.duties) };
      const errors = await svc.saveDuty(db, currentUser(req), d, form);
      if (errors.length) return sendPage(req, reply, <DutyFormPage year={plan.year} duty={d} form={form} errors={errors} />, 400);
      req.session.flash = 'Đã lưu nhiệm vụ.';
      return redirect(reply, `/quan-tri/chien-dich?nam=${plan.year}#nhiem-vu`);
    },
  );

  // ---- Activities ------------------------------------------------------------------------------

  app.get('/quan-tri/chien-dich/hoat-dong', { preHandler: requireUser }, async (req, reply) => {
    const a = await access(req);
    const plan = await svc.requirePlan(db, yearQuery(req));
    const q = req.query as Record<string, unknown>;
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
    return sendPage(
      req,
      reply,
      <ActivitiesPage
        year={plan.year}
        years={plans.map((p) => p.year)}
        phases={phases}
        phaseId={phaseId}
        status={status}
        items={items}
        channelNames={await channelNames()}
        canCreate={a.user.role !== 'viewer'}
        flash={takeFlash(req)}
      />,
    );
  });

  const activityFormFrom = (b: Record<string, unknown>): svc.ActivityForm => ({
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

  const renderActivityForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: svc.Access,
    plan: repo.PlanRow,
    action: string,
    title: string,
    form: svc.ActivityForm,
    errors?: FormErrors,
  ) =>
    sendPage(
      req,
      reply,
      <ActivityFormPage
        year={plan.year}
        action={action}
        title={title}
        form={form}
        errors={errors}
        phases={await repo.listPhases(db, plan.id)}
        leadUnits={await unitOptions(a.scope)}
        allUnits={await unitOptions(null)}
        channels={await channelOptions()}
        audiences={await audienceOptions()}
      />,
      errors?.length ? 400 : 200,
    );

  app.get('/quan-tri/chien-dich/hoat-dong/moi', { preHandler: requireRole(...WORKERS) }, async (req, reply) => {
    const a = await access(req);
    const plan = await svc.requirePlan(db, yearQuery(req));
    const form = activityFormFrom({ leadUnitId: a.user.unitId !== null ? String(a.user.unitId) : '' });
    return renderActivityForm(req, reply, a, plan, `/quan-tri/chien-dich/hoat-dong/moi?nam=${plan.year}`, 'Thêm hoạt động', form);
  });

  app.post('/quan-tri/chien-dich/hoat-dong/moi', { preHandler: requireRole(...WORKERS) }, async (req, reply) => {
    const a = await access(req);
    const plan = await svc.requirePlan(db, yearQuery(req));
    const form = activityFormFrom(body(req));
    const { errors, id } = await svc.saveActivity(db, a, plan.id, null, form);
    if (errors.length)
      return renderActivityForm(
        req,
        reply,
        a,
        plan,
        `/quan-tri/chien-dich/hoat-dong/moi?nam=${plan.year}`,
        'Thêm hoạt động',
        form,
        errors,
      );
    req.session.flash = 'Đã thêm hoạt động.';
    return redirect(reply, `/quan-tri/chien-dich/hoat-dong/${id}`);
  });

  const renderActivity = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors?: FormErrors,
    linkForm?: { url: string; note: string },
  ) => {
    const a = await access(req);
    const v = await svc.visibleActivity(db, a, id);
    const [plan, phase, lead, evidence, auditRows] = await Promise.all([
      repo.findPlan(db, v.act.plan_id),
      v.act.phase_id ? repo.findPhase(db, v.act.phase_id) : undefined,
      findUnit(db, v.act.lead_unit_id),
      repo.listEvidence(db, id),
      repo.auditFor(db, 'campaign_activity', String(id)),
    ]);
    return sendPage(
      req,
      reply,
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
      />,
      errors?.length ? 400 : 200,
    );
  };

  app.get('/quan-tri/chien-dich/hoat-dong/:id', { preHandler: requireUser, schema: { params: IdParams } }, async (req, reply) =>
    renderActivity(req, reply, (req.params as { id: number }).id),
  );

  app.get(
    '/quan-tri/chien-dich/hoat-dong/:id/sua',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const v = await svc.visibleActivity(db, a, (req.params as { id: number }).id);
      if (!v.canManage) throw new AppError('forbidden', 'Chỉ đơn vị chủ trì hoặc Trung tâm sửa được hoạt động này.');
      const plan = (await repo.findPlan(db, v.act.plan_id))!;
      const form: svc.ActivityForm = {
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
      return renderActivityForm(req, reply, a, plan, `/quan-tri/chien-dich/hoat-dong/${v.act.id}/sua`, 'Sửa hoạt động', form);
    },
  );

  app.post(
    '/quan-tri/chien-dich/hoat-dong/:id/sua',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const id = (req.params as { id: number }).id;
      const v = await svc.visibleActivity(db, a, id);
      const plan = (await repo.findPlan(db, v.act.plan_id))!;
      const form = activityFormFrom(body(req));
      const { errors } = await svc.saveActivity(db, a, plan.id, id, form);
      if (errors.length)
        return renderActivityForm(req, reply, a, plan, `/quan-tri/chien-dich/hoat-dong/${id}/sua`, 'Sửa hoạt động', form, errors);
      req.session.flash = 'Đã lưu hoạt động.';
      return redirect(reply, `/quan-tri/chien-dich/hoat-dong/${id}`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/hoat-dong/:id/trang-thai',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      await svc.setActivityStatus(db, await access(req), id, str(body(req).status));
      req.session.flash = 'Đã cập nhật trạng thái.';
      return redirect(reply, `/quan-tri/chien-dich/hoat-dong/${id}`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/hoat-dong/:id/minh-chung',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const b = body(req);
      const linkForm = { url: str(b.url), note: str(b.note) };
      const errors = await svc.addEvidenceLink(db, await access(req), id, linkForm.url, linkForm.note);
      if (errors.length) return renderActivity(req, reply, id, errors, linkForm);
      req.session.flash = 'Đã thêm minh chứng.';
      return redirect(reply, `/quan-tri/chien-dich/hoat-dong/${id}#minh-chung`);
    },
  );

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

  app.post(
    '/quan-tri/chien-dich/hoat-dong/:id/minh-chung/tep',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const a = await access(req);
      // Check the right to add evidence before reading the upload.
      const v = await svc.visibleActivity(db, a, id);
      if (!v.canAddEvidence) throw new AppError('forbidden', 'Tài khoản của bạn không có quyền với mục này.');
      const { fields, file } = await readUpload(req, svc.EVIDENCE_MAX_BYTES);
      const errors = await svc.addEvidenceFile(db, config.dataDir, a, id, file, fields.note ?? '');
      if (errors.length) return renderActivity(req, reply, id, errors);
      req.session.flash = 'Đã tải tệp minh chứng lên.';
      return redirect(reply, `/quan-tri/chien-dich/hoat-dong/${id}#minh-chung`);
    },
  );

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

  app.post(
    '/quan-tri/chien-dich/hoat-dong/:id/minh-chung/:eid/xoa',
    { preHandler: requireRole(...WORKERS), schema: { params: EvidenceParams } },
    async (req, reply) => {
      const { id, eid } = req.params as { id: number; eid: number };
      await svc.deleteEvidence(db, config.dataDir, await access(req), id, eid);
      req.session.flash = 'Đã xóa minh chứng.';
      return redirect(reply, `/quan-tri/chien-dich/hoat-dong/${id}#minh-chung`);
    },
  );

  // ---- Content items ---------------------------------------------------------------------------

  app.get('/quan-tri/chien-dich/san-pham', { preHandler: requireUser }, async (req, reply) => {
    const a = await access(req);
    const q = req.query as Record<string, unknown>;
    const status = str(q['trang-thai']);
    const type = str(q.loai);
    const items = await repo.listContent(db, {
      status: status in svc.CONTENT_STATUS_LABELS ? (status as ContentStatus) : undefined,
      type: type in svc.CONTENT_TYPES ? type : undefined,
      scope: a.scope,
    });
    return sendPage(
      req,
      reply,
      <ContentListPage
        items={items}
        status={status}
        type={type}
        audienceNames={await audienceNames()}
        canCreate={a.user.role !== 'viewer'}
        flash={takeFlash(req)}
      />,
    );
  });

  const contentFormFrom = async (b: Record<string, unknown>): Promise<svc.ContentForm> => {
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

  const renderContentForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: svc.Access,
    plan: repo.PlanRow,
    action: string,
    title: string,
    form: svc.ContentForm,
    errors?: FormErrors,
  ) => {
    const [messages, activities, channels] = await Promise.all([
      repo.listMessages(db, plan.id),
      repo.listActivities(db, { planId: plan.id, scope: a.scope }),
      repo.listChannels(db, { activeOnly: true }),
    ]);
    return sendPage(
      req,
      reply,
      <ContentFormPage
        action={action}
        title={title}
        form={form}
        errors={errors}
        units={await unitOptions(a.scope)}
        channels={channels}
        audiences={await audienceOptions()}
        messages={messages.map((m) => ({ value: String(m.id), label: m.text }))}
        activities={activities.map((x) => ({ value: String(x.id), label: x.title }))}
      />,
      errors?.length ? 400 : 200,
    );
  };

  app.get('/quan-tri/chien-dich/san-pham/moi', { preHandler: requireRole(...WORKERS) }, async (req, reply) => {
    const a = await access(req);
    const plan = await svc.requirePlan(db, yearQuery(req));
    const form = await contentFormFrom({ ownerUnitId: a.user.unitId !== null ? String(a.user.unitId) : '' });
    return renderContentForm(
      req,
      reply,
      a,
      plan,
      `/quan-tri/chien-dich/san-pham/moi?nam=${plan.year}`,
      'Thêm sản phẩm truyền thông',
      form,
    );
  });

  app.post('/quan-tri/chien-dich/san-pham/moi', { preHandler: requireRole(...WORKERS) }, async (req, reply) => {
    const a = await access(req);
    const plan = await svc.requirePlan(db, yearQuery(req));
    const form = await contentFormFrom(body(req));
    const { errors, id } = await svc.saveContent(db, a, plan.id, null, form);
    if (errors.length)
      return renderContentForm(
        req,
        reply,
        a,
        plan,
        `/quan-tri/chien-dich/san-pham/moi?nam=${plan.year}`,
        'Thêm sản phẩm truyền thông',
        form,
        errors,
      );
    req.session.flash = 'Đã lưu bản nháp. Khi xong, bấm "Gửi duyệt".';
    return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}`);
  });

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

  const renderContent = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors?: FormErrors,
    pubForm?: svc.PublicationForm,
  ) => {
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
    return sendPage(
      req,
      reply,
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
      />,
      errors?.length ? 400 : 200,
    );
  };

  app.get('/quan-tri/chien-dich/san-pham/:id', { preHandler: requireUser, schema: { params: IdParams } }, async (req, reply) =>
    renderContent(req, reply, (req.params as { id: number }).id),
  );

  app.get(
    '/quan-tri/chien-dich/san-pham/:id/sua',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const v = await svc.visibleContent(db, a, (req.params as { id: number }).id);
      if (!v.canEdit) throw new AppError('conflict', 'Chỉ sửa được sản phẩm đang là bản nháp.');
      const plan = (await repo.findPlan(db, v.c.plan_id))!;
      const variants = await repo.listVariants(db, v.c.id);
      const form: svc.ContentForm = {
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
      return renderContentForm(
        req,
        reply,
        a,
        plan,
        `/quan-tri/chien-dich/san-pham/${v.c.id}/sua`,
        'Sửa sản phẩm truyền thông',
        form,
      );
    },
  );

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/sua',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const id = (req.params as { id: number }).id;
      const v = await svc.visibleContent(db, a, id);
      const plan = (await repo.findPlan(db, v.c.plan_id))!;
      const form = await contentFormFrom(body(req));
      const { errors } = await svc.saveContent(db, a, plan.id, id, form);
      if (errors.length)
        return renderContentForm(
          req,
          reply,
          a,
          plan,
          `/quan-tri/chien-dich/san-pham/${id}/sua`,
          'Sửa sản phẩm truyền thông',
          form,
          errors,
        );
      req.session.flash = 'Đã lưu bản nháp.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/gui-duyet',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      await svc.submitContent(db, await access(req), id, str(body(req).comment));
      req.session.flash = 'Đã gửi duyệt. Một cán bộ Trung tâm khác người viết sẽ duyệt.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/duyet',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      await svc.approveContent(db, await access(req), id, str(body(req).comment));
      req.session.flash = 'Đã duyệt. Đơn vị có thể đăng và ghi nhận đường link.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/tra-lai',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const errors = await svc.returnContent(db, await access(req), id, str(body(req).comment));
      if (errors.length) return renderContent(req, reply, id, errors);
      req.session.flash = 'Đã trả lại bản nháp để sửa.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/binh-luan',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const errors = await svc.commentContent(db, await access(req), id, str(body(req).comment));
      if (errors.length) return renderContent(req, reply, id, errors);
      req.session.flash = 'Đã thêm ý kiến.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}#y-kien`);
    },
  );

  const pubFormFrom = (b: Record<string, unknown>): svc.PublicationForm => ({
    channel: str(b.channel),
    url: str(b.url),
    publishedOn: str(b.publishedOn),
    views: str(b.views),
    likes: str(b.likes),
    shares: str(b.shares),
  });

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/dang-tai',
    { preHandler: requireRole(...WORKERS), schema: { params: IdParams } },
    async (req, reply) => {
      const id = (req.params as { id: number }).id;
      const form = pubFormFrom(body(req));
      const errors = await svc.addPublication(db, await access(req), id, form);
      if (errors.length) return renderContent(req, reply, id, errors, form);
      req.session.flash = 'Đã ghi nhận lần đăng.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}#dang-tai`);
    },
  );

  app.post(
    '/quan-tri/chien-dich/san-pham/:id/dang-tai/:pid',
    { preHandler: requireRole(...WORKERS), schema: { params: PubParams } },
    async (req, reply) => {
      const { id, pid } = req.params as { id: number; pid: number };
      const errors = await svc.updateReach(db, await access(req), id, pid, pubFormFrom(body(req)));
      if (errors.length) return renderContent(req, reply, id, errors);
      req.session.flash = 'Đã cập nhật lượt tiếp cận.';
      return redirect(reply, `/quan-tri/chien-dich/san-pham/${id}#dang-tai`);
    },
  );

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
