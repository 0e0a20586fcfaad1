import { sql, type Kysely } from 'kysely';

// Frozen: the assistant log's two sparse indexes cover only the rows they are for. Most questions are asked on the
// web (no external key) and answered (no queue status); indexing their NULLs cost every logged question two index
// writes for nothing. Lookups by key (`external_key = ?`) and the queue (`queue_status = 'open'`) still use them.
const SPARSE = [
  { name: 'assistant_conversations_external', table: 'assistant_conversations', columns: ['external_key'], unique: true },
  { name: 'assistant_messages_queue', table: 'assistant_messages', columns: ['queue_status', 'id'], unique: false },
];

async function rebuild(db: Kysely<unknown>, sparse: boolean): Promise<void> {
  for (const ix of SPARSE) {
    await db.schema.dropIndex(ix.name).execute();
    let create = db.schema.createIndex(ix.name).on(ix.table).columns(ix.columns);
    if (ix.unique) create = create.unique();
    if (sparse) create = create.where(sql.ref(ix.columns[0]!), 'is not', null);
    await create.execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, false);
}
