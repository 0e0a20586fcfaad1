import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type {
  AssistantConversationsTable,
  AssistantMessagesTable,
  AssistantPhrasesTable,
  QueueStatus,
} from './assistant.table.js';

export type ConversationRow = Selectable<AssistantConversationsTable>;
export type MessageRow = Selectable<AssistantMessagesTable>;
export type PhraseRow = Selectable<AssistantPhrasesTable>;
export type NewMessage = Insertable<AssistantMessagesTable>;

// ---- Conversations and messages -----------------------------------------------------------------

export function findConversation(db: DbOrTrx, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('assistant_conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findConversationByKey(db: DbOrTrx, key: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('assistant_conversations').selectAll().where('external_key', '=', key).executeTakeFirst();
}

export async function insertConversations(db: DbOrTrx, rows: Array<Insertable<AssistantConversationsTable>>) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('assistant_conversations')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updateConversation(
  db: DbOrTrx,
  id: string,
  patch: { last_topic: string | null; message_count: number; updated_at: string },
) {
  await db.updateTable('assistant_conversations').set(patch).where('id', '=', id).execute();
}

export async function insertMessages(db: DbOrTrx, rows: NewMessage[]) {
  // Batches keep PostgreSQL below its bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('assistant_messages')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export function listConversations(db: DbOrTrx, opts: { limit: number; offset: number; channel?: string }) {
  let q = db
    .selectFrom('assistant_conversations')
    .select(['id', 'channel', 'last_topic', 'message_count', 'created_at', 'updated_at'])
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(opts.limit)
    .offset(opts.offset);
  if (opts.channel) q = q.where('channel', '=', opts.channel);
  return q.execute();
}

export async function countConversations(db: DbOrTrx, channel?: string): Promise<number> {
  let q = db.selectFrom('assistant_conversations').select((eb) => eb.fn.countAll<number>().as('n'));
  if (channel) q = q.where('channel', '=', channel);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export function conversationMessages(db: DbOrTrx, conversationId: string) {
  return db.selectFrom('assistant_messages').selectAll().where('conversation_id', '=', conversationId).orderBy('id').execute();
}

export function findMessage(db: DbOrTrx, id: number): Promise<MessageRow | undefined> {
  return db.selectFrom('assistant_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function openQueue(db: DbOrTrx, limit: number) {
  return db
    .selectFrom('assistant_messages')
    .select(['id', 'created_at', 'channel', 'question', 'outcome', 'topic', 'confidence'])
    .where('queue_status', '=', 'open')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countQueue(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom('assistant_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('queue_status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setQueueStatus(db: DbOrTrx, id: number, status: QueueStatus, userId: number, at: string) {
  await db
    .updateTable('assistant_messages')
    .set({ queue_status: status, handled_by: userId, handled_at: at })
    .where('id', '=', id)
    .execute();
}

// ---- Figures ------------------------------------------------------------------------------------

export interface DayFigures {
  day: string;
  channel: string;
  questions: number;
  answered: number;
  clarified: number;
  declined: number;
}

export async function figuresByDay(db: DbOrTrx, fromDay: string): Promise<DayFigures[]> {
  const rows = await db
    .selectFrom('assistant_messages')
    .select((eb) => [
      'day',
      'channel',
      eb.fn.countAll<number>().as('questions'),
      eb.fn.sum<number>(eb.case().when('outcome', 'in', ['answered', 'followup']).then(1).else(0).end()).as('answered'),
      eb.fn.sum<number>(eb.case().when('outcome', '=', 'clarify').then(1).else(0).end()).as('clarified'),
      eb.fn.sum<number>(eb.case().when('outcome', '=', 'declined').then(1).else(0).end()).as('declined'),
    ])
    .where('day', '>=', fromDay)
    .groupBy(['day', 'channel'])
    .orderBy('day', 'desc')
    .orderBy('channel')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    channel: r.channel,
    questions: Number(r.questions),
    answered: Number(r.answered),
    clarified: Number(r.clarified),
    declined: Number(r.declined),
  }));
}

export async function topTopics(db: DbOrTrx, fromDay: string, limit = 10) {
  const rows = await db
    .selectFrom('assistant_messages')
    .select((eb) => ['topic', eb.fn.countAll<number>().as('n')])
    .where('day', '>=', fromDay)
    .where('topic', 'is not', null)
    .where('outcome', 'in', ['answered', 'followup'])
    .groupBy('topic')
    .orderBy('n', 'desc')
    .orderBy('topic')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ topic: r.topic!, n: Number(r.n) }));
}

// ---- Phrases added by editors -------------------------------------------------------------------

export function listPhrases(db: DbOrTrx) {
  return db
    .selectFrom('assistant_phrases as p')
    .leftJoin('users as u', 'u.id', 'p.created_by')
    .select(['p.id', 'p.topic_id', 'p.phrase', 'p.kind', 'p.answer', 'p.created_at', 'u.name as author'])
    .orderBy('p.topic_id')
    .orderBy('p.id')
    .execute();
}

export function findPhrase(db: DbOrTrx, id: number): Promise<PhraseRow | undefined> {
  return db.selectFrom('assistant_phrases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSamePhrase(db: DbOrTrx, topicId: string, phrase: string) {
  return db
    .selectFrom('assistant_phrases')
    .select('id')
    .where('topic_id', '=', topicId)
    .where('phrase', '=', phrase)
    .executeTakeFirst();
}

export async function insertPhrase(db: DbOrTrx, row: Insertable<AssistantPhrasesTable>): Promise<number> {
  const r = await db.insertInto('assistant_phrases').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deletePhrase(db: DbOrTrx, id: number) {
  await db.deleteFrom('assistant_phrases').where('id', '=', id).execute();
}

// ---- Dictionary terms (platform table text_terms) -----------------------------------------------

export function listTerms(db: DbOrTrx) {
  return db
    .selectFrom('text_terms as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.term', 't.expansion', 't.kind', 't.created_at', 'u.name as author'])
    .orderBy('t.term')
    .execute();
}

export function findTerm(db: DbOrTrx, id: number) {
  return db.selectFrom('text_terms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTermByText(db: DbOrTrx, term: string) {
  return db.selectFrom('text_terms').select('id').where('term', '=', term).executeTakeFirst();
}

export async function insertTerm(
  db: DbOrTrx,
  row: { term: string; expansion: string; kind: 'abbreviation' | 'teencode' | 'synonym'; created_by: number; created_at: string },
): Promise<number> {
  const r = await db.insertInto('text_terms').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deleteTerm(db: DbOrTrx, id: number) {
  await db.deleteFrom('text_terms').where('id', '=', id).execute();
}
