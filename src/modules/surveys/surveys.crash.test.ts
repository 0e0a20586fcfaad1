// Section 4: kill the server with SIGKILL under load, restart it, and check that every acknowledged response is
// there once, and that retries with the same Idempotency-Key never duplicate anything. Runs a real server process
// on SQLite (WAL, synchronous=FULL) in a temporary data directory.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      COOKIE_SECRET: 'crash-test-secret-crash-test-secret-0123',
      RATE_LIMIT_ALLOWLIST: '127.0.0.1,::ffff:127.0.0.1',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

const body = (i: number) =>
  JSON.stringify({
    answers: { q1: '1', q2: 1 + (i % 5), q3: 4, q4: 5, q5: 3, q6: 2, q7: i % 11, q8: 'nguoi-dan' },
    source: 'crash-test',
  });

async function send(port: number, key: string, i: number): Promise<number | null> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/surveys/hai-long-dvctt/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: body(i),
  });
  if (res.status !== 201) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

test('after SIGKILL under load, every acknowledged response is stored exactly once', { timeout: 120_000 }, async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-crash-'));
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  let child = await start(dataDir, port);
  t.after(() => child.kill('SIGKILL'));

  const acked = new Map<string, number>();
  const sent: Array<[string, number]> = [];
  let stop = false;
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const i = n++;
      const key = `crash-${i}-${crypto.randomUUID()}`;
      sent.push([key, i]);
      try {
        const id = await send(port, key, i);
        if (id !== null) acked.set(key, id);
      } catch {
        return; // the server is gone: this request may or may not have been stored
      }
    }
  };
  const workers = Array.from({ length: 30 }, worker);
  // Kill once a fair number of responses were acknowledged, while requests are still in flight.
  const deadline = Date.now() + 20_000;
  while (acked.size < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  assert.ok(acked.size >= 300, `only ${acked.size} acknowledged before the kill`);
  assert.ok(sent.length > acked.size, 'some requests were in flight at the kill');

  // Everything acknowledged is on disk, with the id the client was given.
  const check = () => {
    const db = new SQLite(path.join(dataDir, 'dvc.sqlite'), { readonly: true });
    const rows = db.prepare("select id, idempotency_key as k from survey_responses where source = 'crash-test'").all() as Array<{
      id: number;
      k: string;
    }>;
    const answers = (
      db
        .prepare(
          "select count(*) as n from survey_answers a join survey_responses r on r.id = a.response_id where r.source = 'crash-test'",
        )
        .get() as { n: number }
    ).n;
    db.close();
    return { rows, answers };
  };
  child = await start(dataDir, port);
  const before = check();
  const stored = new Map(before.rows.map((r) => [r.k, r.id]));
  for (const [k, id] of acked) assert.equal(stored.get(`api:${k}`), id, `acknowledged ${k} is stored with id ${id}`);
  assert.equal(before.answers, before.rows.length * 8, 'each stored response has all its answers (no half-written response)');

  // The clients retry everything they sent (as they would after a timeout): nothing is duplicated.
  for (let i = 0; i < sent.length; i += 25) {
    await Promise.all(
      sent.slice(i, i + 25).map(async ([key, j]) => {
        const id = await send(port, key, j);
        if (acked.has(key)) assert.equal(id, acked.get(key), 'a retry of an acknowledged response returns its id');
      }),
    );
  }
  const after = check();
  assert.equal(after.rows.length, sent.length, 'one response per idempotency key');
  assert.equal(new Set(after.rows.map((r) => r.k)).size, sent.length);
  child.kill('SIGKILL');
});
