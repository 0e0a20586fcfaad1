import type { Kysely } from 'kysely';
import { idColumn } from './_schema.js';

// Frozen: the assistant's conversations, messages (personal data redacted before storage) and editor phrases.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('assistant_conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    // SHA-256 of the channel's user id (Zalo follower), so a chat continues; never the id itself.
    .addColumn('external_key', 'text')
    .addColumn('last_topic', 'text')
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assistant_conversations_external')
    .on('assistant_conversations')
    .column('external_key')
    .unique()
    .execute();
  await db.schema.createIndex('assistant_conversations_updated').on('assistant_conversations').column('updated_at').execute();

  await db.schema
    .createTable('assistant_messages')
    .addColumn('id', id.type, id.build)
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('assistant_conversations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Local (Hanoi) date of the question, for figures per day.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('facet', 'text')
    // The reply as JSON: { answer, steps, sources, suggestions }.
    .addColumn('reply', 'text', (c) => c.notNull())
    .addColumn('llm', 'integer', (c) => c.notNull().defaultTo(0))
    // open | added | dismissed for unanswered and low-confidence questions; null otherwise.
    .addColumn('queue_status', 'text')
    .addColumn('handled_by', 'integer', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema
    .createIndex('assistant_messages_conversation')
    .on('assistant_messages')
    .columns(['conversation_id', 'id'])
    .execute();
  await db.schema.createIndex('assistant_messages_day').on('assistant_messages').columns(['day', 'channel']).execute();
  await db.schema.createIndex('assistant_messages_queue').on('assistant_messages').columns(['queue_status', 'id']).execute();

  await db.schema
    .createTable('assistant_phrases')
    .addColumn('id', id.type, id.build)
    .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id'))
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('source_message_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('assistant_phrases_topic')
    .on('assistant_phrases')
    .columns(['topic_id', 'phrase'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['assistant_phrases', 'assistant_messages', 'assistant_conversations']) {
    await db.schema.dropTable(t).execute();
  }
}
