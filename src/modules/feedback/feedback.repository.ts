// Kysely queries of the feedback module only: no rules here (see feedback.service.ts).
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type {
  Channel,
  FeedbackCalendarTable,
  FeedbackCategoriesTable,
  FeedbackHistoryTable,
  FeedbackItemsTable,
  FeedbackOutboxTable,
  FeedbackRoutingRulesTable,
  FeedbackStatus,
  FeedbackTemplatesTable,
} from './feedback.table.js';

export type ItemRow = Selectable<FeedbackItemsTable>;
export type CategoryRow = Selectable<FeedbackCategoriesTable>;
export type RuleRow = Selectable<FeedbackRoutingRulesTable>;
export type HistoryRow = Selectable<FeedbackHistoryTable>;
export type TemplateRow = Selectable<FeedbackTemplatesTable>;
export type CalendarRow = Selectable<FeedbackCalendarTable>;
export type OutboxRow = Selectable<FeedbackOutboxTable>;

// ---- Reference data ---------------------------------------------------------------------------

export async function listCategories(db: DbOrTrx): Promise<CategoryRow[]> {
  return db.selectFrom('feedback_categories').selectAll().orderBy('sort').orderBy('name').execute();
}

export async function insertCategory(db: DbOrTrx, row: Insertable<FeedbackCategoriesTable>): Promise<void> {
  await db.insertInto('feedback_categories').values(row).execute();
}

export async function updateCategory(db: DbOrTrx, id: string, row: Updateable<FeedbackCategoriesTable>): Promise<number> {
  const r = await db.updateTable('feedback_categories').set(row).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listRules(db: DbOrTrx): Promise<RuleRow[]> {
  return db.selectFrom('feedback_routing_rules').selectAll().orderBy('sort').orderBy('id').execute();
}

export async function insertRule(db: DbOrTrx, row: Insertable<FeedbackRoutingRulesTable>): Promise<number> {
  const r = await db.insertInto('feedback_routing_rules').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deleteRule(db: DbOrTrx, id: number): Promise<number> {
  const r = await db.deleteFrom('feedback_routing_rules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listCalendar(db: DbOrTrx): Promise<CalendarRow[]> {
  return db.selectFrom('feedback_calendar').selectAll().orderBy('date').execute();
}

export async function upsertCalendarDay(db: DbOrTrx, row: CalendarRow): Promise<void> {
  await db
    .insertInto('feedback_calendar')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

export async function deleteCalendarDay(db: DbOrTrx, date: string): Promise<number> {
  const r = await db.deleteFrom('feedback_calendar').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listTemplates(db: DbOrTrx): Promise<TemplateRow[]> {
  return db.selectFrom('feedback_templates').selectAll().orderBy('title').execute();
}

export async function findTemplate(db: DbOrTrx, id: number): Promise<TemplateRow | undefined> {
  return db.selectFrom('feedback_templates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(db: DbOrTrx, row: Insertable<FeedbackTemplatesTable>): Promise<number> {
  const r = await db.insertInto('feedback_templates').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateTemplate(db: DbOrTrx, id: number, row: Updateable<FeedbackTemplatesTable>): Promise<number> {
  const r = await db.updateTable('feedback_templates').set(row).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteTemplate(db: DbOrTrx, id: number): Promise<number> {
  const r = await db.deleteFrom('feedback_templates').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- Items ------------------------------------------------------------------------------------

export async function insertItem(db: DbOrTrx, row: Insertable<FeedbackItemsTable>): Promise<number> {
  const r = await db.insertInto('feedback_items').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findByCode(db: DbOrTrx, code: string): Promise<ItemRow | undefined> {
  return db.selectFrom('feedback_items').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findById(db: DbOrTrx, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('feedback_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByCodes(db: DbOrTrx, codes: string[]): Promise<ItemRow[]> {
  if (!codes.length) return [];
  return db.selectFrom('feedback_items').selectAll().where('code', 'in', codes).execute();
}

export async function updateItem(db: DbOrTrx, id: number, row: Updateable<FeedbackItemsTable>): Promise<void> {
  await db.updateTable('feedback_items').set(row).where('id', '=', id).execute();
}

export async function insertHistory(db: DbOrTrx, row: Insertable<FeedbackHistoryTable>): Promise<void> {
  await db.insertInto('feedback_history').values(row).execute();
}

export async function historyOf(db: DbOrTrx, feedbackId: number, publicOnly: boolean) {
  let q = db
    .selectFrom('feedback_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.at', 'h.kind', 'h.from_status', 'h.to_status', 'h.note', 'h.public', 'u.name as actor_name'])
    .where('h.feedback_id', '=', feedbackId);
  if (publicOnly) q = q.where('h.public', '=', 1);
  return q.orderBy('h.id').execute();
}

export async function mergedInto(db: DbOrTrx, mainId: number): Promise<ItemRow[]> {
  return db.selectFrom('feedback_items').selectAll().where('merged_into_id', '=', mainId).orderBy('id').execute();
}

export interface ListFilter {
  unitIds?: number[];
  statuses?: FeedbackStatus[];
  categoryId?: string;
  channel?: Channel;
  /** Open items past their deadline on this date. */
  overdueOn?: string;
  code?: string;
  includeMerged?: boolean;
}

function filtered(db: DbOrTrx, f: ListFilter) {
  let q = db.selectFrom('feedback_items as i');
  if (f.unitIds) q = q.where('i.unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
  if (f.statuses?.length) q = q.where('i.status', 'in', f.statuses);
  if (f.categoryId) q = q.where('i.category_id', '=', f.categoryId);
  if (f.channel) q = q.where('i.channel', '=', f.channel);
  if (f.code) q = q.where('i.code', '=', f.code);
  if (f.overdueOn) q = q.where('i.status', 'in', ['new', 'in_progress']).where('i.deadline_on', '<', f.overdueOn);
  if (!f.includeMerged) q = q.where('i.merged_into_id', 'is', null);
  return q;
}

export async function countItems(db: DbOrTrx, f: ListFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listItems(db: DbOrTrx, f: ListFilter, page: { limit: number; offset: number }) {
  let q = filtered(db, f)
    .leftJoin('org_units as o', 'o.id', 'i.unit_id')
    .leftJoin('feedback_categories as c', 'c.id', 'i.category_id')
    .select([
      'i.id',
      'i.code',
      'i.channel',
      'i.status',
      'i.content',
      'i.received_at',
      'i.deadline_on',
      'i.unit_id',
      'i.published_at',
      'o.full_name as unit_name',
      'c.name as category_name',
    ]);
  q = f.overdueOn ? q.orderBy('i.deadline_on').orderBy('i.id') : q.orderBy('i.received_at', 'desc').orderBy('i.id', 'desc');
  return q.limit(page.limit).offset(page.offset).execute();
}

/** Recent items that may be duplicates of one: same unit, category or topic, not merged. */
export async function duplicateCandidates(db: DbOrTrx, item: ItemRow, sinceOn: string) {
  return db
    .selectFrom('feedback_items')
    .select(['id', 'code', 'content', 'status', 'received_at', 'unit_id'])
    .where('id', '!=', item.id)
    .where('merged_into_id', 'is', null)
    .where('received_on', '>=', sinceOn)
    .where((eb) => {
      const ors = [eb('unit_id', '=', item.unit_id)];
      if (item.category_id) ors.push(eb('category_id', '=', item.category_id));
      if (item.topic_id) ors.push(eb('topic_id', '=', item.topic_id));
      return eb.or(ors);
    })
    .orderBy('id', 'desc')
    .limit(400)
    .execute();
}

// ---- Figures ----------------------------------------------------------------------------------

export interface PeriodFilter {
  /** First day included, YYYY-MM-DD. */
  fromOn?: string;
  /** First day NOT included, YYYY-MM-DD. */
  beforeOn?: string;
  unitIds?: number[];
}

export async function itemsForFigures(db: DbOrTrx, f: PeriodFilter) {
  let q = db
    .selectFrom('feedback_items')
    .select(['id', 'unit_id', 'status', 'received_on', 'deadline_on', 'first_answered_at', 'on_time', 'rating'])
    .where('merged_into_id', 'is', null);
  if (f.fromOn) q = q.where('received_on', '>=', f.fromOn);
  if (f.beforeOn) q = q.where('received_on', '<', f.beforeOn);
  if (f.unitIds) q = q.where('unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
  return q.execute();
}

export async function listPublished(db: DbOrTrx, opts: { unitId?: number; categoryId?: string; limit: number; offset: number }) {
  let q = db
    .selectFrom('feedback_items as i')
    .leftJoin('org_units as o', 'o.id', 'i.unit_id')
    .leftJoin('feedback_categories as c', 'c.id', 'i.category_id')
    .where('i.published_at', 'is not', null);
  if (opts.unitId) q = q.where('i.unit_id', '=', opts.unitId);
  if (opts.categoryId) q = q.where('i.category_id', '=', opts.categoryId);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'i.code',
      'i.received_at',
      'i.first_answered_at',
      'i.published_at',
      'i.public_content',
      'i.public_answer',
      'i.rating',
      'o.full_name as unit_name',
      'c.name as category_name',
    ])
    .orderBy('i.published_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { total, rows };
}

// ---- Open311 ----------------------------------------------------------------------------------

export async function open311Items(
  db: DbOrTrx,
  f: { codes?: string[]; categoryIds?: string[]; fromAt?: string; toAt?: string; statuses?: FeedbackStatus[]; limit: number },
): Promise<ItemRow[]> {
  let q = db.selectFrom('feedback_items').selectAll();
  if (f.codes) {
    q = q.where('code', 'in', f.codes.length ? f.codes : ['']);
  } else {
    if (f.categoryIds?.length) q = q.where('category_id', 'in', f.categoryIds);
    if (f.fromAt) q = q.where('received_at', '>=', f.fromAt);
    if (f.toAt) q = q.where('received_at', '<=', f.toAt);
    if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  }
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

// ---- Outbox -----------------------------------------------------------------------------------

export async function insertOutbox(db: DbOrTrx, row: Insertable<FeedbackOutboxTable>): Promise<void> {
  await db.insertInto('feedback_outbox').values(row).execute();
}

export async function dueOutbox(db: DbOrTrx, nowIso: string, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('feedback_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claim a message for one attempt; false when another worker took it first. */
export async function claimOutbox(db: DbOrTrx, row: OutboxRow, nextAttemptAt: string): Promise<boolean> {
  const r = await db
    .updateTable('feedback_outbox')
    .set({ attempts: row.attempts + 1, next_attempt_at: nextAttemptAt })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishOutbox(
  db: DbOrTrx,
  id: number,
  set: { status: OutboxRow['status']; sent_at?: string | null; last_error?: string | null },
): Promise<void> {
  await db.updateTable('feedback_outbox').set(set).where('id', '=', id).execute();
}

// ---- API keys and idempotency -----------------------------------------------------------------

export async function findApiKeyByHash(db: DbOrTrx, hash: string) {
  return db.selectFrom('feedback_api_keys').selectAll().where('key_hash', '=', hash).executeTakeFirst();
}

export async function findIdempotency(db: DbOrTrx, key: string, route: string) {
  return db.selectFrom('feedback_idempotency').selectAll().where('key', '=', key).where('route', '=', route).executeTakeFirst();
}
