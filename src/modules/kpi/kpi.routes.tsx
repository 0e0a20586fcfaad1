import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser, requireRole, requireUser } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, registerAdminNav, registerNav, sendPage, type FormErrors } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import type { OrgUnitRow } from '../org/index.js';
import { ImportQueue, uploadDir } from './kpi.jobs.js';
import { parseMapping, type ColumnMapping } from './kpi.parse.js';
import * as repo from './kpi.repository.js';
import {
  attribution,
  checkRange,
  dashboard,
  defaultRange,
  kpiSummary,
  MONTH_RE,
  ratesOf,
  resolveUnitCode,
  staffScope,
  visibleUnitIds,
} from './kpi.service.js';
import { DashboardPage } from './views/dashboard.js';
import { UNIT_SORTS, type UnitSort } from './views/figures.js';
import { ImportPage, ImportsPage, progressPercent, RUNNING, STATUS_LABELS } from './views/imports.js';
import { PublicCityPage, PublicUnitPage } from './views/public.js';
import { RulesPage } from './views/rules.js';

/** Largest dossier file accepted by the upload form (a million rows of CSV is about 110 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const MonthParam = Type.String({ pattern: MONTH_RE.source, description: 'Tháng, dạng YYYY-MM (tính cả tháng này)' });
const SummaryQuery = Type.Object({
  unit: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 20,
      description:
        'Mã đơn vị: 01 (Thành phố), mã xã, phường mới, mã sở, ngành (HN-...). Mã xã, phường cũ được quy về xã, phường mới. Bỏ trống: toàn Thành phố.',
    }),
  ),
  from: Type.Optional(MonthParam),
  to: Type.Optional(MonthParam),
});
const Figures = {
  dossiers: Type.Integer({ minimum: 0, description: 'Số hồ sơ tiếp nhận trong kỳ' }),
  online_rate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: 'Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận, theo tháng tiếp nhận; null khi không có hồ sơ',
  }),
  on_time_rate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: 'Hồ sơ hoàn thành có finished_at <= due_at / hồ sơ hoàn thành, theo tháng hoàn thành',
  }),
  online_payment_rate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: 'Hồ sơ thanh toán trực tuyến / hồ sơ có fee_required = 1, theo tháng tiếp nhận',
  }),
};
const SummarySchema = Type.Object({
  unit: Type.String({ description: 'Mã đơn vị được tính (01 = toàn Thành phố)' }),
  from: Type.String(),
  to: Type.String(),
  ...Figures,
});

const queues = new WeakMap<object, ImportQueue>();
/** The upload queue of one application instance. */
export function importQueue(deps: AppDeps): ImportQueue {
  let q = queues.get(deps.db);
  if (!q) {
    q = new ImportQueue(deps);
    queues.set(deps.db, q);
  }
  return q;
}

const rangeErrors = (problems: Array<{ field: 'from' | 'to'; message: string }>): FormErrors =>
  problems.map((p) => ({ field: p.field === 'from' ? 'tu' : 'den', message: p.message }));

const cleanName = (name: string): string =>
  path
    .basename(name)
    .replace(/[\p{Cc}]/gu, '')
    .slice(0, 200) || 'tep-ho-so';

export async function kpiRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db } = deps;
  registerNav({ href: '/so-lieu', label: 'Số liệu' });
  registerAdminNav({ href: '/quan-tri/so-lieu', label: 'Số liệu KPI' });
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 2, fields: 5, fieldSize: 256 * 1024, parts: 8 },
  });
  const queue = importQueue(deps);

  /** A month range from a page's query; bad months give form errors and the default range. */
  async function pageRange(q: { tu?: string; den?: string }) {
    const r = await checkRange(db, q.tu || undefined, q.den || undefined);
    if ('problems' in r) return { range: await defaultRange(db), errors: rangeErrors(r.problems) };
    return { range: r, errors: undefined };
  }

  // ---- Public pages -----------------------------------------------------------------------------

  app.get('/so-lieu', async (req, reply) => {
    const q = req.query as { tu?: string; den?: string };
    const { range, errors } = await pageRange(q);
    const scope = await resolveUnitCode(db, undefined);
    const data = await dashboard(db, scope, range, { withUnits: true, withIndicators: false });
    return sendPage(
      req,
      reply,
      <PublicCityPage data={data} errors={errors} input={{ tu: q.tu ?? range.from, den: q.den ?? range.to }} />,
      errors ? 400 : 200,
    );
  });

  app.get(
    '/so-lieu/:code',
    { schema: { params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }) } },
    async (req, reply) => {
      const { code } = req.params as { code: string };
      const q = req.query as { tu?: string; den?: string };
      let scope;
      try {
        scope = await resolveUnitCode(db, code);
      } catch {
        throw new AppError('not_found', 'Không tìm thấy xã, phường có mã này.');
      }
      const keep = new URLSearchParams(Object.entries(q).filter(([k, v]) => (k === 'tu' || k === 'den') && v)).toString();
      if (scope.unit.type === 'city') return redirect(reply, `/so-lieu${keep ? `?${keep}` : ''}`);
      if (scope.unit.type !== 'commune') throw new AppError('not_found', 'Không tìm thấy xã, phường có mã này.');
      if (scope.resolvedFrom) return redirect(reply, `/so-lieu/${scope.unit.code}${keep ? `?${keep}` : ''}`);
      const { range, errors } = await pageRange(q);
      const data = await dashboard(db, scope, range, { withUnits: false, withIndicators: false });
      return sendPage(
        req,
        reply,
        <PublicUnitPage data={data} errors={errors} input={{ tu: q.tu ?? range.from, den: q.den ?? range.to }} />,
        errors ? 400 : 200,
      );
    },
  );

  // ---- JSON API -----------------------------------------------------------------------------------

  app.get(
    '/api/v1/kpi/summary',
    {
      schema: {
        tags: ['kpi'],
        summary:
          'Số liệu hồ sơ của Thành phố hoặc một đơn vị trong một khoảng tháng: số hồ sơ, tỷ lệ trực tuyến, đúng hạn, thanh toán trực tuyến (số tổng hợp, công khai)',
        querystring: SummaryQuery,
        response: { 200: SummarySchema, 400: ErrorShape },
      },
    },
    async (req) => kpiSummary(db, req.query as { unit?: string; from?: string; to?: string }),
  );

  app.get(
    '/api/v1/kpi/monthly',
    {
      schema: {
        tags: ['kpi'],
        summary: 'Các số liệu như /api/v1/kpi/summary, theo từng tháng (công khai)',
        querystring: SummaryQuery,
        response: {
          200: Type.Object({
            unit: Type.String(),
            from: Type.String(),
            to: Type.String(),
            months: Type.Array(Type.Object({ month: Type.String(), ...Figures })),
          }),
          400: ErrorShape,
        },
      },
    },
    async (req) => {
      const q = req.query as { unit?: string; from?: string; to?: string };
      const s = await kpiSummary(db, q);
      const scope = await resolveUnitCode(db, q.unit);
      const data = await dashboard(db, scope, s, { withUnits: false, withIndicators: false });
      return {
        unit: s.unit,
        from: s.from,
        to: s.to,
        months: data.months.map((m) => ({ month: m.month, ...ratesOf(m.counts) })),
      };
    },
  );

  app.get(
    '/api/v1/kpi/imports/:id',
    {
      preHandler: requireRole('admin', 'editor'),
      schema: {
        tags: ['kpi'],
        summary: 'Tiến độ một lần nhập hồ sơ (cán bộ Trung tâm, cần đăng nhập)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Object({
            id: Type.Integer(),
            status: Type.String(),
            statusLabel: Type.String(),
            done: Type.Boolean(),
            rows: Type.Integer(),
            badRows: Type.Integer(),
            percent: Type.Union([Type.Integer(), Type.Null()]),
            inserted: Type.Integer(),
            updated: Type.Integer(),
          }),
          401: ErrorShape,
          403: ErrorShape,
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: number };
      const imp = await repo.getImport(db, id);
      if (!imp) throw new AppError('not_found', 'Không có lần nhập này.');
      return {
        id: Number(imp.id),
        status: imp.status,
        statusLabel: STATUS_LABELS[imp.status],
        done: !RUNNING.includes(imp.status),
        rows: imp.rows_read,
        badRows: imp.rows_bad,
        percent: progressPercent(imp),
        inserted: imp.inserted,
        updated: imp.updated,
      };
    },
  );

  // ---- Back office: dashboard ---------------------------------------------------------------------

  app.get('/quan-tri/so-lieu', { preHandler: requireUser }, async (req, reply) => {
    const user = currentUser(req);
    const q = req.query as { 'don-vi'?: string; tu?: string; den?: string; 'sap-xep'?: string };
    const scope = await staffScope(db, user, q['don-vi'] || undefined);
    const { range, errors } = await pageRange(q);
    const data = await dashboard(db, scope, range, { withUnits: true, withIndicators: true });
    const sort = (UNIT_SORTS.some((s) => s.value === q['sap-xep']) ? q['sap-xep'] : 'truc-tuyen') as UnitSort;

    const map = await attribution(db);
    const visible = await visibleUnitIds(db, user);
    const rank = (u: OrgUnitRow) => (u.type === 'city' ? 0 : u.type === 'commune' ? 1 : 2);
    const choices = map.counting
      .filter((u) => u.code && (!visible || visible.has(u.id)))
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'));
    return sendPage(
      req,
      reply,
      <DashboardPage
        data={data}
        choices={choices}
        sort={sort}
        canImport={user.role === 'admin' || user.role === 'editor'}
        errors={errors}
        input={{ don_vi: scope.unit.code ?? '', tu: q.tu ?? range.from, den: q.den ?? range.to }}
      />,
      errors ? 400 : 200,
    );
  });

  app.get('/quan-tri/so-lieu/quy-doi', { preHandler: requireUser }, async (req, reply) => {
    const map = await attribution(db);
    const all = [...map.byUnitId.values()];
    const byCode = (a: { unit: OrgUnitRow }, b: { unit: OrgUnitRow }) => (a.unit.code ?? '').localeCompare(b.unit.code ?? '');
    return sendPage(
      req,
      reply,
      <RulesPage
        splits={all.filter((a) => a.rule === 'split_first_listed').sort(byCode)}
        districts={all.filter((a) => a.unit.type === 'district').sort(byCode)}
      />,
    );
  });

  // ---- Back office: imports -----------------------------------------------------------------------

  const editors = requireRole('admin', 'editor');

  app.get('/quan-tri/so-lieu/nhap', { preHandler: editors }, async (req, reply) =>
    sendPage(req, reply, <ImportsPage imports={await repo.listImports(db)} />),
  );

  app.post('/quan-tri/so-lieu/nhap', { preHandler: editors }, async (req, reply) => {
    const user = currentUser(req);
    if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Hãy gửi tệp bằng biểu mẫu tải lên.');
    const dir = uploadDir(deps);
    fs.mkdirSync(dir, { recursive: true });
    const errors: FormErrors = [];
    let file: string | null = null;
    let fileName = '';
    let mappingText = '';
    let mappingFile = '';
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname === 'file' && part.filename && !file) {
            file = path.join(dir, `${crypto.randomUUID()}.upload`);
            fileName = cleanName(part.filename);
            await pipeline(part.file, fs.createWriteStream(file));
          } else if (part.fieldname === 'mapping_file' && part.filename) {
            const buf = await part.toBuffer();
            if (buf.length > 256 * 1024)
              errors.push({ field: 'mapping_file', message: 'Tệp ánh xạ cột quá lớn (tối đa 256 KB).' });
            else mappingFile = buf.toString('utf8');
          } else {
            part.file.resume();
          }
        } else if (part.fieldname === 'mapping') {
          mappingText = String(part.value ?? '').trim();
        }
      }
    } catch (e) {
      if (file) fs.rmSync(file, { force: true });
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        errors.push({
          field: 'file',
          message: `Tệp quá lớn (tối đa ${MAX_UPLOAD_BYTES / 1024 / 1024} MB). Hãy chia tệp theo tháng.`,
        });
        file = null;
      } else throw e;
    }

    if (!file && !errors.some((e) => e.field === 'file'))
      errors.push({ field: 'file', message: 'Hãy chọn tệp hồ sơ (CSV hoặc Excel .xlsx).' });
    else if (file && fs.statSync(file).size === 0) errors.push({ field: 'file', message: 'Tệp đã chọn không có nội dung.' });
    let mapping: ColumnMapping | undefined;
    const mappingSource = mappingText || mappingFile;
    if (mappingSource) {
      const m = parseMapping(mappingSource);
      if ('error' in m) errors.push({ field: mappingText ? 'mapping' : 'mapping_file', message: m.error });
      else mapping = m.mapping;
    }
    if (errors.length) {
      if (file) fs.rmSync(file, { force: true });
      return sendPage(
        req,
        reply,
        <ImportsPage imports={await repo.listImports(db)} errors={errors} mapping={mappingText} />,
        400,
      );
    }
    const id = await queue.enqueue({ file: file!, fileName, mapping, actorId: user.id });
    return redirect(reply, `/quan-tri/so-lieu/nhap/${id}`);
  });

  app.get(
    '/quan-tri/so-lieu/nhap/:id',
    { preHandler: editors, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const imp = await repo.getImport(db, id);
      if (!imp) throw new AppError('not_found', 'Không có lần nhập này.');
      const autoRefresh = (req.query as { 'tu-dong'?: string })['tu-dong'] !== '0';
      return sendPage(req, reply, <ImportPage imp={imp} autoRefresh={autoRefresh} />);
    },
  );
}
