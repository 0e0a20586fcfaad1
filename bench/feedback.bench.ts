// Issue 4 (companion figure): acknowledged feedback submissions per second under 100 connections, durability on,
// beside a bare HTTP server doing one durable SQLite insert per request on the same machine (the floor a naive
// server reaches; the app groups concurrent submissions into one commit, so it can pass it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { freePort, startServer } from './lib.js';

const DURATION = 10;
const body = JSON.stringify({
  content: 'Tôi không đăng nhập được Cổng dịch vụ công bằng tài khoản VNeID, mong được hướng dẫn.',
  category: 'dich-vu-cong-truc-tuyen',
});

interface Acked {
  acked: number;
  perSecond: number;
  p50: number;
  p99: number;
  other: number;
}

async function post(url: string, withKey: boolean): Promise<Acked> {
  const r = await autocannon({
    url,
    method: 'POST',
    connections: 100,
    duration: DURATION,
    headers: { 'content-type': 'application/json' },
    body,
    ...(withKey
      ? {
          setupClient: (client: autocannon.Client) => {
            // Each request its own Idempotency-Key, as a careful client sends.
            client.setHeaders({ 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() });
            client.on('response', () =>
              client.setHeaders({ 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }),
            );
          },
        }
      : {}),
  });
  return { acked: r['2xx'], perSecond: r['2xx'] / DURATION, p50: r.latency.p50, p99: r.latency.p99, other: r.non2xx + r.errors };
}

const fmt = (a: Acked) =>
  `${Math.round(a.perSecond).toLocaleString('en')} acknowledged/s, p50 ${a.p50} ms, p99 ${a.p99} ms${a.other ? `, ${a.other} not acknowledged` : ''}`;

/** The floor: node http + one INSERT per request in WAL mode with synchronous=FULL, nothing else. */
async function baseline(): Promise<Acked> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-bench-base-'));
  const db = new SQLite(path.join(dir, 'base.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table t (id integer primary key, content text not null, at text not null)');
  const insert = db.prepare('insert into t (content, at) values (?, ?)');
  const port = await freePort();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!db.open) return res.destroy(); // a request still in flight when the run ended
      const { content } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content: string };
      const id = insert.run(content, new Date().toISOString()).lastInsertRowid;
      const out = JSON.stringify({ code: String(id) });
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  try {
    return await post(`http://127.0.0.1:${port}/`, false);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const base = await baseline();
  const server = await startServer();
  try {
    const plain = await post(`${server.url}/api/v1/feedback`, false);
    const keyed = await post(`${server.url}/api/v1/feedback`, true);
    const db = new SQLite(path.join(server.dataDir, 'dvc.sqlite'), { readonly: true });
    const stored = (db.prepare('select count(*) as n from feedback_items').get() as { n: number }).n;
    db.close();
    console.log('## Feedback submissions (issue 4, companion figure; SQLite, synchronous=FULL)');
    console.log(`bare http + 1 durable insert (floor): ${fmt(base)}`);
    console.log(`POST /api/v1/feedback:                ${fmt(plain)}`);
    console.log(`  with Idempotency-Key:               ${fmt(keyed)}`);
    console.log(`  ratio feedback / floor: ${(plain.perSecond / base.perSecond).toFixed(2)}`);
    // Requests still in flight when the clock stops are stored but not counted: at most 100 per run.
    const extra = stored - plain.acked - keyed.acked;
    console.log(`  acknowledged ${plain.acked + keyed.acked}, stored ${stored} (${extra} in flight at the end; must be 0..200)`);
    if (extra < 0 || extra > 200) console.log('  WARNING: acknowledged and stored counts disagree');
  } finally {
    await server.stop();
  }
}
