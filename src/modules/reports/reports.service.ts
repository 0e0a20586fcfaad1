import nodemailer from 'nodemailer';
import { audit } from '../../platform/audit.js';
import type { Db, DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { FormErrors, SignedInUser } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { CENTER_CODE } from '../campaign/index.js';
import { findUnit, listUnits, unitScopeIds, UNIT_TYPE_LABELS, type OrgUnitRow, type UnitType } from '../org/index.js';
import { addDays, deadlineEnd, monthBound, periodsForYear, vnToday } from './reports.periods.js';
import * as repo from './reports.repository.js';
import type { FieldDef, FieldType, Frequency } from './reports.table.js';

export const FREQUENCY_LABELS: Record<Frequency, string> = { monthly: 'Hằng tháng', quarterly: 'Hằng quý' };
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  integer: 'Số (đếm được)',
  text: 'Đoạn văn',
  links: 'Danh sách bài đăng kèm đường link',
};
/** Unit types that may be asked to report. */
export const REPORTING_TYPES: UnitType[] = ['district', 'commune', 'department', 'press', 'mass_org', 'enterprise'];

export type CellStatus = 'on_time' | 'late' | 'draft' | 'draft_overdue' | 'missing' | 'pending';
export const CELL_LABELS: Record<CellStatus, string> = {
  on_time: 'Đã nộp đúng hạn',
  late: 'Nộp muộn',
  draft: 'Đang soạn',
  draft_overdue: 'Quá hạn, đang soạn',
  missing: 'Chưa nộp, quá hạn',
  pending: 'Chưa đến hạn',
};

export const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
export const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const now = () => new Date().toISOString();

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function fieldsOf(form: repo.FormRow): FieldDef[] {
  return JSON.parse(form.fields) as FieldDef[];
}

export function unitTypesOf(form: repo.FormRow): UnitType[] {
  return JSON.parse(form.unit_types) as UnitType[];
}

/** Fields that carry a number: counts, and lists of links (their number of rows). */
export const numericFields = (fields: FieldDef[]) => fields.filter((f) => f.type === 'integer' || f.type === 'links');

// ---- Access --------------------------------------------------------------------------------------

export interface Access {
  user: SignedInUser;
  /** Units a unit officer reports for; null for the Center and viewers (they see every unit). */
  scope: number[] | null;
  center: boolean;
}

export async function accessFor(db: DbOrTrx, user: SignedInUser): Promise<Access> {
  const center = user.role === 'admin' || user.role === 'editor';
  if (user.role !== 'unit_officer') return { user, scope: null, center };
  return { user, scope: user.unitId === null ? [] : await unitScopeIds(db, user.unitId), center };
}

export const isCenterUser = (user: SignedInUser) => user.role === 'admin' || user.role === 'editor';

const inScope = (a: Access, unitId: number) => a.scope === null || a.scope.includes(unitId);

// ---- Who must report -----------------------------------------------------------------------------

/**
 * The units that must report for a period: units of the form's types that existed on the period's last day,
 * except the Center itself (it consolidates).
 */
export async function expectedUnits(db: DbOrTrx, form: repo.FormRow, period: repo.PeriodRow): Promise<OrgUnitRow[]> {
  const types = unitTypesOf(form);
  if (!types.length) return [];
  const units = await listUnits(db, { types, activeOn: period.end_date });
  return units.filter((u) => u.code !== CENTER_CODE);
}

export function cellStatus(sub: { status: string; late: number } | undefined, period: repo.PeriodRow, at = now()): CellStatus {
  const overdue = at > deadlineEnd(period.deadline);
  if (sub?.status === 'submitted') return sub.late ? 'late' : 'on_time';
  if (sub) return overdue ? 'draft_overdue' : 'draft';
  return overdue ? 'missing' : 'pending';
}

// ---- Forms and periods ---------------------------------------------------------------------------

export interface FormForm {
  name: string;
  frequency: string;
  description: string;
  unitTypes: string[];
  deadlineDays: string;
  active: boolean;
  fields: Array<{ key: string; label: string; type: string; hint: string }>;
}

export function formFormOf(form: repo.FormRow | null): FormForm {
  if (!form)
    return {
      name: '',
      frequency: 'monthly',
      description: '',
      unitTypes: ['commune'],
      deadlineDays: '5',
      active: true,
      fields: [],
    };
  return {
    name: form.name,
    frequency: form.frequency,
    description: form.description,
    unitTypes: unitTypesOf(form),
    deadlineDays: String(form.deadline_days),
    active: Boolean(form.active),
    fields: fieldsOf(form),
  };
}

export function formFormFromBody(b: Record<string, unknown>): FormForm {
  const keys = arr(b.f_key);
  const labels = arr(b.f_label);
  const types = arr(b.f_type);
  const hints = arr(b.f_hint);
  const fields = keys
    .map((k, i) => ({
      key: k.trim(),
      label: (labels[i] ?? '').trim(),
      type: types[i] ?? 'integer',
      hint: (hints[i] ?? '').trim(),
    }))
    .filter((f) => f.key || f.label);
  return {
    name: str(b.name),
    frequency: str(b.frequency),
    description: str(b.description),
    unitTypes: arr(b.unitTypes),
    deadlineDays: str(b.deadlineDays),
    active: str(b.active) === '1',
    fields,
  };
}

export async function saveForm(
  db: Db,
  user: SignedInUser,
  formId: number | null,
  f: FormForm,
): Promise<{ errors: FormErrors; id?: number }> {
  const errors: FormErrors = [];
  if (!f.name.trim()) errors.push({ field: 'name', message: 'Nhập tên mẫu báo cáo.' });
  if (!(f.frequency in FREQUENCY_LABELS))
    errors.push({ field: 'frequency', message: 'Chọn kỳ báo cáo: hằng tháng hoặc hằng quý.' });
  else if (formId !== null) {
    const existing = await repo.findForm(db, formId);
    if (existing && existing.frequency !== f.frequency && (await repo.listPeriods(db, formId)).length)
      errors.push({ field: 'frequency', message: 'Mẫu đã có kỳ báo cáo nên không đổi được tần suất. Hãy tạo mẫu mới.' });
  }
  if (!f.unitTypes.length || f.unitTypes.some((t) => !REPORTING_TYPES.includes(t as UnitType)))
    errors.push({ field: 'unitTypes', message: 'Chọn ít nhất một loại đơn vị phải báo cáo.' });
  const days = Number(f.deadlineDays);
  if (!/^\d{1,2}$/.test(f.deadlineDays.trim()) || days > 60)
    errors.push({ field: 'deadlineDays', message: 'Nhập số ngày từ 0 đến 60 sau ngày cuối kỳ.' });
  if (!f.fields.length) errors.push({ field: 'f_key', message: 'Thêm ít nhất một trường số liệu.' });
  const seen = new Set<string>();
  f.fields.forEach((x, i) => {
    const id = i === 0 ? 'f_key' : `f_key-${i + 1}`;
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(x.key))
      errors.push({
        field: id,
        message: `Dòng ${i + 1}: mã trường gồm chữ thường không dấu, số và dấu gạch dưới, ví dụ people_guided.`,
      });
    else if (seen.has(x.key)) errors.push({ field: id, message: `Dòng ${i + 1}: mã trường "${x.key}" bị trùng.` });
    seen.add(x.key);
    if (!x.label) errors.push({ field: i === 0 ? 'f_label' : `f_label-${i + 1}`, message: `Dòng ${i + 1}: nhập tên trường.` });
    if (!(x.type in FIELD_TYPE_LABELS)) errors.push({ field: id, message: `Dòng ${i + 1}: chọn kiểu trường.` });
  });
  if (errors.length) return { errors };
  const values = {
    name: f.name.trim().slice(0, 300),
    frequency: f.frequency as Frequency,
    description: f.description.trim().slice(0, 3000),
    fields: JSON.stringify(
      f.fields.map((x) => ({ key: x.key, label: x.label.slice(0, 300), type: x.type as FieldType, hint: x.hint.slice(0, 300) })),
    ),
    unit_types: JSON.stringify([...new Set(f.unitTypes)]),
    deadline_days: days,
    active: f.active ? 1 : 0,
    updated_at: now(),
  };
  const id = await db.transaction().execute(async (trx) => {
    let id = formId;
    if (id === null) id = await repo.insertForm(trx, { ...values, created_by: user.id, created_at: now() });
    else await repo.updateForm(trx, id, values);
    await audit(trx, {
      actorId: user.id,
      action: formId === null ? 'reports.form.create' : 'reports.form.update',
      entity: 'report_form',
      entityId: id,
      summary: `${formId === null ? 'Tạo' : 'Sửa'} mẫu báo cáo: ${values.name.slice(0, 80)}`,
    });
    return id;
  });
  return { errors: [], id };
}

/** All periods of a year for the form; existing ones are kept. Returns how many were added. */
export async function generatePeriods(db: Db, user: SignedInUser, form: repo.FormRow, year: number): Promise<number> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('bad_request', 'Năm không hợp lệ.');
  const existing = new Set((await repo.listPeriods(db, form.id)).map((p) => p.start_date));
  const add = periodsForYear(form.frequency, year, form.deadline_days).filter((p) => !existing.has(p.start_date));
  await db.transaction().execute(async (trx) => {
    for (const p of add) await repo.insertPeriod(trx, { ...p, form_id: form.id });
    await audit(trx, {
      actorId: user.id,
      action: 'reports.periods.create',
      entity: 'report_form',
      entityId: form.id,
      summary: `Tạo ${add.length} kỳ báo cáo năm ${year}`,
    });
  });
  return add.length;
}

export async function savePeriod(
  db: Db,
  user: SignedInUser,
  period: repo.PeriodRow,
  f: { label: string; deadline: string },
): Promise<FormErrors> {
  const errors: FormErrors = [];
  if (!f.label.trim()) errors.push({ field: 'label', message: 'Nhập tên kỳ báo cáo.' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline) || Number.isNaN(Date.parse(f.deadline)))
    errors.push({ field: 'deadline', message: 'Nhập hạn nộp là một ngày hợp lệ.' });
  else if (f.deadline < period.end_date) errors.push({ field: 'deadline', message: 'Hạn nộp không thể trước ngày cuối kỳ.' });
  if (errors.length) return errors;
  await db.transaction().execute(async (trx) => {
    await repo.updatePeriod(trx, period.id, { label: f.label.trim().slice(0, 100), deadline: f.deadline });
    await audit(trx, {
      actorId: user.id,
      action: 'reports.period.update',
      entity: 'report_period',
      entityId: period.id,
      summary: `Sửa kỳ ${period.label}: hạn nộp ${f.deadline}`,
    });
  });
  return [];
}

export async function requireForm(db: DbOrTrx, id: number) {
  const f = await repo.findForm(db, id);
  if (!f) throw new AppError('not_found', 'Không tìm thấy mẫu báo cáo này.');
  return f;
}

export async function requirePeriod(db: DbOrTrx, id: number) {
  const p = await repo.findPeriod(db, id);
  if (!p) throw new AppError('not_found', 'Không tìm thấy kỳ báo cáo này.');
  return { period: p, form: (await repo.findForm(db, p.form_id))! };
}

// ---- Submissions ---------------------------------------------------------------------------------

export type LinkRow = { title: string; url: string };
export type ReportData = Record<string, number | string | LinkRow[] | null>;

export async function submissionContext(db: DbOrTrx, a: Access, periodId: number, unitId: number) {
  const { period, form } = await requirePeriod(db, periodId);
  const unit = await findUnit(db, unitId);
  if (!unit) throw new AppError('not_found', 'Không tìm thấy đơn vị này.');
  if (!inScope(a, unit.id)) throw new AppError('forbidden', 'Bạn chỉ xem và nộp được báo cáo của đơn vị mình.');
  const expected = (await expectedUnits(db, form, period)).some((u) => u.id === unit.id);
  if (!expected) throw new AppError('not_found', 'Đơn vị này không phải nộp báo cáo trong kỳ này.');
  const submission = await repo.findSubmission(db, period.id, unit.id);
  const data: ReportData = submission ? (JSON.parse(submission.data) as ReportData) : {};
  const status = cellStatus(submission, period);
  return {
    form,
    period,
    unit,
    submission,
    fields: fieldsOf(form),
    data,
    status,
    /** Only the unit's officers fill in and submit; the Center reads, and may reopen a submitted report. */
    canEdit: a.user.role === 'unit_officer' && submission?.status !== 'submitted',
    canReopen: a.center && submission?.status === 'submitted',
  };
}

export type SubmissionContext = Awaited<ReturnType<typeof submissionContext>>;

/** Read the report form as posted; errors for values that can never be stored. On submit, every number is required. */
export function readReport(
  fields: FieldDef[],
  b: Record<string, unknown>,
  forSubmit: boolean,
): { data: ReportData; errors: FormErrors } {
  const data: ReportData = {};
  const errors: FormErrors = [];
  for (const f of fields) {
    const name = `v_${f.key}`;
    if (f.type === 'integer') {
      const raw = str(b[name]).trim().replace(/[.\s]/g, '');
      if (raw === '') {
        data[f.key] = null;
        if (forSubmit) errors.push({ field: name, message: `${f.label}: nhập một số (nhập 0 nếu không có).` });
      } else if (!/^\d{1,9}$/.test(raw)) {
        data[f.key] = null;
        errors.push({ field: name, message: `${f.label}: chỉ nhập số nguyên không âm.` });
      } else data[f.key] = Number(raw);
    } else if (f.type === 'text') {
      data[f.key] = str(b[name]).trim().slice(0, 5000);
    } else {
      const titles = arr(b[`${name}__title`]);
      const urls = arr(b[`${name}__url`]);
      const rows: LinkRow[] = [];
      for (let i = 0; i < Math.max(titles.length, urls.length); i++) {
        const title = (titles[i] ?? '').trim().slice(0, 300);
        const url = (urls[i] ?? '').trim().slice(0, 2000);
        if (!title && !url) continue;
        if (!isHttpUrl(url))
          errors.push({
            field: `${name}__url_${i}`,
            message: `${f.label}, dòng ${i + 1}: nhập đường link đầy đủ, bắt đầu bằng https://`,
          });
        rows.push({ title: title || url, url });
      }
      data[f.key] = rows;
    }
  }
  return { data, errors };
}

function numericValues(fields: FieldDef[], data: ReportData): Array<{ key: string; value: number }> {
  const out: Array<{ key: string; value: number }> = [];
  for (const f of numericFields(fields)) {
    const v = data[f.key];
    if (f.type === 'integer' && typeof v === 'number') out.push({ key: f.key, value: v });
    if (f.type === 'links') out.push({ key: f.key, value: Array.isArray(v) ? v.length : 0 });
  }
  return out;
}

/** Save a draft or submit. Nothing is stored when the input has errors. */
export async function saveReport(
  db: Db,
  a: Access,
  ctx: SubmissionContext,
  b: Record<string, unknown>,
  submit: boolean,
): Promise<{ errors: FormErrors; data: ReportData }> {
  if (a.user.role !== 'unit_officer') throw new AppError('forbidden', 'Chỉ cán bộ của đơn vị nộp được báo cáo này.');
  if (!ctx.canEdit) throw new AppError('conflict', 'Báo cáo đã nộp. Liên hệ Trung tâm nếu cần mở lại để sửa.');
  const { data, errors } = readReport(ctx.fields, b, submit);
  if (errors.length) return { errors, data };
  const t = now();
  const late = submit && t > deadlineEnd(ctx.period.deadline) ? 1 : 0;
  await db.transaction().execute(async (trx) => {
    let id = ctx.submission?.id;
    const common = { data: JSON.stringify(data), updated_by: a.user.id, updated_at: t };
    const submitSet = submit ? { status: 'submitted' as const, submitted_at: t, submitted_by: a.user.id, late } : {};
    if (id === undefined) {
      id = await repo.insertSubmission(trx, {
        period_id: ctx.period.id,
        unit_id: ctx.unit.id,
        status: 'draft',
        created_by: a.user.id,
        created_at: t,
        submitted_at: null,
        submitted_by: null,
        late: 0,
        ...common,
        ...submitSet,
      });
    } else await repo.updateSubmission(trx, id, { ...common, ...submitSet });
    if (submit)
      await repo.replaceValues(trx, { id, period_id: ctx.period.id, unit_id: ctx.unit.id }, numericValues(ctx.fields, data));
    await audit(trx, {
      actorId: a.user.id,
      action: submit ? 'reports.submit' : 'reports.save',
      entity: 'report_submission',
      entityId: id,
      summary: `${submit ? (late ? 'Nộp muộn' : 'Nộp') : 'Lưu nháp'} báo cáo ${ctx.period.label} của ${ctx.unit.full_name}`,
    });
  });
  return { errors: [], data };
}

/** The Center reopens a submitted report so the unit can correct it; its figures leave the consolidation until resubmitted. */
export async function reopenReport(db: Db, a: Access, ctx: SubmissionContext, note: string): Promise<FormErrors> {
  if (!a.center) throw new AppError('forbidden', 'Chỉ Trung tâm mở lại được báo cáo đã nộp.');
  if (!ctx.submission || ctx.submission.status !== 'submitted') throw new AppError('conflict', 'Báo cáo này chưa nộp.');
  if (!note.trim()) return [{ field: 'note', message: 'Ghi rõ đơn vị cần sửa gì.' }];
  const sub = ctx.submission;
  await db.transaction().execute(async (trx) => {
    await repo.updateSubmission(trx, sub.id, {
      status: 'draft',
      late: 0,
      submitted_at: null,
      submitted_by: null,
      updated_at: now(),
      updated_by: a.user.id,
    });
    await repo.replaceValues(trx, { id: sub.id, period_id: sub.period_id, unit_id: sub.unit_id }, []);
    for (const o of await repo.officersOf(trx, [ctx.unit.id])) {
      await repo.insertNotification(trx, {
        user_id: o.id,
        kind: 'report_reopened',
        title: `Báo cáo ${ctx.period.label} được trả lại để sửa`,
        body: note.trim().slice(0, 1000),
        link: submissionUrl(ctx.period.id, ctx.unit.id),
      });
    }
    await audit(trx, {
      actorId: a.user.id,
      action: 'reports.reopen',
      entity: 'report_submission',
      entityId: sub.id,
      summary: `Mở lại báo cáo ${ctx.period.label} của ${ctx.unit.full_name}`,
    });
  });
  return [];
}

/** A unit's name, with the date it ended for units that no longer exist (old and new communes share names). */
export function unitLabel(u: OrgUnitRow): string {
  return u.valid_to ? `${u.full_name} (đến ${u.valid_to.split('-').reverse().join('/')})` : u.full_name;
}

export const submissionUrl = (periodId: number, unitId: number) => `/quan-tri/bao-cao/ky/${periodId}/don-vi/${unitId}`;

// ---- The Center's grid ---------------------------------------------------------------------------

export async function statusGrid(db: DbOrTrx, a: Access, form: repo.FormRow, periods: repo.PeriodRow[], type?: string) {
  const at = now();
  const unitMap = new Map<number, OrgUnitRow>();
  const expectedBy = new Map<number, Set<number>>();
  for (const p of periods) {
    const units = (await expectedUnits(db, form, p)).filter((u) => inScope(a, u.id) && (!type || u.type === type));
    expectedBy.set(p.id, new Set(units.map((u) => u.id)));
    for (const u of units) unitMap.set(u.id, u);
  }
  const subs = await repo.submissionsFor(
    db,
    periods.map((p) => p.id),
  );
  const subBy = new Map(subs.map((s) => [`${s.period_id}:${s.unit_id}`, s]));
  const reminders = await repo.remindersFor(
    db,
    periods.map((p) => p.id),
  );
  const lastReminder = new Map<string, string>();
  for (const r of reminders) lastReminder.set(`${r.period_id}:${r.unit_id}`, r.sent_at);
  const counts = new Map(periods.map((p) => [p.id, { expected: 0, on_time: 0, late: 0, missing: 0, draft: 0, pending: 0 }]));
  const rows = [...unitMap.values()]
    .sort((x, y) => x.type.localeCompare(y.type) || x.full_name.localeCompare(y.full_name, 'vi'))
    .map((u) => ({
      unit: u,
      cells: periods.map((p) => {
        if (!expectedBy.get(p.id)!.has(u.id)) return { period: p, status: null as CellStatus | null, remindedAt: undefined };
        const s = subBy.get(`${p.id}:${u.id}`);
        const status = cellStatus(s, p, at);
        const c = counts.get(p.id)!;
        c.expected++;
        if (status === 'on_time') c.on_time++;
        else if (status === 'late') c.late++;
        else if (status === 'missing' || status === 'draft_overdue') c.missing++;
        else if (status === 'draft') c.draft++;
        else c.pending++;
        return { period: p, status, remindedAt: lastReminder.get(`${p.id}:${u.id}`) };
      }),
    }));
  return { rows, counts };
}

// ---- Reminders -----------------------------------------------------------------------------------

export interface ReminderResult {
  units: number;
  recipients: number;
  emails: number;
  unitsWithoutOfficer: number;
}

/** Send the emails; failures are counted, never thrown (the in-app notice is already stored). Returns the units reached. */
async function sendMails(
  config: AppDeps['config'],
  mails: Array<{ unitId: number; to: string; subject: string; text: string }>,
): Promise<Map<number, number>> {
  const sent = new Map<number, number>();
  if (!config.smtp.url || !mails.length) return sent;
  const transport = nodemailer.createTransport(config.smtp.url);
  try {
    for (const m of mails) {
      try {
        await transport.sendMail({ from: config.smtp.from, to: m.to, subject: m.subject, text: m.text });
        sent.set(m.unitId, (sent.get(m.unitId) ?? 0) + 1);
      } catch {
        // The recipient still sees the in-app notification; the count shows what went out.
      }
    }
  } finally {
    transport.close();
  }
  return sent;
}

/**
 * Remind the units that have not submitted a period's report: an in-app notification for each of their officers,
 * and an email when SMTP is configured. `unitIds` limits it to some units.
 */
export async function sendReminders(
  deps: AppDeps,
  actorId: number | null,
  form: repo.FormRow,
  period: repo.PeriodRow,
  kind: 'manual' | 'before' | 'overdue',
  unitIds?: number[],
): Promise<ReminderResult> {
  const { db, config } = deps;
  const subs = await repo.submissionsFor(db, [period.id]);
  const done = new Set(subs.filter((s) => s.status === 'submitted').map((s) => s.unit_id));
  let units = (await expectedUnits(db, form, period)).filter((u) => !done.has(u.id));
  if (unitIds) units = units.filter((u) => unitIds.includes(u.id));
  if (kind !== 'manual') {
    const already = new Set((await repo.remindersFor(db, [period.id])).filter((r) => r.kind === kind).map((r) => r.unit_id));
    units = units.filter((u) => !already.has(u.id));
  }
  if (!units.length) return { units: 0, recipients: 0, emails: 0, unitsWithoutOfficer: 0 };
  const officers = await repo.officersOf(
    db,
    units.map((u) => u.id),
  );
  const overdue = now() > deadlineEnd(period.deadline);
  const title = overdue ? `Báo cáo ${period.label} đã quá hạn` : `Nhắc nộp báo cáo ${period.label}`;
  const mails: Array<{ unitId: number; to: string; subject: string; text: string }> = [];
  let withoutOfficer = 0;
  const t = now();
  await db.transaction().execute(async (trx) => {
    for (const u of units) {
      const mine = officers.filter((o) => o.unit_id === u.id);
      if (!mine.length) withoutOfficer++;
      const link = submissionUrl(period.id, u.id);
      const text = `${u.full_name} chưa nộp "${form.name}" kỳ ${period.label}. Hạn nộp: ${period.deadline.split('-').reverse().join('/')}.`;
      for (const o of mine) {
        await repo.insertNotification(trx, { user_id: o.id, kind: 'report_reminder', title, body: text, link });
        mails.push({ unitId: u.id, to: o.email, subject: title, text: `${text}\n\nNộp báo cáo tại: ${config.publicUrl}${link}` });
      }
      await repo.insertReminder(trx, {
        period_id: period.id,
        unit_id: u.id,
        kind,
        sent_at: t,
        sent_by: actorId,
        recipients: mine.length,
        emails: 0,
      });
    }
    await audit(trx, {
      actorId,
      action: 'reports.remind',
      entity: 'report_period',
      entityId: period.id,
      summary: `Nhắc ${units.length} đơn vị nộp báo cáo ${period.label}`,
    });
  });
  const sent = await sendMails(config, mails);
  let emails = 0;
  for (const [unitId, n] of sent) {
    emails += n;
    await db
      .updateTable('report_reminders')
      .set({ emails: n })
      .where('period_id', '=', period.id)
      .where('unit_id', '=', unitId)
      .where('sent_at', '=', t)
      .execute();
  }
  return { units: units.length, recipients: mails.length, emails, unitsWithoutOfficer: withoutOfficer };
}

/**
 * The automatic reminders: 3 days before a deadline, and the day after it (once each per unit and period).
 * Run by a timer; returns how many units were reminded.
 */
export async function sendDueReminders(deps: AppDeps, at = new Date()): Promise<number> {
  const today = vnToday(at);
  let n = 0;
  for (const form of await repo.listForms(deps.db, { activeOnly: true })) {
    const periods = await deps.db
      .selectFrom('report_periods')
      .selectAll()
      .where('form_id', '=', form.id)
      .where('deadline', '>=', addDays(today, -30))
      .where('deadline', '<=', addDays(today, 3))
      .execute();
    for (const p of periods) {
      if (p.deadline >= today && p.deadline <= addDays(today, 3)) n += (await sendReminders(deps, null, form, p, 'before')).units;
      else if (p.deadline < today) n += (await sendReminders(deps, null, form, p, 'overdue')).units;
    }
  }
  return n;
}

// ---- Notifications -------------------------------------------------------------------------------

export const notificationsOf = repo.notificationsOf;
export const unreadCount = repo.unreadCount;
export const markRead = repo.markRead;

/** What a unit officer still has to do: reports not yet submitted for periods that have started. */
export async function officerDue(db: DbOrTrx, a: Access, limit = 12) {
  if (a.scope === null || !a.scope.length) return [];
  const today = vnToday();
  const out: Array<{ form: repo.FormRow; period: repo.PeriodRow; unit: OrgUnitRow; status: CellStatus }> = [];
  for (const form of await repo.listForms(db, { activeOnly: true })) {
    const periods = (await repo.listPeriods(db, form.id)).filter((p) => p.start_date <= today).reverse();
    const subs = await repo.submissionsFor(
      db,
      periods.map((p) => p.id),
    );
    const subBy = new Map(subs.map((s) => [`${s.period_id}:${s.unit_id}`, s]));
    for (const p of periods) {
      for (const u of (await expectedUnits(db, form, p)).filter((x) => inScope(a, x.id))) {
        const status = cellStatus(subBy.get(`${p.id}:${u.id}`), p);
        if (status !== 'on_time' && status !== 'late') out.push({ form, period: p, unit: u, status });
      }
      if (out.length >= limit) break;
    }
  }
  return out.slice(0, limit);
}

/** Every period of the officer's units, newest first, with its status (the officer's report list). */
export async function officerReports(db: DbOrTrx, a: Access) {
  const out: Array<{ form: repo.FormRow; period: repo.PeriodRow; unit: OrgUnitRow; status: CellStatus }> = [];
  if (a.scope === null || !a.scope.length) return out;
  const today = vnToday();
  for (const form of await repo.listForms(db, { activeOnly: true })) {
    const periods = (await repo.listPeriods(db, form.id)).filter((p) => p.start_date <= today).reverse();
    const subs = await repo.submissionsFor(
      db,
      periods.map((p) => p.id),
    );
    const subBy = new Map(subs.map((s) => [`${s.period_id}:${s.unit_id}`, s]));
    for (const p of periods) {
      for (const u of (await expectedUnits(db, form, p)).filter((x) => inScope(a, x.id))) {
        out.push({ form, period: p, unit: u, status: cellStatus(subBy.get(`${p.id}:${u.id}`), p) });
      }
    }
  }
  return out;
}

// ---- Consolidation -------------------------------------------------------------------------------

export interface ConsolidatedUnit {
  unit: OrgUnitRow;
  /** Periods this unit had to report for, and how many it submitted (late included). */
  expected: number;
  submitted: number;
  late: number;
  totals: Record<string, number>;
}

export interface Consolidation {
  form: repo.FormRow;
  periods: repo.PeriodRow[];
  from: string;
  to: string;
  fields: FieldDef[];
  numeric: FieldDef[];
  units: ConsolidatedUnit[];
  byType: Array<{
    type: UnitType;
    label: string;
    units: number;
    expected: number;
    submitted: number;
    late: number;
    totals: Record<string, number>;
  }>;
  total: Record<string, number>;
  counts: { expected: number; submitted: number; late: number; missing: number; pending: number };
  texts: Array<{ key: string; label: string; items: Array<{ unit: OrgUnitRow; period: repo.PeriodRow; text: string }> }>;
  links: Array<{ unit: OrgUnitRow; period: repo.PeriodRow; title: string; url: string }>;
}

/** The default range: the latest period whose deadline has passed, else the first period. */
export async function defaultRange(db: DbOrTrx, form: repo.FormRow): Promise<{ from: string; to: string } | null> {
  const periods = await repo.listPeriods(db, form.id);
  if (!periods.length) return null;
  const today = vnToday();
  const p = [...periods].reverse().find((x) => x.deadline < today) ?? periods[0]!;
  return { from: p.start_date.slice(0, 7), to: p.end_date.slice(0, 7) };
}

/**
 * Totals of a form's submitted reports over the periods overlapping [from, to] (months), by unit type, by unit
 * (communes included), with the counts of submitted, late and missing reports. Officers get their units only.
 */
export async function consolidate(
  db: DbOrTrx,
  a: Access,
  form: repo.FormRow,
  fromMonth: string,
  toMonth: string,
): Promise<Consolidation> {
  const from = monthBound(fromMonth, false);
  const to = monthBound(toMonth, true);
  if (!from || !to || from > to) throw new AppError('bad_request', 'Khoảng thời gian không hợp lệ: chọn từ tháng và đến tháng.');
  const periods = await repo.listPeriods(db, form.id, { from, to });
  const fields = fieldsOf(form);
  const numeric = numericFields(fields);
  const at = now();
  const unitMap = new Map<number, ConsolidatedUnit>();
  const subs = await repo.submissionsFor(
    db,
    periods.map((p) => p.id),
  );
  const subBy = new Map(subs.map((s) => [`${s.period_id}:${s.unit_id}`, s]));
  const counts = { expected: 0, submitted: 0, late: 0, missing: 0, pending: 0 };
  for (const p of periods) {
    for (const u of (await expectedUnits(db, form, p)).filter((x) => inScope(a, x.id))) {
      const cu = unitMap.get(u.id) ?? { unit: u, expected: 0, submitted: 0, late: 0, totals: {} };
      cu.expected++;
      counts.expected++;
      const st = cellStatus(subBy.get(`${p.id}:${u.id}`), p, at);
      if (st === 'on_time' || st === 'late') {
        cu.submitted++;
        counts.submitted++;
        if (st === 'late') {
          cu.late++;
          counts.late++;
        }
      } else if (st === 'missing' || st === 'draft_overdue') counts.missing++;
      else counts.pending++;
      unitMap.set(u.id, cu);
    }
  }
  const sums = await repo.sumsByUnit(
    db,
    periods.map((p) => p.id),
    a.scope,
  );
  const total: Record<string, number> = Object.fromEntries(numeric.map((f) => [f.key, 0]));
  const numericKeys = new Set(numeric.map((f) => f.key));
  for (const s of sums) {
    if (!numericKeys.has(s.field_key)) continue;
    let cu = unitMap.get(s.unit_id);
    if (!cu) {
      // Submitted by a unit no longer expected (the form's unit types changed): still counted, never lost.
      const u = await findUnit(db, s.unit_id);
      if (!u) continue;
      cu = { unit: u, expected: 0, submitted: 0, late: 0, totals: {} };
      unitMap.set(u.id, cu);
    }
    cu.totals[s.field_key] = Number(s.total);
    total[s.field_key] = (total[s.field_key] ?? 0) + Number(s.total);
  }
  const units = [...unitMap.values()].sort(
    (x, y) => x.unit.type.localeCompare(y.unit.type) || x.unit.full_name.localeCompare(y.unit.full_name, 'vi'),
  );
  const typeMap = new Map<UnitType, Consolidation['byType'][number]>();
  for (const cu of units) {
    const t = typeMap.get(cu.unit.type) ?? {
      type: cu.unit.type,
      label: UNIT_TYPE_LABELS[cu.unit.type],
      units: 0,
      expected: 0,
      submitted: 0,
      late: 0,
      totals: {},
    };
    t.units++;
    t.expected += cu.expected;
    t.submitted += cu.submitted;
    t.late += cu.late;
    for (const [k, v] of Object.entries(cu.totals)) t.totals[k] = (t.totals[k] ?? 0) + v;
    typeMap.set(cu.unit.type, t);
  }
  const order = REPORTING_TYPES;
  const byType = [...typeMap.values()].sort((x, y) => order.indexOf(x.type) - order.indexOf(y.type));

  const texts: Consolidation['texts'] = fields
    .filter((f) => f.type === 'text')
    .map((f) => ({ key: f.key, label: f.label, items: [] }));
  const links: Consolidation['links'] = [];
  const periodBy = new Map(periods.map((p) => [p.id, p]));
  const withData = await repo.submissionsWithData(
    db,
    periods.map((p) => p.id),
  );
  for (const s of withData) {
    const cu = unitMap.get(s.unit_id);
    if (!cu || !inScope(a, s.unit_id)) continue;
    const data = JSON.parse(s.data) as ReportData;
    const period = periodBy.get(s.period_id)!;
    for (const t of texts) {
      const v = data[t.key];
      if (typeof v === 'string' && v.trim()) t.items.push({ unit: cu.unit, period, text: v.trim() });
    }
    for (const f of fields.filter((x) => x.type === 'links')) {
      const v = data[f.key];
      if (Array.isArray(v)) for (const r of v) links.push({ unit: cu.unit, period, title: r.title, url: r.url });
    }
  }
  for (const t of texts)
    t.items.sort(
      (x, y) => x.unit.full_name.localeCompare(y.unit.full_name, 'vi') || x.period.start_date.localeCompare(y.period.start_date),
    );
  return { form, periods, from: fromMonth, to: toMonth, fields, numeric, units, byType, total, counts, texts, links };
}

/** The submissions behind one figure: a field, optionally one unit type or one unit. */
export async function drillDown(
  db: DbOrTrx,
  a: Access,
  form: repo.FormRow,
  fromMonth: string,
  toMonth: string,
  fieldKey: string,
  opts: { type?: string; unitId?: number },
) {
  const from = monthBound(fromMonth, false);
  const to = monthBound(toMonth, true);
  if (!from || !to || from > to) throw new AppError('bad_request', 'Khoảng thời gian không hợp lệ.');
  const field = numericFields(fieldsOf(form)).find((f) => f.key === fieldKey);
  if (!field) throw new AppError('not_found', 'Không có trường số liệu này trong mẫu báo cáo.');
  if (opts.unitId !== undefined && !inScope(a, opts.unitId))
    throw new AppError('forbidden', 'Bạn chỉ xem được số liệu của đơn vị mình.');
  const periods = await repo.listPeriods(db, form.id, { from, to });
  let unitIds = a.scope;
  if (opts.unitId !== undefined) unitIds = [opts.unitId];
  let rows = await repo.valuesOf(
    db,
    periods.map((p) => p.id),
    fieldKey,
    unitIds,
  );
  if (opts.type) rows = rows.filter((r) => r.type === opts.type);
  const total = rows.reduce((s, r) => s + Number(r.value), 0);
  return { field, periods, rows: rows.map((r) => ({ ...r, value: Number(r.value) })), total };
}

// ---- For other modules ---------------------------------------------------------------------------

/**
 * Sums of every numeric field by field key across submitted reports (of any form) whose period overlaps the months
 * [from, to]. A list of links counts its rows. Quarterly and monthly forms are both summed: use one form per figure.
 *
 * @example
 * const t = await reportTotals(db, { from: '2025-04', to: '2025-06', unitIds: [42] });
 * t.people_guided; // 1234
 */
export async function reportTotals(
  db: DbOrTrx,
  opts: { from?: string; to?: string; unitIds?: number[] },
): Promise<Record<string, number>> {
  const rows = await repo.totalsByKey(db, {
    from: monthBound(opts.from, false),
    to: monthBound(opts.to, true),
    unitIds: opts.unitIds,
  });
  return Object.fromEntries(rows.map((r) => [r.field_key, Number(r.total)]));
}
