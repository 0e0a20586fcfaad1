// Issue C section 5: survey responses through the JSON API with 100 connections, SQLite with synchronous=FULL.
// Baseline: the same server writing one transaction (one fsync) per response (SURVEY_COMMIT_MAX_BATCH=1).
// Then group commit (the default). Each run checks that every acknowledged response is in the database.
import crypto from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { startServer } from './lib.js';

const SLUG = 'hai-long-dvctt';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

function body(): string {
  const r = (n: number) => Math.floor(Math.random() * n);
  return JSON.stringify({
    answers: { q1: '1', q2: 1 + r(5), q3: 1 + r(5), q4: 1 + r(5), q5: 1 + r(5), q6: 1 + r(5), q7: r(11), q8: 'nguoi-dan' },
    source: 'bench',
  });
}

interface Figures {
  acked: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  stored: number;
}

async function measure(env: Record<string, string>): Promise<Figures> {
  const server = await startServer(env);
  let r: autocannon.Result;
  try {
    r = await autocannon({
      url: `${server.url}/api/v1/surveys/${SLUG}/responses`,
      connections: 100,
      duration: DURATION,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, 'idempotency-key': crypto.randomUUID() },
            body: body(),
          }),
        },
      ],
    });
  } finally {
    await server.stop();
  }
  const sqlite = new SQLite(path.join(server.dataDir, 'dvc.sqlite'), { readonly: true });
  const stored = (sqlite.prepare("select count(*) as n from survey_responses where source = 'bench'").get() as { n: number }).n;
  sqlite.close();
  const acked = r['2xx'];
  return {
    acked,
    perSecond: acked / DURATION,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    stored,
  };
}

const line = (f: Figures) =>
  `${Math.round(f.perSecond).toLocaleString('en')} acknowledged responses/s, p50 ${f.p50} ms, p99 ${f.p99} ms` +
  ` (${f.acked} acknowledged, ${f.stored} stored${f.non2xx || f.errors ? `, ${f.non2xx} non-2xx, ${f.errors} errors` : ''})`;

export async function run(): Promise<void> {
  console.log('## Surveys (issue C, section 5)');
  console.log(`POST /api/v1/surveys/${SLUG}/responses, 100 connections, ${DURATION} s, SQLite WAL + synchronous=FULL`);
  const baseline = await measure({ SURVEY_COMMIT_MAX_BATCH: '1', SURVEY_COMMIT_WINDOW_MS: '0' });
  console.log(`one transaction per response (baseline): ${line(baseline)}`);
  const grouped = await measure({});
  console.log(`group commit (window 2 ms, max 256):     ${line(grouped)}`);
  console.log(`  ratio group commit / baseline: ${(grouped.perSecond / Math.max(1, baseline.perSecond)).toFixed(2)}`);
  console.log(`  target >= 1,000 acknowledged responses/s: ${grouped.perSecond >= 1000 ? 'met' : 'NOT met'}`);
  for (const [name, f] of [
    ['baseline', baseline],
    ['group commit', grouped],
  ] as const) {
    if (f.stored < f.acked) console.log(`  LOST: ${name} acknowledged ${f.acked} but stored ${f.stored}`);
  }
}
