// Section 4 of issue 4: never lose an acknowledged submission.
// The real server runs in a child process; it is killed with SIGKILL under load and restarted on the same data.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { startServer, type Server } from '../../../bench/lib.js';
import { TEST_PG_URL } from '../../../test/helpers/db.js';
import { openDb } from '../../platform/db/index.js';

const WORKERS = 60;
const MARK = 'Kiểm thử độ bền';
const bodyFor = (key: string) => JSON.stringify({ content: `${MARK} [${key}]: phản ánh gửi trong lúc máy chủ đang chịu tải.` });

async function send(url: string, key: string): Promise<{ status: number; code?: string }> {
  const res = await fetch(`${url}/api/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: bodyFor(key),
  });
  const json = (await res.json()) as { code?: string };
  return { status: res.status, code: json.code };
}

/** startServer waits 20 s at most; a busy machine (tsx compiling, other test runs) may need longer. */
async function waitReady(url: string): Promise<number> {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return res.status;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return 0;
}

/** A private database for the child server: a data dir for SQLite, or a fresh PostgreSQL database. */
async function privateDatabase(
  t: test.TestContext,
): Promise<{ env: Record<string, string>; databaseUrl: string; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-crash-'));
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (!TEST_PG_URL) return { env: { DATA_DIR: dataDir }, databaseUrl: '', dataDir };
  const name = `crash_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  t.after(async () => {
    const c = new pg.Client({ connectionString: TEST_PG_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() }, databaseUrl: url.toString(), dataDir };
}

test(
  'every acknowledged submission survives a SIGKILL under load, exactly once, and retries with the same key do not duplicate',
  { timeout: 420_000 },
  async (t) => {
    const { env, databaseUrl, dataDir } = await privateDatabase(t);
    let server: Server | null = await startServer({ ...env, LOG_LEVEL: 'error' });
    t.after(async () => server?.kill('SIGKILL'));
    assert.equal(await waitReady(server.url), 200, 'the server came up');

    const acked = new Map<string, string>();
    const unacked = new Set<string>();
    const serverErrors: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const key = `w${w}-${i}`;
        try {
          const res = await send(server!.url, key);
          if (res.status === 201 && res.code) acked.set(key, res.code);
          else {
            unacked.add(key);
            if (res.status >= 500) serverErrors.push(`${key}: ${res.status}`);
          }
        } catch {
          // The connection died with the server: this one was never acknowledged.
          unacked.add(key);
          return;
        }
      }
    };
    const running = Array.from({ length: WORKERS }, (_, w) => worker(w));
    const started = Date.now();
    while (acked.size < 400 && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 20));
    await server.kill('SIGKILL');
    stop = true;
    await Promise.all(running);
    assert.ok(acked.size >= 100, `enough load before the crash (${acked.size} acknowledged)`);
    assert.deepEqual(serverErrors, [], 'no 5xx under load');

    server = await startServer({ ...env, LOG_LEVEL: 'error' });
    const url = server.url;
    assert.equal(await waitReady(url), 200, 'the server came back on the same data');

    // Every acknowledged code answers after the restart.
    for (const code of new Set(acked.values())) {
      const res = await fetch(`${url}/api/v1/feedback/${code}`);
      assert.equal(res.status, 200, `acknowledged ${code} is there`);
    }

    // Retry with the same Idempotency-Key: the acknowledged ones get their code back; the ones cut off by the
    // crash are stored now (or were, if they committed before the kill): either way, once.
    const retryAcked = [...acked.keys()].filter((_, i) => i % 5 === 0);
    for (const key of retryAcked) {
      const res = await send(url, key);
      assert.equal(res.status, 201);
      assert.equal(res.code, acked.get(key), `retry of ${key} answers the same code`);
    }
    for (const key of unacked) assert.equal((await send(url, key)).status, 201, `retry of ${key}`);

    const handle = openDb({ databaseUrl, sqliteFile: path.join(dataDir, 'dvc.sqlite') });
    try {
      const rows = await handle.db
        .selectFrom('feedback_items')
        .select(['code', 'content'])
        .where('content', 'like', `${MARK}%`)
        .execute();
      const perKey = new Map<string, string[]>();
      for (const r of rows) {
        const key = /\[(w\d+-\d+)\]/.exec(r.content)![1]!;
        perKey.set(key, [...(perKey.get(key) ?? []), r.code]);
      }
      for (const [key, code] of acked) assert.deepEqual(perKey.get(key), [code], `${key}: present exactly once`);
      for (const key of unacked) assert.equal(perKey.get(key)?.length, 1, `${key}: exactly once after its retry`);
      assert.equal(rows.length, acked.size + unacked.size, 'no row without a request behind it');
      t.diagnostic(`${acked.size} acknowledged before SIGKILL, ${unacked.size} cut off and retried, ${rows.length} rows`);
    } finally {
      await handle.close();
    }
    await server.stop();
    server = null;
  },
);
