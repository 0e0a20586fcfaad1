import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type {
  CampaignActivitiesTable,
  CampaignContentTable,
  CampaignDutiesTable,
  CampaignEvidenceTable,
  CampaignMessagesTable,
  CampaignPhasesTable,
  CampaignPlansTable,
  CampaignTargetsTable,
  ContentStatus,
} from './campaign.table.js';

export type PlanRow = Selectable<CampaignPlansTable>;
export type TargetRow = Selectable<CampaignTargetsTable>;
export type PhaseRow = Selectable<CampaignPhasesTable>;
export type MessageRow = Selectable<CampaignMessagesTable>;
export type DutyRow = Selectable<CampaignDutiesTable>;
export type ActivityRow = Selectable<CampaignActivitiesTable>;
export type ContentRow = Selectable<CampaignContentTable>;

// ---- Plans ---------------------------------------------------------------------------------------

export async function listPlans(db: DbOrTrx) {
  return db.selectFrom('campaign_plans').select(['id', 'year', 'title']).orderBy('year', 'desc').execute();
}

export async function planByYear(db: DbOrTrx, year: number): Promise<PlanRow | undefined> {
  return db.selectFrom('campaign_plans').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function findPlan(db: DbOrTrx, id: number): Promise<PlanRow | undefined> {
  return db.selectFrom('campaign_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePlan(db: DbOrTrx, id: number, v: Updateable<CampaignPlansTable>) {
  await db.updateTable('campaign_plans').set(v).where('id', '=', id).execute();
}

export async function insertPlan(db: DbOrTrx, v: Insertable<CampaignPlansTable>): Promise<number> {
  return (await db.insertInto('campaign_plans').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

// ---- Targets, phases, messages, duties -----------------------------------------------------------

export async function listTargets(db: DbOrTrx, planId: number): Promise<TargetRow[]> {
  return db.selectFrom('campaign_targets').selectAll().where('plan_id', '=', planId).orderBy('sort').orderBy('id').execute();
}

export async function findTarget(db: DbOrTrx, id: number): Promise<TargetRow | undefined> {
  return db.selectFrom('campaign_targets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function targetByMetric(db: DbOrTrx, planId: number, metricKey: string) {
  return db
    .selectFrom('campaign_targets')
    .select('id')
    .where('plan_id', '=', planId)
    .where('metric_key', '=', metricKey)
    .executeTakeFirst();
}

export async function insertTarget(db: DbOrTrx, v: Insertable<CampaignTargetsTable>): Promise<number> {
  return (await db.insertInto('campaign_targets').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTarget(db: DbOrTrx, id: number, v: Updateable<CampaignTargetsTable>) {
  await db.updateTable('campaign_targets').set(v).where('id', '=', id).execute();
}

export async function deleteTarget(db: DbOrTrx, id: number) {
  await db.deleteFrom('campaign_targets').where('id', '=', id).execute();
}

export async function listPhases(db: DbOrTrx, planId: number): Promise<PhaseRow[]> {
  return db.selectFrom('campaign_phases').selectAll().where('plan_id', '=', planId).orderBy('no').execute();
}

export async function findPhase(db: DbOrTrx, id: number): Promise<PhaseRow | undefined> {
  return db.selectFrom('campaign_phases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePhase(db: DbOrTrx, id: number, v: Updateable<CampaignPhasesTable>) {
  await db.updateTable('campaign_phases').set(v).where('id', '=', id).execute();
}

export async function insertPhase(db: DbOrTrx, v: Insertable<CampaignPhasesTable>): Promise<number> {
  return (await db.insertInto('campaign_phases').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function listMessages(db: DbOrTrx, planId: number): Promise<MessageRow[]> {
  return db.selectFrom('campaign_messages').selectAll().where('plan_id', '=', planId).orderBy('sort').orderBy('id').execute();
}

export async function findMessage(db: DbOrTrx, id: number): Promise<MessageRow | undefined> {
  return db.selectFrom('campaign_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMessage(db: DbOrTrx, v: Insertable<CampaignMessagesTable>): Promise<number> {
  return (await db.insertInto('campaign_messages').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateMessage(db: DbOrTrx, id: number, v: Updateable<CampaignMessagesTable>) {
  await db.updateTable('campaign_messages').set(v).where('id', '=', id).execute();
}

export async function deleteMessage(db: DbOrTrx, id: number) {
  await db.updateTable('campaign_content').set({ message_id: null }).where('message_id', '=', id).execute();
  await db.deleteFrom('campaign_messages').where('id', '=', id).execute();
}

export async function listDuties(db: DbOrTrx, planId: number): Promise<DutyRow[]> {
  return db.selectFrom('campaign_duties').selectAll().where('plan_id', '=', planId).orderBy('sort').execute();
}

export async function findDuty(db: DbOrTrx, id: number): Promise<DutyRow | undefined> {
  return db.selectFrom('campaign_duties').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDuty(db: DbOrTrx, id: number, v: Updateable<CampaignDutiesTable>) {
  await db.updateTable('campaign_duties').set(v).where('id', '=', id).execute();
}

export async function insertDuty(db: DbOrTrx, v: Insertable<CampaignDutiesTable>) {
  await db.insertInto('campaign_duties').values(v).execute();
}

// ---- Channels ------------------------------------------------------------------------------------

export async function listChannels(db: DbOrTrx, opts: { activeOnly?: boolean } = {}) {
  let q = db.selectFrom('campaign_channels').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort').orderBy('key').execute();
}

export async function findChannel(db: DbOrTrx, key: string) {
  return db.selectFrom('campaign_channels').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function nextChannelSort(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('campaign_channels')
    .select((eb) => eb.fn.max('sort').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? -1) + 1;
}

// ---- Activities ----------------------------------------------------------------------------------

export interface ActivityFilter {
  planId: number;
  phaseId?: number;
  status?: string;
  /** Only activities a unit in this list leads or co-operates in; null for all. */
  scope: number[] | null;
  dueFrom?: string;
  dueTo?: string;
}

export async function listActivities(db: DbOrTrx, f: ActivityFilter) {
  let q = db
    .selectFrom('campaign_activities as a')
    .innerJoin('org_units as u', 'u.id', 'a.lead_unit_id')
    .leftJoin('campaign_phases as p', 'p.id', 'a.phase_id')
    .select([
      'a.id',
      'a.title',
      'a.status',
      'a.due_date',
      'a.phase_id',
      'a.lead_unit_id',
      'a.channels',
      'u.name as lead_name',
      'p.no as phase_no',
    ])
    .where('a.plan_id', '=', f.planId);
  if (f.phaseId !== undefined) q = q.where('a.phase_id', '=', f.phaseId);
  if (f.status) q = q.where('a.status', '=', f.status as CampaignActivitiesTable['status']);
  if (f.dueFrom) q = q.where('a.due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('a.due_date', '<=', f.dueTo);
  if (f.scope !== null) {
    const scope = f.scope.length ? f.scope : [-1];
    q = q.where((eb) =>
      eb.or([
        eb('a.lead_unit_id', 'in', scope),
        eb.exists(
          eb
            .selectFrom('campaign_activity_units as cu')
            .select('cu.activity_id')
            .whereRef('cu.activity_id', '=', 'a.id')
            .where('cu.unit_id', 'in', scope),
        ),
      ]),
    );
  }
  return q.orderBy('p.no').orderBy('a.due_date').orderBy('a.id').execute();
}

/** Activities on a date range for the calendar, across plans. */
export async function activitiesDue(db: DbOrTrx, from: string, to: string, scope: number[] | null) {
  let q = db
    .selectFrom('campaign_activities as a')
    .select(['a.id', 'a.title', 'a.status', 'a.due_date'])
    .where('a.due_date', '>=', from)
    .where('a.due_date', '<=', to);
  if (scope !== null) {
    const s = scope.length ? scope : [-1];
    q = q.where((eb) =>
      eb.or([
        eb('a.lead_unit_id', 'in', s),
        eb.exists(
          eb
            .selectFrom('campaign_activity_units as cu')
            .select('cu.activity_id')
            .whereRef('cu.activity_id', '=', 'a.id')
            .where('cu.unit_id', 'in', s),
        ),
      ]),
    );
  }
  return q.orderBy('a.due_date').orderBy('a.id').execute();
}

export async function findActivity(db: DbOrTrx, id: number): Promise<ActivityRow | undefined> {
  return db.selectFrom('campaign_activities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function activityUnits(db: DbOrTrx, activityId: number) {
  return db
    .selectFrom('campaign_activity_units as cu')
    .innerJoin('org_units as u', 'u.id', 'cu.unit_id')
    .select(['u.id', 'u.name'])
    .where('cu.activity_id', '=', activityId)
    .orderBy('u.name')
    .execute();
}

export async function insertActivity(db: DbOrTrx, v: Insertable<CampaignActivitiesTable>): Promise<number> {
  return (await db.insertInto('campaign_activities').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateActivity(db: DbOrTrx, id: number, v: Updateable<CampaignActivitiesTable>) {
  await db.updateTable('campaign_activities').set(v).where('id', '=', id).execute();
}

export async function setActivityUnits(db: DbOrTrx, activityId: number, unitIds: number[]) {
  await db.deleteFrom('campaign_activity_units').where('activity_id', '=', activityId).execute();
  for (const u of new Set(unitIds)) {
    await db.insertInto('campaign_activity_units').values({ activity_id: activityId, unit_id: u }).execute();
  }
}

export async function listEvidence(db: DbOrTrx, activityId: number) {
  return db
    .selectFrom('campaign_evidence as e')
    .leftJoin('users as us', 'us.id', 'e.created_by')
    .select([
      'e.id',
      'e.kind',
      'e.url',
      'e.file_name',
      'e.mime',
      'e.size',
      'e.note',
      'e.created_at',
      'e.created_by',
      'us.name as author_name',
    ])
    .where('e.activity_id', '=', activityId)
    .orderBy('e.id')
    .execute();
}

export async function findEvidence(db: DbOrTrx, id: number) {
  return db.selectFrom('campaign_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEvidence(db: DbOrTrx, v: Insertable<CampaignEvidenceTable>): Promise<number> {
  return (await db.insertInto('campaign_evidence').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteEvidence(db: DbOrTrx, id: number) {
  await db.deleteFrom('campaign_evidence').where('id', '=', id).execute();
}

// ---- Content -------------------------------------------------------------------------------------

export interface ContentFilter {
  planId?: number;
  status?: ContentStatus;
  type?: string;
  scope: number[] | null;
}

export async function listContent(db: DbOrTrx, f: ContentFilter) {
  let q = db
    .selectFrom('campaign_content as c')
    .innerJoin('org_units as u', 'u.id', 'c.owner_unit_id')
    .select([
      'c.id',
      'c.title',
      'c.type',
      'c.status',
      'c.planned_date',
      'c.published_at',
      'c.owner_unit_id',
      'c.audiences',
      'u.name as owner_name',
    ]);
  if (f.planId !== undefined) q = q.where('c.plan_id', '=', f.planId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.type) q = q.where('c.type', '=', f.type);
  if (f.scope !== null) q = q.where('c.owner_unit_id', 'in', f.scope.length ? f.scope : [-1]);
  return q.orderBy('c.planned_date', 'desc').orderBy('c.id', 'desc').execute();
}

/** Content planned or published on a date range, for the calendar. */
export async function contentOnDates(db: DbOrTrx, from: string, to: string, scope: number[] | null) {
  let q = db
    .selectFrom('campaign_content as c')
    .select(['c.id', 'c.title', 'c.type', 'c.status', 'c.planned_date'])
    .where('c.planned_date', '>=', from)
    .where('c.planned_date', '<=', to);
  if (scope !== null) q = q.where('c.owner_unit_id', 'in', scope.length ? scope : [-1]);
  return q.orderBy('c.planned_date').orderBy('c.id').execute();
}

export async function findContent(db: DbOrTrx, id: number): Promise<ContentRow | undefined> {
  return db.selectFrom('campaign_content').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertContent(db: DbOrTrx, v: Insertable<CampaignContentTable>): Promise<number> {
  return (await db.insertInto('campaign_content').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateContent(db: DbOrTrx, id: number, v: Updateable<CampaignContentTable>) {
  await db.updateTable('campaign_content').set(v).where('id', '=', id).execute();
}

export async function listVariants(db: DbOrTrx, contentId: number) {
  return db
    .selectFrom('campaign_content_variants')
    .select(['channel', 'text'])
    .where('content_id', '=', contentId)
    .orderBy('channel')
    .execute();
}

export async function setVariants(db: DbOrTrx, contentId: number, variants: Array<{ channel: string; text: string }>) {
  await db.deleteFrom('campaign_content_variants').where('content_id', '=', contentId).execute();
  for (const v of variants) {
    await db
      .insertInto('campaign_content_variants')
      .values({ content_id: contentId, channel: v.channel, text: v.text })
      .execute();
  }
}

export async function listComments(db: DbOrTrx, contentId: number) {
  return db
    .selectFrom('campaign_content_comments as cc')
    .leftJoin('users as us', 'us.id', 'cc.author_id')
    .select(['cc.id', 'cc.kind', 'cc.body', 'cc.created_at', 'us.name as author_name'])
    .where('cc.content_id', '=', contentId)
    .orderBy('cc.id')
    .execute();
}

export async function insertComment(
  db: DbOrTrx,
  v: {
    content_id: number;
    author_id: number | null;
    kind: 'comment' | 'submit' | 'approve' | 'return' | 'publish';
    body: string;
  },
) {
  await db
    .insertInto('campaign_content_comments')
    .values({ ...v, created_at: new Date().toISOString() })
    .execute();
}

export async function listPublications(db: DbOrTrx, contentId: number) {
  return db
    .selectFrom('campaign_publications')
    .selectAll()
    .where('content_id', '=', contentId)
    .orderBy('published_on')
    .orderBy('id')
    .execute();
}

export async function findPublication(db: DbOrTrx, id: number) {
  return db.selectFrom('campaign_publications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function publicationByUrl(db: DbOrTrx, contentId: number, channel: string, url: string) {
  return db
    .selectFrom('campaign_publications')
    .selectAll()
    .where('content_id', '=', contentId)
    .where('channel', '=', channel)
    .where('url', '=', url)
    .executeTakeFirst();
}

export async function insertPublication(
  db: DbOrTrx,
  v: {
    content_id: number;
    channel: string;
    url: string;
    published_on: string;
    views: number;
    likes: number;
    shares: number;
    created_by: number | null;
  },
): Promise<number> {
  const now = new Date().toISOString();
  return (
    await db
      .insertInto('campaign_publications')
      .values({ ...v, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updatePublication(
  db: DbOrTrx,
  id: number,
  v: { published_on?: string; views: number; likes: number; shares: number },
) {
  await db
    .updateTable('campaign_publications')
    .set({ ...v, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Published content per channel: distinct items and total views, over publication dates. */
export async function publishedByChannel(db: DbOrTrx, opts: { from?: string; to?: string; unitIds?: number[] }) {
  let q = db
    .selectFrom('campaign_publications as p')
    .innerJoin('campaign_content as c', 'c.id', 'p.content_id')
    .innerJoin('campaign_channels as ch', 'ch.key', 'p.channel')
    .select((eb) => [
      'p.channel as channel',
      eb.fn.count<number>(sql`distinct p.content_id`).as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('p.views'), sql<number>`0`).as('views'),
      eb.fn.min('ch.sort').as('sort'),
    ])
    .where('c.status', '=', 'published');
  if (opts.from) q = q.where('p.published_on', '>=', opts.from);
  if (opts.to) q = q.where('p.published_on', '<=', opts.to);
  if (opts.unitIds) q = q.where('c.owner_unit_id', 'in', opts.unitIds.length ? opts.unitIds : [-1]);
  return q.groupBy('p.channel').orderBy('sort').execute();
}

export async function auditFor(db: DbOrTrx, entity: string, entityId: string) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.at', 'a.summary', 'u.name as actor_name'])
    .where('a.entity', '=', entity)
    .where('a.entity_id', '=', entityId)
    .orderBy('a.id', 'desc')
    .limit(50)
    .execute();
}
