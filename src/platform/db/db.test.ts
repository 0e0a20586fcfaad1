// The database layer's own promises: relaxed transactions commit like any other and leave the connection as it was;
// a file database checkpoints its write-ahead log from a worker thread, not during commits.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { freshDb, TEST_PG_URL } from '../../../test/helpers/db.js';
import { openDb, relaxedTransaction, type DbHandle } from './index.js';

async function scratchTable(handle: DbHandle) {
  await handle.db.schema
    .createTable('scratch')
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
}
const rows = async (handle: DbHandle) =>
  Number((await sql<{ c: number }>`select count(*) as c from scratch`.execute(handle.db)).rows[0]!.c);

test('a relaxed transaction commits like any other and rolls back on error', async (t) => {
  const handle = await freshDb();
  t.after(() => handle.close());
  await scratchTable(handle);

  await relaxedTransaction(handle.db, handle.dialect, (trx) => sql`insert into scratch (n) values (1), (2)`.execute(trx));
  assert.equal(await rows(handle), 2);

  await assert.rejects(
    relaxedTransaction(handle.db, handle.dialect, async (trx) => {
      await sql`insert into scratch (n) values (3)`.execute(trx);
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(await rows(handle), 2, 'the failed transaction left nothing behind');

  if (handle.dialect === 'sqlite') {
    // Every later commit on this connection waits for the disk again (2 = FULL).
    const level = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(handle.db);
    assert.equal(level.rows[0]!.synchronous, 2);
  } else {
    const level = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(handle.db);
    assert.equal(level.rows[0]!.synchronous_commit, 'on');
  }
});

test(
  'a file database copies its write-ahead log into the database file in the background',
  { skip: Boolean(TEST_PG_URL) },
  async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-db-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'dvc.sqlite');
    const handle = openDb({ databaseUrl: '', sqliteFile: file, checkpointInBackground: true });
    let closed = false;
    t.after(() => (closed ? undefined : handle.close()));
    await scratchTable(handle);

    const mode = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(handle.db);
    assert.equal(mode.rows[0]!.wal_autocheckpoint, 0, 'commits no longer checkpoint on the main thread');
    await relaxedTransaction(handle.db, handle.dialect, (trx) => sql`insert into scratch (n) values (1), (2), (3)`.execute(trx));

    // The database file alone (without its -wal) holds the rows once the worker has run.
    const copy = path.join(dir, 'copy.sqlite');
    let seen = 0;
    for (let i = 0; i < 50 && seen < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      fs.copyFileSync(file, copy);
      const alone = openDb({ databaseUrl: '', sqliteFile: copy });
      try {
        seen = await rows(alone).catch(() => 0);
      } finally {
        await alone.close();
        for (const f of fs.readdirSync(dir)) if (f.startsWith('copy.sqlite')) fs.rmSync(path.join(dir, f));
      }
    }
    assert.equal(seen, 3, 'the checkpointer copied the committed rows into the database file');

    closed = true;
    await handle.close();
    assert.equal(fs.existsSync(`${file}-wal`), false, 'closing leaves no write-ahead log behind');
    const again = openDb({ databaseUrl: '', sqliteFile: file });
    t.after(() => again.close());
    assert.equal(await rows(again), 3);
  },
);
