import { sql, type Kysely } from 'kysely';

// Frozen: the assistant log's two sparse indexes cover only the rows they are for. Most questions are asked on the
// web (no external key) and answered (no queue status); indexing their NULLs cost every logged question two index
// writes for nothing. Lookups by key (`external_key = ?`) and the queue (`queue_status = 'open'`) still use them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assistant_conversations_external').execute();
  await db.schema
    .createIndex('assistant_conversations_external')
    .on('assistant_conversations')
    .column('external_key')
    .unique()
    .where(sql.ref('external_key'), 'is not', null)
    .execute();
  await db.schema.dropIndex('assistant_messages_queue').execute();
  await db.schema
    .createIndex('assistant_messages_queue')
    .on('assistant_messages')
    .columns(['queue_status', 'id'])
    .where(sql.ref('queue_status'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assistant_conversations_external').execute();
  await db.schema
    .createIndex('assistant_conversations_external')
    .on('assistant_conversations')
    .column('external_key')
    .unique()
    .execute();
  await db.schema.dropIndex('assistant_messages_queue').execute();
  await db.schema.createIndex('assistant_messages_queue').on('assistant_messages').columns(['queue_status', 'id']).execute();
}
