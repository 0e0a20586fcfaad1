import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { currentUser, requireRole, requireUser, takeFlash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, registerDashboardPanel, safeBack, sendPage, type FormErrors } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { UNIT_TYPE_LABELS, type UnitType } from '../org/index.js';
import { consolidationDocx, consolidationXlsx, rangeLabel } from './reports.export.js';
import { GRID_STATUS_FILTERS, nameMatcher, paginate, pick, searchText, UNIT_STATUS_FILTERS } from './reports.paging.js';
import { monthBound, vnToday } from './reports.periods.js';
import * as repo from './reports.repository.js';
import * as svc from './reports.service.js';
import {
  ConsolidationPage,
  DashboardPanel,
  DrillDownPage,
  FormEditPage,
  FormPage,
  GridPage,
  NotificationsPage,
  PeriodEditPage,
  ReportsHomePage,
  SubmissionPage,
} from './views/report-pages.js';

const { str } = svc;
const CENTER = ['admin', 'editor'] as const;
const READERS = ['admin', 'editor', 'viewer'] as const;

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const SubParams = Type.Object({ pid: Type.Integer({ minimum: 1 }), uid: Type.Integer({ minimum: 1 }) });
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' });
const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

export async function reportsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const access = (req: FastifyRequest) => svc.accessFor(db, currentUser(req));

  registerDashboardPanel('reports', async (req) => {
    const user = req.user;
    if (!user) return null;
    const rdb = (req.server as FastifyInstance).deps.db;
    const a = await svc.accessFor(rdb, user);
    const [unread, due] = await Promise.all([
      repo.notificationsOf(rdb, user.id, { unreadOnly: true, limit: 5 }),
      user.role === 'unit_officer' ? svc.officerDue(rdb, a, 6) : Promise.resolve([]),
    ]);
    return <DashboardPanel unread={unread} due={due} />;
  });

  // ---- Home, forms and periods -----------------------------------------------------------------

  app.get('/quan-tri/bao-cao', { preHandler: requireUser }, async (req, reply) => {
    const a = await access(req);
    const isOfficer = a.user.role === 'unit_officer';
    const [forms, mine, unread] = await Promise.all([
      repo.listForms(db),
      isOfficer ? svc.officerReports(db, a) : Promise.resolve([]),
      repo.unreadCount(db, a.user.id),
    ]);
    return sendPage(
      req,
      reply,
      <ReportsHomePage
        isOfficer={isOfficer}
        isCenter={a.center}
        forms={isOfficer ? forms.filter((f) => f.active) : forms}
        mine={mine}
        unread={unread}
        flash={takeFlash(req)}
      />,
    );
  });

  app.get('/quan-tri/bao-cao/mau/moi', { preHandler: requireRole(...CENTER) }, async (req, reply) =>
    sendPage(req, reply, <FormEditPage action="/quan-tri/bao-cao/mau/moi" title="Tạo mẫu báo cáo" form={svc.formFormOf(null)} />),
  );

  app.post('/quan-tri/bao-cao/mau/moi', { preHandler: requireRole(...CENTER) }, async (req, reply) => {
    const form = svc.formFormFromBody(body(req));
    const { errors, id } = await svc.saveForm(db, currentUser(req), null, form);
    if (errors.length)
      return sendPage(
        req,
        reply,
        <FormEditPage action="/quan-tri/bao-cao/mau/moi" title="Tạo mẫu báo cáo" form={form} errors={errors} />,
        400,
      );
    req.session.flash = 'Đã tạo mẫu báo cáo. Hãy tạo các kỳ báo cáo.';
    return redirect(reply, `/quan-tri/bao-cao/mau/${id}`);
  });

  const renderFormPage = async (req: FastifyRequest, reply: FastifyReply, id: number, errors?: FormErrors) => {
    const form = await svc.requireForm(db, id);
    return sendPage(
      req,
      reply,
      <FormPage
        form={form}
        fields={svc.fieldsOf(form)}
        periods={await repo.listPeriods(db, form.id)}
        canEdit={svc.isCenterUser(currentUser(req))}
        flash={errors ? undefined : takeFlash(req)}
        errors={errors}
      />,
      errors?.length ? 400 : 200,
    );
  };

  app.get(
    '/quan-tri/bao-cao/mau/:id',
    { preHandler: requireRole(...READERS), schema: { params: IdParams } },
    async (req, reply) => renderFormPage(req, reply, (req.params as { id: number }).id),
  );

  app.get(
    '/quan-tri/bao-cao/mau/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      return sendPage(
        req,
        reply,
        <FormEditPage
          action={`/quan-tri/bao-cao/mau/${form.id}/sua`}
          title={`Sửa mẫu: ${form.name}`}
          form={svc.formFormOf(form)}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/bao-cao/mau/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const existing = await svc.requireForm(db, (req.params as { id: number }).id);
      const form = svc.formFormFromBody(body(req));
      const { errors } = await svc.saveForm(db, currentUser(req), existing.id, form);
      if (errors.length)
        return sendPage(
          req,
          reply,
          <FormEditPage
            action={`/quan-tri/bao-cao/mau/${existing.id}/sua`}
            title={`Sửa mẫu: ${existing.name}`}
            form={form}
            errors={errors}
          />,
          400,
        );
      req.session.flash = 'Đã lưu mẫu báo cáo.';
      return redirect(reply, `/quan-tri/bao-cao/mau/${existing.id}`);
    },
  );

  app.post(
    '/quan-tri/bao-cao/mau/:id/ky',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      const yearText = str(body(req).year).trim();
      if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100)
        return renderFormPage(req, reply, form.id, [{ field: 'year', message: 'Nhập năm, ví dụ 2026.' }]);
      const n = await svc.generatePeriods(db, currentUser(req), form, Number(yearText));
      req.session.flash = n ? `Đã tạo ${n} kỳ báo cáo năm ${yearText}.` : `Các kỳ báo cáo năm ${yearText} đã có sẵn.`;
      return redirect(reply, `/quan-tri/bao-cao/mau/${form.id}#ky`);
    },
  );

  app.get(
    '/quan-tri/bao-cao/ky/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { period } = await svc.requirePeriod(db, (req.params as { id: number }).id);
      return sendPage(req, reply, <PeriodEditPage period={period} form={{ label: period.label, deadline: period.deadline }} />);
    },
  );

  app.post(
    '/quan-tri/bao-cao/ky/:id/sua',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { period } = await svc.requirePeriod(db, (req.params as { id: number }).id);
      const b = body(req);
      const form = { label: str(b.label), deadline: str(b.deadline) };
      const errors = await svc.savePeriod(db, currentUser(req), period, form);
      if (errors.length) return sendPage(req, reply, <PeriodEditPage period={period} form={form} errors={errors} />, 400);
      req.session.flash = `Đã lưu kỳ ${form.label}.`;
      return redirect(reply, `/quan-tri/bao-cao/mau/${period.form_id}#ky`);
    },
  );

  // ---- Grid and reminders ----------------------------------------------------------------------

  app.get(
    '/quan-tri/bao-cao/mau/:id/tinh-hinh',
    { preHandler: requireUser, schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      const all = await repo.listPeriods(db, form.id);
      const years = [...new Set(all.map((p) => Number(p.start_date.slice(0, 4))))];
      const q = req.query as Record<string, unknown>;
      const asked = Number(str(q.nam));
      const thisYear = Number(vnToday().slice(0, 4));
      const year = years.includes(asked) ? asked : years.includes(thisYear) ? thisYear : (years[years.length - 1] ?? thisYear);
      const type = pick(str(q.loai), svc.REPORTING_TYPES);
      const periods = all.filter((p) => p.start_date.startsWith(String(year)));
      // Every unit of the type is counted (the per-period figures); name, status and page only narrow the rows shown.
      const grid = await svc.statusGrid(db, a, form, periods, type || undefined);
      const status = pick(str(q['trang-thai']), Object.keys(GRID_STATUS_FILTERS));
      const period = periods.find((p) => String(p.id) === str(q.ky));
      const search = searchText(str(q.q));
      const named = nameMatcher(search);
      const matches = status ? GRID_STATUS_FILTERS[status]!.match : () => true;
      const rows = grid.rows.filter(
        (r) =>
          named(r.unit.full_name) &&
          (!status || r.cells.some((c) => (!period || c.period.id === period.id) && matches(c.status))),
      );
      return sendPage(
        req,
        reply,
        <GridPage
          form={form}
          years={years}
          filters={{ nam: year, loai: type, q: search, 'trang-thai': status, ky: period ? String(period.id) : '' }}
          periods={periods}
          counts={grid.counts}
          unitCount={grid.rows.length}
          paged={paginate(rows, str(q.trang))}
          canRemind={a.center}
          flash={takeFlash(req)}
        />,
      );
    },
  );

  app.post(
    '/quan-tri/bao-cao/ky/:id/nhac',
    { preHandler: requireRole(...CENTER), schema: { params: IdParams } },
    async (req, reply) => {
      const { period, form } = await svc.requirePeriod(db, (req.params as { id: number }).id);
      const b = body(req);
      const unit = str(b.unit);
      // From a grid filtered by unit type, "Nhắc N đơn vị" reminds those N units, not every type.
      const type = pick(str(b.loai), svc.REPORTING_TYPES);
      const unitIds = /^\d+$/.test(unit)
        ? [Number(unit)]
        : type
          ? (await svc.expectedUnits(db, form, period)).filter((u) => u.type === type).map((u) => u.id)
          : undefined;
      const r = await svc.sendReminders(deps, currentUser(req).id, form, period, 'manual', unitIds);
      req.session.flash = r.units
        ? `Đã nhắc ${r.units} đơn vị nộp báo cáo ${period.label}: ${r.recipients} cán bộ nhận thông báo${
            deps.config.smtp.url ? `, ${r.emails} email đã gửi` : ' (chưa cấu hình email nên chỉ gửi thông báo trong hệ thống)'
          }.${r.unitsWithoutOfficer ? ` ${r.unitsWithoutOfficer} đơn vị chưa có tài khoản cán bộ.` : ''}`
        : `Mọi đơn vị đã nộp báo cáo ${period.label}.`;
      return redirect(reply, safeBack(b.back, `/quan-tri/bao-cao/mau/${form.id}/tinh-hinh`));
    },
  );

  // ---- A unit's report -------------------------------------------------------------------------

  const renderSubmission = async (
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: svc.SubmissionContext,
    o: { data?: svc.ReportData; errors?: FormErrors; reopenErrors?: FormErrors } = {},
  ) => {
    const extra = Number(str((req.query as Record<string, unknown>).dong));
    return sendPage(
      req,
      reply,
      <SubmissionPage
        ctx={ctx}
        data={o.data ?? ctx.data}
        errors={o.errors}
        reopenErrors={o.reopenErrors}
        extraRows={Number.isInteger(extra) && extra > 0 && extra <= 50 ? extra : 2}
        flash={o.errors || o.reopenErrors ? undefined : takeFlash(req)}
      />,
      o.errors?.length || o.reopenErrors?.length ? 400 : 200,
    );
  };

  app.get(
    '/quan-tri/bao-cao/ky/:pid/don-vi/:uid',
    { preHandler: requireUser, schema: { params: SubParams } },
    async (req, reply) => {
      const { pid, uid } = req.params as { pid: number; uid: number };
      return renderSubmission(req, reply, await svc.submissionContext(db, await access(req), pid, uid));
    },
  );

  app.post(
    '/quan-tri/bao-cao/ky/:pid/don-vi/:uid',
    { preHandler: requireUser, schema: { params: SubParams } },
    async (req, reply) => {
      const { pid, uid } = req.params as { pid: number; uid: number };
      const a = await access(req);
      const ctx = await svc.submissionContext(db, a, pid, uid);
      const b = body(req);
      const action = str(b.action);
      const submit = action === 'submit';
      const { errors, data } = await svc.saveReport(db, a, ctx, b, submit);
      if (errors.length) return renderSubmission(req, reply, ctx, { data, errors });
      const url = svc.submissionUrl(pid, uid);
      if (action === 'add-rows') {
        const cur = Number(str((req.query as Record<string, unknown>).dong)) || 2;
        req.session.flash = 'Đã lưu nháp và thêm dòng.';
        return redirect(reply, `${url}?dong=${Math.min(50, cur + 3)}`);
      }
      if (submit) {
        const fresh = await repo.findSubmission(db, pid, uid);
        req.session.flash = fresh?.late
          ? 'Đã nộp báo cáo (sau hạn nộp nên được ghi là nộp muộn).'
          : 'Đã nộp báo cáo. Cảm ơn bạn.';
      } else req.session.flash = 'Đã lưu nháp. Bạn có thể điền tiếp sau rồi bấm "Nộp báo cáo".';
      return redirect(reply, url);
    },
  );

  app.post(
    '/quan-tri/bao-cao/ky/:pid/don-vi/:uid/mo-lai',
    { preHandler: requireRole(...CENTER), schema: { params: SubParams } },
    async (req, reply) => {
      const { pid, uid } = req.params as { pid: number; uid: number };
      const a = await access(req);
      const ctx = await svc.submissionContext(db, a, pid, uid);
      const errors = await svc.reopenReport(db, a, ctx, str(body(req).note));
      if (errors.length) return renderSubmission(req, reply, ctx, { reopenErrors: errors });
      req.session.flash = 'Đã mở lại báo cáo; đơn vị nhận được thông báo để sửa và nộp lại.';
      return redirect(reply, svc.submissionUrl(pid, uid));
    },
  );

  // ---- Consolidation and exports ---------------------------------------------------------------

  const rangeOf = async (req: FastifyRequest, form: repo.FormRow) => {
    const q = req.query as Record<string, unknown>;
    let from = str(q.tu);
    let to = str(q.den);
    if (!from && !to) {
      const d = await svc.defaultRange(db, form);
      if (!d) throw new AppError('not_found', 'Mẫu báo cáo này chưa có kỳ báo cáo nào.');
      ({ from, to } = d);
    }
    if (!to) to = from;
    if (!from) from = to;
    if (!monthBound(from, false) || !monthBound(to, true) || from.length !== 7 || to.length !== 7 || from > to)
      throw new AppError('bad_request', 'Chọn từ tháng và đến tháng (dạng 2025-03), từ tháng không sau đến tháng.');
    return { from, to };
  };

  app.get('/quan-tri/bao-cao/mau/:id/tong-hop', { preHandler: requireUser, schema: { params: IdParams } }, async (req, reply) => {
    const a = await access(req);
    const form = await svc.requireForm(db, (req.params as { id: number }).id);
    const { from, to } = await rangeOf(req, form);
    // The consolidation covers every unit (the totals); the filters and the page only narrow the unit rows shown.
    const c = await svc.consolidate(db, a, form, from, to);
    const q = req.query as Record<string, unknown>;
    const type = pick(str(q.loai), svc.REPORTING_TYPES);
    const status = pick(str(q['trang-thai']), Object.keys(UNIT_STATUS_FILTERS));
    const search = searchText(str(q.q));
    const named = nameMatcher(search);
    const rows = c.units.filter(
      (u) => (!type || u.unit.type === type) && named(u.unit.full_name) && (!status || UNIT_STATUS_FILTERS[status]!.match(u)),
    );
    return sendPage(
      req,
      reply,
      <ConsolidationPage
        c={c}
        filters={{ tu: from, den: to, loai: type, q: search, 'trang-thai': status }}
        paged={paginate(rows, str(q.trang))}
        canExport={a.user.role !== 'unit_officer'}
        isOfficer={a.user.role === 'unit_officer'}
      />,
    );
  });

  app.get(
    '/quan-tri/bao-cao/mau/:id/tong-hop/chi-tiet',
    { preHandler: requireUser, schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      const { from, to } = await rangeOf(req, form);
      const q = req.query as Record<string, unknown>;
      const type = (svc.REPORTING_TYPES as string[]).includes(str(q.loai)) ? str(q.loai) : undefined;
      const unitText = str(q['don-vi']);
      const unitId = /^\d+$/.test(unitText) ? Number(unitText) : undefined;
      const d = await svc.drillDown(db, a, form, from, to, str(q.truong), { type, unitId });
      const range = rangeLabel({ from, to });
      const label =
        unitId !== undefined
          ? `${d.rows[0]?.full_name ?? 'Đơn vị'}, ${range}`
          : type
            ? `${UNIT_TYPE_LABELS[type as UnitType]}, ${range}`
            : `Tất cả đơn vị, ${range}`;
      const query: Record<string, string> = { tu: from, den: to, truong: d.field.key };
      if (type) query.loai = type;
      if (unitId !== undefined) query['don-vi'] = String(unitId);
      return sendPage(
        req,
        reply,
        <DrillDownPage
          c={{ formId: form.id, from, to }}
          field={d.field}
          label={label}
          query={query}
          paged={paginate(d.rows, str(q.trang))}
          total={d.total}
        />,
      );
    },
  );

  const exportName = (form: { id: number }, from: string, to: string, ext: string) =>
    `bao-cao-tong-hop-${form.id}-${from}${from === to ? '' : `_${to}`}.${ext}`;

  app.get(
    '/quan-tri/bao-cao/mau/:id/tong-hop.docx',
    { preHandler: requireRole(...READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      const { from, to } = await rangeOf(req, form);
      const buf = await consolidationDocx(await svc.consolidate(db, a, form, from, to));
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${exportName(form, from, to, 'docx')}"`)
        .header('cache-control', 'private, no-store')
        .send(buf);
    },
  );

  app.get(
    '/quan-tri/bao-cao/mau/:id/tong-hop.xlsx',
    { preHandler: requireRole(...READERS), schema: { params: IdParams } },
    async (req, reply) => {
      const a = await access(req);
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      const { from, to } = await rangeOf(req, form);
      const buf = await consolidationXlsx(await svc.consolidate(db, a, form, from, to));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportName(form, from, to, 'xlsx')}"`)
        .header('cache-control', 'private, no-store')
        .send(buf);
    },
  );

  // ---- Notifications ---------------------------------------------------------------------------

  app.get('/quan-tri/thong-bao', { preHandler: requireUser }, async (req, reply) => {
    const items = await repo.notificationsOf(db, currentUser(req).id, { limit: 200 });
    return sendPage(req, reply, <NotificationsPage items={items} flash={takeFlash(req)} />);
  });

  app.post('/quan-tri/thong-bao/:id/da-doc', { preHandler: requireUser, schema: { params: IdParams } }, async (req, reply) => {
    // Only the user's own notifications match (the query is bound to the user id).
    await repo.markRead(db, currentUser(req).id, (req.params as { id: number }).id);
    return redirect(reply, '/quan-tri/thong-bao');
  });

  app.post('/quan-tri/thong-bao/da-doc-het', { preHandler: requireUser }, async (req, reply) => {
    await repo.markRead(db, currentUser(req).id, null);
    req.session.flash = 'Đã đánh dấu đã đọc tất cả thông báo.';
    return redirect(reply, '/quan-tri/thong-bao');
  });

  // ---- JSON API --------------------------------------------------------------------------------

  app.get(
    '/api/v1/reports/forms',
    {
      preHandler: requireUser,
      schema: {
        tags: ['reports'],
        summary: 'Mẫu báo cáo định kỳ và các trường (mã trường ổn định)',
        response: {
          200: Type.Object({
            forms: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                frequency: Type.String(),
                active: Type.Boolean(),
                unitTypes: Type.Array(Type.String()),
                fields: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), type: Type.String() })),
              }),
            ),
          }),
          401: ErrorShape,
        },
      },
    },
    async () => ({
      forms: (await repo.listForms(db)).map((f) => ({
        id: f.id,
        name: f.name,
        frequency: f.frequency,
        active: Boolean(f.active),
        unitTypes: svc.unitTypesOf(f),
        fields: svc.fieldsOf(f).map((x) => ({ key: x.key, label: x.label, type: x.type })),
      })),
    }),
  );

  app.get(
    '/api/v1/reports/forms/:id/status',
    {
      preHandler: requireUser,
      schema: {
        tags: ['reports'],
        summary: 'Tình trạng nộp báo cáo của từng đơn vị theo kỳ trong một năm (cán bộ đơn vị: chỉ đơn vị mình)',
        params: IdParams,
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: {
          200: Type.Object({
            periods: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String(), deadline: Type.String() })),
            units: Type.Array(
              Type.Object({
                id: Type.Integer(),
                code: Type.Union([Type.String(), Type.Null()]),
                name: Type.String(),
                type: Type.String(),
                statuses: Type.Array(Type.Union([Type.String(), Type.Null()])),
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
      const form = await svc.requireForm(db, (req.params as { id: number }).id);
      const year = (req.query as { year?: number }).year ?? Number(vnToday().slice(0, 4));
      const periods = (await repo.listPeriods(db, form.id)).filter((p) => p.start_date.startsWith(String(year)));
      const grid = await svc.statusGrid(db, a, form, periods);
      return {
        periods: periods.map((p) => ({ id: p.id, label: p.label, deadline: p.deadline })),
        units: grid.rows.map((r) => ({
          id: r.unit.id,
          code: r.unit.code,
          name: r.unit.full_name,
          type: r.unit.type,
          statuses: r.cells.map((c) => c.status),
        })),
      };
    },
  );

  app.get(
    '/api/v1/reports/totals',
    {
      preHandler: requireUser,
      schema: {
        tags: ['reports'],
        summary: 'Tổng các trường số của báo cáo đã nộp trong khoảng tháng, theo mã trường (cán bộ đơn vị: chỉ đơn vị mình)',
        querystring: Type.Object({ from: Type.Optional(Month), to: Type.Optional(Month) }),
        response: { 200: Type.Object({ totals: Type.Record(Type.String(), Type.Number()) }), 401: ErrorShape },
      },
    },
    async (req) => {
      const a = await access(req);
      const { from, to } = req.query as { from?: string; to?: string };
      return { totals: await svc.reportTotals(db, { from, to, unitIds: a.scope ?? undefined }) };
    },
  );

  app.get(
    '/api/v1/reports/submissions/:pid/:uid',
    {
      preHandler: requireUser,
      schema: {
        tags: ['reports'],
        summary: 'Báo cáo của một đơn vị trong một kỳ (cán bộ đơn vị: chỉ đơn vị mình)',
        params: SubParams,
        response: {
          200: Type.Object({
            period: Type.String(),
            unit: Type.String(),
            status: Type.String(),
            submittedAt: Type.Union([Type.String(), Type.Null()]),
            data: Type.Record(Type.String(), Type.Unknown()),
          }),
          401: ErrorShape,
          403: ErrorShape,
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const { pid, uid } = req.params as { pid: number; uid: number };
      const ctx = await svc.submissionContext(db, await access(req), pid, uid);
      return {
        period: ctx.period.label,
        unit: ctx.unit.full_name,
        status: ctx.status,
        submittedAt: ctx.submission?.submitted_at ?? null,
        data: ctx.data as Record<string, unknown>,
      };
    },
  );
}
