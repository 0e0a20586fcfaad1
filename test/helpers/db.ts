import crypto from 'node:crypto';
import pg from 'pg';
import { openDb, type DbHandle } from '../../src/platform/db/index.js';

/** PostgreSQL when TEST_DATABASE_URL is set (npm run test:pg), otherwise a private in-memory SQLite database. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? '';

/**
 * A fresh, empty database for one test file: in-memory SQLite, or a new schema on PostgreSQL that is dropped after.
 *
 * @example
 * const handle = await freshDb(); t.after(() => handle.close());
 */
export async function freshDb(image?: Buffer): Promise<DbHandle> {
  if (!TEST_PG_URL) return openDb({ databaseUrl: '', sqliteFile: ':memory:', sqliteImage: image });
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDb({ databaseUrl: TEST_PG_URL, pgSchema: schema });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
