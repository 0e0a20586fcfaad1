import { sql, type Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type { GuideStatus, GuideVersionsTable, TopicsTable } from './guides.table.js';

export type TopicRow = Selectable<TopicsTable>;
export type VersionRow = Selectable<GuideVersionsTable>;

export function listTopics(db: DbOrTrx): Promise<TopicRow[]> {
  return db.selectFrom('topics').selectAll().orderBy('sort').execute();
}

export function findTopic(db: DbOrTrx, id: string): Promise<TopicRow | undefined> {
  return db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every published guide with its content (the public catalog). */
export function listPublished(db: DbOrTrx) {
  return db
    .selectFrom('guides')
    .innerJoin('guide_versions as v', 'v.id', 'guides.published_version_id')
    .innerJoin('topics as t', 't.id', 'guides.topic_id')
    .select(['guides.topic_id', 'guides.views', 'v.id as version_id', 'v.version_no', 'v.content', 'v.published_at', 't.sort'])
    .orderBy('t.sort')
    .execute();
}

export function findVersion(db: DbOrTrx, id: number): Promise<VersionRow | undefined> {
  return db.selectFrom('guide_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listVersions(db: DbOrTrx, topicId: string) {
  return db
    .selectFrom('guide_versions as v')
    .leftJoin('users as a', 'a.id', 'v.author_id')
    .leftJoin('users as r', 'r.id', 'v.reviewer_id')
    .select([
      'v.id',
      'v.version_no',
      'v.status',
      'v.created_at',
      'v.updated_at',
      'v.submitted_at',
      'v.published_at',
      'v.review_note',
      'v.author_id',
      'a.name as author_name',
      'r.name as reviewer_name',
    ])
    .where('v.topic_id', '=', topicId)
    .orderBy('v.version_no', 'desc')
    .execute();
}

/** The open draft or the version under review, if any (at most one per guide). */
export function findOpenVersion(db: DbOrTrx, topicId: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('guide_versions')
    .selectAll()
    .where('topic_id', '=', topicId)
    .where('status', 'in', ['draft', 'review'])
    .orderBy('version_no', 'desc')
    .executeTakeFirst();
}

export async function nextVersionNo(db: DbOrTrx, topicId: string): Promise<number> {
  const row = await db
    .selectFrom('guide_versions')
    .select(sql<number>`coalesce(max(version_no), 0)`.as('n'))
    .where('topic_id', '=', topicId)
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

export async function insertVersion(
  db: DbOrTrx,
  v: { topic_id: string; version_no: number; status: GuideStatus; content: string; author_id: number | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('guide_versions')
    .values({
      topic_id: v.topic_id,
      version_no: v.version_no,
      status: v.status,
      content: v.content,
      author_id: v.author_id,
      reviewer_id: null,
      review_note: null,
      created_at: v.now,
      updated_at: v.now,
      submitted_at: null,
      published_at: v.status === 'published' ? v.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Per guide: helpful yes/no counts and the latest comments. */
export function feedbackCounts(db: DbOrTrx) {
  return db
    .selectFrom('guide_feedback')
    .select([
      'topic_id',
      sql<number>`sum(case when helpful = 1 then 1 else 0 end)`.as('yes'),
      sql<number>`sum(case when helpful = 0 then 1 else 0 end)`.as('no'),
      sql<number>`sum(case when comment is not null then 1 else 0 end)`.as('comments'),
    ])
    .groupBy('topic_id')
    .execute();
}

export function feedbackComments(db: DbOrTrx, topicId: string, limit = 50) {
  return db
    .selectFrom('guide_feedback')
    .select(['id', 'helpful', 'comment', 'created_at'])
    .where('topic_id', '=', topicId)
    .where('comment', 'is not', null)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function auditFor(db: DbOrTrx, entity: string, entityId: string, limit = 100) {
  return db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .select(['l.id', 'l.at', 'l.action', 'l.summary', 'u.name as actor_name'])
    .where('l.entity', '=', entity)
    .where('l.entity_id', '=', entityId)
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
}
