import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type {
  ReportFormsTable,
  ReportPeriodsTable,
  ReportRemindersTable,
  ReportSubmissionsTable,
  StaffNotificationsTable,
} from './reports.table.js';

export type FormRow = Selectable<ReportFormsTable>;
export type PeriodRow = Selectable<ReportPeriodsTable>;
export type SubmissionRow = Selectable<ReportSubmissionsTable>;
export type NotificationRow = Selectable<StaffNotificationsTable>;

export async function listForms(db: DbOrTrx, opts: { activeOnly?: boolean } = {}): Promise<FormRow[]> {
  let q = db.selectFrom('report_forms').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('id').execute();
}

export async function findForm(db: DbOrTrx, id: number): Promise<FormRow | undefined> {
  return db.selectFrom('report_forms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertForm(db: DbOrTrx, v: Insertable<ReportFormsTable>): Promise<number> {
  return (await db.insertInto('report_forms').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateForm(db: DbOrTrx, id: number, v: Updateable<ReportFormsTable>) {
  await db.updateTable('report_forms').set(v).where('id', '=', id).execute();
}

export async function listPeriods(db: DbOrTrx, formId: number, opts: { from?: string; to?: string } = {}): Promise<PeriodRow[]> {
  let q = db.selectFrom('report_periods').selectAll().where('form_id', '=', formId);
  // Periods overlapping [from, to].
  if (opts.from) q = q.where('end_date', '>=', opts.from);
  if (opts.to) q = q.where('start_date', '<=', opts.to);
  return q.orderBy('start_date').execute();
}

export async function findPeriod(db: DbOrTrx, id: number): Promise<PeriodRow | undefined> {
  return db.selectFrom('report_periods').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPeriod(db: DbOrTrx, v: Insertable<ReportPeriodsTable>) {
  await db.insertInto('report_periods').values(v).execute();
}

export async function updatePeriod(db: DbOrTrx, id: number, v: Updateable<ReportPeriodsTable>) {
  await db.updateTable('report_periods').set(v).where('id', '=', id).execute();
}

export async function findSubmission(db: DbOrTrx, periodId: number, unitId: number): Promise<SubmissionRow | undefined> {
  return db
    .selectFrom('report_submissions')
    .selectAll()
    .where('period_id', '=', periodId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function submissionsFor(db: DbOrTrx, periodIds: number[]) {
  if (!periodIds.length) return [];
  return db
    .selectFrom('report_submissions')
    .select(['id', 'period_id', 'unit_id', 'status', 'late', 'submitted_at', 'updated_at'])
    .where('period_id', 'in', periodIds)
    .execute();
}

export async function submissionsWithData(db: DbOrTrx, periodIds: number[]) {
  if (!periodIds.length) return [];
  return db
    .selectFrom('report_submissions')
    .select(['id', 'period_id', 'unit_id', 'data', 'late', 'submitted_at'])
    .where('period_id', 'in', periodIds)
    .where('status', '=', 'submitted')
    .execute();
}

export async function insertSubmission(db: DbOrTrx, v: Insertable<ReportSubmissionsTable>): Promise<number> {
  return (await db.insertInto('report_submissions').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateSubmission(db: DbOrTrx, id: number, v: Updateable<ReportSubmissionsTable>) {
  await db.updateTable('report_submissions').set(v).where('id', '=', id).execute();
}

export async function replaceValues(
  db: DbOrTrx,
  s: { id: number; period_id: number; unit_id: number },
  values: Array<{ key: string; value: number }>,
) {
  await db.deleteFrom('report_values').where('submission_id', '=', s.id).execute();
  if (!values.length) return;
  await db
    .insertInto('report_values')
    .values(
      values.map((v) => ({ submission_id: s.id, period_id: s.period_id, unit_id: s.unit_id, field_key: v.key, value: v.value })),
    )
    .execute();
}

/** Sums of the numeric fields per unit over the periods (submitted reports only: values exist only for them). */
export async function sumsByUnit(db: DbOrTrx, periodIds: number[], unitIds: number[] | null) {
  if (!periodIds.length) return [];
  let q = db
    .selectFrom('report_values')
    .select((eb) => ['unit_id', 'field_key', eb.fn.sum<number>('value').as('total')])
    .where('period_id', 'in', periodIds);
  if (unitIds !== null) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [-1]);
  return q.groupBy(['unit_id', 'field_key']).execute();
}

/** Values of one field per unit and period, for drill-down. */
export async function valuesOf(db: DbOrTrx, periodIds: number[], fieldKey: string, unitIds: number[] | null) {
  if (!periodIds.length) return [];
  let q = db
    .selectFrom('report_values as v')
    .innerJoin('org_units as u', 'u.id', 'v.unit_id')
    .innerJoin('report_periods as p', 'p.id', 'v.period_id')
    .select(['v.unit_id', 'v.period_id', 'v.value', 'u.full_name', 'u.type', 'u.code', 'p.label', 'p.start_date'])
    .where('v.period_id', 'in', periodIds)
    .where('v.field_key', '=', fieldKey);
  if (unitIds !== null) q = q.where('v.unit_id', 'in', unitIds.length ? unitIds : [-1]);
  return q.orderBy('u.full_name').orderBy('p.start_date').execute();
}

/** Sums by field key over every submitted report of any form whose period overlaps [from, to]. */
export async function totalsByKey(db: DbOrTrx, opts: { from?: string; to?: string; unitIds?: number[] }) {
  let q = db
    .selectFrom('report_values as v')
    .innerJoin('report_periods as p', 'p.id', 'v.period_id')
    .select((eb) => ['v.field_key', eb.fn.sum<number>('v.value').as('total')]);
  if (opts.from) q = q.where('p.end_date', '>=', opts.from);
  if (opts.to) q = q.where('p.start_date', '<=', opts.to);
  if (opts.unitIds) q = q.where('v.unit_id', 'in', opts.unitIds.length ? opts.unitIds : [-1]);
  return q.groupBy('v.field_key').execute();
}

export async function insertReminder(db: DbOrTrx, v: Insertable<ReportRemindersTable>) {
  await db.insertInto('report_reminders').values(v).execute();
}

export async function remindersFor(db: DbOrTrx, periodIds: number[]) {
  if (!periodIds.length) return [];
  return db
    .selectFrom('report_reminders')
    .select(['period_id', 'unit_id', 'kind', 'sent_at'])
    .where('period_id', 'in', periodIds)
    .orderBy('sent_at')
    .execute();
}

/** Officers who report for a unit: unit officers attached to exactly that unit, not disabled. */
export async function officersOf(db: DbOrTrx, unitIds: number[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'unit_id'])
    .where('role', '=', 'unit_officer')
    .where('disabled', '=', 0)
    .where('unit_id', 'in', unitIds)
    .execute();
}

export async function insertNotification(db: DbOrTrx, v: Omit<Insertable<StaffNotificationsTable>, 'created_at' | 'read_at'>) {
  await db
    .insertInto('staff_notifications')
    .values({ ...v, created_at: new Date().toISOString(), read_at: null })
    .execute();
}

export async function notificationsOf(db: DbOrTrx, userId: number, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  let q = db.selectFrom('staff_notifications').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
}

export async function unreadCount(db: DbOrTrx, userId: number): Promise<number> {
  const r = await db
    .selectFrom('staff_notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function markRead(db: DbOrTrx, userId: number, id: number | null) {
  let q = db
    .updateTable('staff_notifications')
    .set({ read_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== null) q = q.where('id', '=', id);
  await q.execute();
}
