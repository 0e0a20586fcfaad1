// Issue D, section 6: import 1,000,000 generated dossier rows through the real import code (target <= 60 s), then
// answer dashboard queries over 5,000,000 rows (target p95 <= 100 ms for the city or one commune over any month range)
// and the same queries in DuckDB on the same data, printing the ratio.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { importDossiers, kpiSummary } from '../src/modules/kpi/index.js';
import type { Db } from '../src/platform/db/index.js';
import { fmt, load, startServer } from './lib.js';
// The bench drives the module's own monthly rebuild (the import's last step) on directly generated rows.
import { recomputeMonthly } from '../src/modules/kpi/kpi.repository.js';

const IMPORT_ROWS = Number(process.env.KPI_BENCH_IMPORT_ROWS ?? 1_000_000);
const QUERY_ROWS = Number(process.env.KPI_BENCH_QUERY_ROWS ?? 5_000_000);
const QUERIES = 2000;
const DUCK_QUERIES = 300;
const MONTHS = 36; // 2024-01 .. 2026-12

const HEADER = 'dossier_id,unit_code,procedure_code,received_at,channel,due_at,finished_at,fee_required,paid_online';

function pctl(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const stats = (xs: number[]) =>
  `p50 ${ms(pctl(xs, 50))}, p95 ${ms(pctl(xs, 95))}, p99 ${ms(pctl(xs, 99))}, max ${ms(Math.max(...xs))}`;

/** A deterministic pseudo-random sequence (the same queries in every engine and every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function freshApp(dataDir: string) {
  return buildApp(
    loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', COOKIE_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }),
    {
      logger: false,
    },
  );
}

async function unitCodes(db: Db) {
  const rows = await db.selectFrom('org_units').select(['code', 'type', 'valid_to']).where('type', '=', 'commune').execute();
  const current = rows
    .filter((r) => r.valid_to === null)
    .map((r) => r.code!)
    .sort();
  const old = rows
    .filter((r) => r.valid_to !== null)
    .map((r) => r.code!)
    .sort();
  return { current, old };
}

/** 2025 dossiers: old commune codes before July (resolved through the reorganization), new ones after. */
async function writeImportCsv(file: string, n: number, codes: { current: string[]; old: string[] }): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${HEADER}\n`);
  const p2 = (x: number) => String(x).padStart(2, '0');
  let buf = '';
  for (let i = 0; i < n; i++) {
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const list = month <= 6 ? codes.old : codes.current;
    const code = i % 100 === 0 ? 'HN-TTPVHCC' : list[(i * 7919) % list.length]!;
    const online = i % 10 < 6;
    const channel = online ? 'online' : i % 10 < 9 ? 'direct' : 'postal';
    const fee = i % 3 === 0 ? 1 : 0;
    const paid = fee && online && i % 4 !== 0 ? 1 : 0;
    const dueDay = Math.min(28, day + 5);
    const fin = i % 20 === 0 ? '' : `2025-${p2(month)}-${p2(Math.min(28, day + (i % 7)))}T16:00:00+07:00`;
    buf += `HS${String(i).padStart(8, '0')},${code},1.00${i % 50},2025-${p2(month)}-${p2(day)}T08:30:00+07:00,${channel},2025-${p2(month)}-${p2(dueDay)},${fin},${fee},${paid}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

/**
 * Row i of the generated data, as SQL expressions over i (and c = the commune's index), written once per dialect:
 * the same arithmetic in SQLite and DuckDB, so both engines hold the same 5M rows (checked by comparing answers).
 */
function rowExprs(intDiv: (a: string, b: number) => string) {
  // Multiplicative hashes of i, so every commune has dossiers in every month.
  const m = '(((i * 1103515245 + 12345) % 2147483647) % 36)';
  const fm = `(CASE WHEN i % 20 = 0 THEN NULL WHEN i % 5 = 0 AND ${m} < 35 THEN ${m} + 1 ELSE ${m} END)`;
  const month = (x: string) => `printf('%04d-%02d', 2024 + ${intDiv(x, 12)}, ${x} % 12 + 1)`;
  const online = `(i % 10 < 3 + c % 6)`;
  return {
    received_at: `printf('%04d-%02d-%02dT08:00:00', 2024 + ${intDiv(m, 12)}, ${m} % 12 + 1, i % 28 + 1)`,
    received_month: month(m),
    channel: `CASE WHEN ${online} THEN 'online' WHEN i % 10 < 9 THEN 'direct' ELSE 'postal' END`,
    due_at: `printf('%04d-%02d-%02dT23:59:59', 2024 + ${intDiv(m, 12)}, ${m} % 12 + 1, 28)`,
    finished_at: `CASE WHEN ${fm} IS NULL THEN NULL ELSE printf('%04d-%02d-01T10:00:00', 2024 + ${intDiv(fm, 12)}, ${fm} % 12 + 1) END`,
    finished_month: `CASE WHEN ${fm} IS NULL THEN NULL ELSE ${month(fm)} END`,
    on_time: `CASE WHEN ${fm} IS NULL THEN NULL WHEN i % 13 = 0 THEN 0 ELSE 1 END`,
    fee_required: `CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END`,
    paid_online: `CASE WHEN i % 3 = 0 AND ${online} AND i % 4 <> 0 THEN 1 ELSE 0 END`,
    c: '(((i * 2654435761) % 4294967291) % 126)',
  };
}

interface Query {
  /** Index of the commune in code order, or -1 for the city. */
  c: number;
  from: string;
  to: string;
}

function monthOf(k: number): string {
  return `${2024 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

function queries(n: number, seed: number): Query[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const a = Math.floor(r() * MONTHS);
    const b = Math.floor(r() * MONTHS);
    return { c: r() < 0.3 ? -1 : Math.floor(r() * 126), from: monthOf(Math.min(a, b)), to: monthOf(Math.max(a, b)) };
  });
}

const RAW_SQL = (table: string, unitFilter: string) => `
  SELECT
    sum(CASE WHEN received_month BETWEEN $1 AND $2 THEN 1 ELSE 0 END) AS received,
    sum(CASE WHEN received_month BETWEEN $1 AND $2 AND channel = 'online' THEN 1 ELSE 0 END) AS received_online,
    sum(CASE WHEN received_month BETWEEN $1 AND $2 THEN fee_required ELSE 0 END) AS fee_required,
    sum(CASE WHEN received_month BETWEEN $1 AND $2 THEN fee_required * paid_online ELSE 0 END) AS paid_online,
    sum(CASE WHEN finished_month BETWEEN $1 AND $2 THEN 1 ELSE 0 END) AS finished,
    sum(CASE WHEN finished_month BETWEEN $1 AND $2 THEN on_time ELSE 0 END) AS finished_on_time
  FROM ${table} WHERE (received_month BETWEEN $1 AND $2 OR finished_month BETWEEN $1 AND $2) ${unitFilter}`;

const MONTHLY_SQL = (unitFilter: string) => `
  SELECT sum(received) AS received, sum(received_online) AS received_online, sum(fee_required) AS fee_required,
         sum(paid_online) AS paid_online, sum(finished) AS finished, sum(finished_on_time) AS finished_on_time
  FROM monthly WHERE month BETWEEN $1 AND $2 ${unitFilter}`;

function answer(r: Record<string, unknown>) {
  const n = (k: string) => Number(r[k] ?? 0);
  const ratio = (a: number, b: number) => (b ? a / b : null);
  return {
    dossiers: n('received'),
    online_rate: ratio(n('received_online'), n('received')),
    on_time_rate: ratio(n('finished_on_time'), n('finished')),
    online_payment_rate: ratio(n('paid_online'), n('fee_required')),
  };
}

const prepared = new Map<string, Awaited<ReturnType<DuckDBConnection['prepare']>>>();
async function duckQuery(con: DuckDBConnection, text: string, q: Query) {
  let prep = prepared.get(text);
  if (!prep) {
    prep = await con.prepare(text);
    prepared.set(text, prep);
  }
  prep.bind(q.c < 0 ? [q.from, q.to] : [q.from, q.to, q.c]);
  const reader = await prep.runAndReadAll();
  return answer(reader.getRowObjects()[0] as Record<string, unknown>);
}

async function benchImport(root: string): Promise<void> {
  const dataDir = path.join(root, 'import');
  const app = await freshApp(dataDir);
  try {
    const codes = await unitCodes(app.deps.db);
    const file = path.join(root, 'ho-so-1m.csv');
    let t = performance.now();
    await writeImportCsv(file, IMPORT_ROWS, codes);
    console.log(
      `generated ${IMPORT_ROWS.toLocaleString('en')} rows CSV (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    let validated = 0;
    const r = await importDossiers(app.deps.db, file, {
      source: 'cli',
      fileName: 'ho-so-1m.csv',
      actorId: null,
      onProgress: (p) => {
        if (p.phase === 'writing') validated = performance.now() - t;
      },
    });
    const total = (performance.now() - t) / 1000;
    if (r.status !== 'done') throw new Error(`import ${r.status}: ${JSON.stringify(r.errors.slice(0, 3))} ${r.message}`);
    console.log(
      `import ${r.rows.toLocaleString('en')} rows (SQLite file, synchronous=FULL): ${total.toFixed(1)} s = ${Math.round(r.rows / total).toLocaleString('en')} rows/s (validate + stage ${(validated / 1000).toFixed(1)} s, swap + monthly counts ${(total - validated / 1000).toFixed(1)} s) (target <= 60 s)`,
    );
    fs.rmSync(file, { force: true });
  } finally {
    await app.close();
  }
}

async function benchQueries(root: string): Promise<void> {
  const dataDir = path.join(root, 'query');
  const app = await freshApp(dataDir);
  const db = app.deps.db;
  const { current } = await unitCodes(db);
  const e = rowExprs((a, b) => `(${a} / ${b})`);
  let duck: DuckDBInstance | null = null;
  try {
    // ---- 5M rows straight into SQLite (setup, not measured against a target) ----
    let t = performance.now();
    await sql`pragma synchronous = OFF`.execute(db);
    // Bulk load: drop the dossiers' secondary indexes and build them again afterwards (as the migration defines them).
    const indexes = await sql<{
      sql: string;
      name: string;
    }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'kpi_dossiers' and sql is not null`.execute(db);
    for (const ix of indexes.rows) await sql.raw(`drop index ${ix.name}`).execute(db);
    await sql`create temp table bench_communes (idx integer primary key, id integer not null, code text not null)`.execute(db);
    for (const [idx, code] of current.entries()) {
      await sql`insert into bench_communes (idx, id, code) select ${idx}, id, code from org_units where code = ${code} and valid_to is null`.execute(
        db,
      );
    }
    await sql
      .raw(
        `insert into kpi_dossiers (dossier_id, unit_code, unit_id, commune_id, procedure_code, received_at, received_month, channel,
           due_at, finished_at, finished_month, on_time, fee_required, paid_online, import_id, updated_at)
         with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${QUERY_ROWS - 1}),
         g as (select i, ${e.c} as c from seq)
         select printf('B%08d', i), b.code, b.id, b.id, '1.00' || (i % 50), ${e.received_at}, ${e.received_month}, ${e.channel},
           ${e.due_at}, ${e.finished_at}, ${e.finished_month}, ${e.on_time}, ${e.fee_required}, ${e.paid_online}, 0, '2026-01-01'
         from g join bench_communes b on b.idx = g.c`,
      )
      .execute(db);
    for (const ix of indexes.rows) await sql.raw(ix.sql).execute(db);
    const gen = (performance.now() - t) / 1000;
    t = performance.now();
    const months = Array.from({ length: MONTHS }, (_, k) => monthOf(k));
    await db.transaction().execute((trx) => recomputeMonthly(trx, months));
    const rebuild = (performance.now() - t) / 1000;
    await sql`pragma synchronous = FULL`.execute(db);
    await sql`analyze`.execute(db);
    const monthlyRows = await db
      .selectFrom('kpi_monthly')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `generated ${QUERY_ROWS.toLocaleString('en')} dossiers in SQLite in ${gen.toFixed(1)} s; monthly counts for all ${MONTHS} months rebuilt in ${rebuild.toFixed(1)} s (${Number(monthlyRows.n).toLocaleString('en')} rows, the import's own code)`,
    );

    // ---- Our dashboard queries: kpiSummary (the API's code) over random ranges, city or one commune ----
    const qs = queries(QUERIES, 42);
    const ask = (q: Query) => kpiSummary(db, { unit: q.c < 0 ? undefined : current[q.c], from: q.from, to: q.to });
    for (const q of qs.slice(0, 50)) await ask(q); // warm-up
    const ours: number[] = [];
    const oursCity: number[] = [];
    for (const q of qs) {
      const s = performance.now();
      await ask(q);
      const d = performance.now() - s;
      ours.push(d);
      if (q.c < 0) oursCity.push(d);
    }
    console.log(
      `SQLite, kpiSummary over pre-aggregated monthly counts, ${QUERIES} queries: ${stats(ours)} (target p95 <= 100 ms)`,
    );
    console.log(`  city only: ${stats(oursCity)}`);
    const full = [];
    for (let k = 0; k < 50; k++) {
      const s = performance.now();
      await kpiSummary(db, { from: '2024-01', to: '2026-12' });
      full.push(performance.now() - s);
    }
    console.log(`  worst case, the city over all ${MONTHS} months: ${stats(full)}`);

    // Without the monthly table, for reference: the same question straight from the 5M dossier rows in SQLite.
    const raw: number[] = [];
    for (const q of qs.slice(0, 12)) {
      const s = performance.now();
      const text = RAW_SQL('kpi_dossiers', q.c < 0 ? '' : `and commune_id = (select id from bench_communes where idx = ${q.c})`)
        .replaceAll('$1', `'${q.from}'`)
        .replaceAll('$2', `'${q.to}'`);
      await sql.raw(text).execute(db);
      raw.push(performance.now() - s);
    }
    console.log(`  (reference) SQLite scanning the dossier rows instead, 12 queries: ${stats(raw)}`);

    // ---- DuckDB: the same rows, the same queries ----
    t = performance.now();
    duck = await DuckDBInstance.create(':memory:');
    const con = await duck.connect();
    const d = rowExprs((a, b) => `(${a} // ${b})`);
    await con.run(
      `create table dossiers as
       select printf('B%08d', i) as dossier_id, c as commune_id, ${d.received_month} as received_month, ${d.channel} as channel,
              ${d.finished_month} as finished_month, ${d.on_time} as on_time, ${d.fee_required} as fee_required,
              ${d.paid_online} as paid_online, ${d.received_at} as received_at, ${d.due_at} as due_at, ${d.finished_at} as finished_at
       from (select i, ${d.c} as c from range(${QUERY_ROWS}) t(i))`,
    );
    await con.run(
      `create table monthly as
       with r as (select commune_id, received_month as month, count(*) as received, sum(case when channel = 'online' then 1 else 0 end) as received_online,
                         sum(fee_required) as fee_required, sum(fee_required * paid_online) as paid_online from dossiers group by all),
            f as (select commune_id, finished_month as month, count(*) as finished, sum(on_time) as finished_on_time
                  from dossiers where finished_month is not null group by all)
       select coalesce(r.commune_id, f.commune_id) as commune_id, coalesce(r.month, f.month) as month,
              coalesce(received, 0) as received, coalesce(received_online, 0) as received_online, coalesce(r.fee_required, 0) as fee_required,
              coalesce(r.paid_online, 0) as paid_online, coalesce(finished, 0) as finished, coalesce(finished_on_time, 0) as finished_on_time
       from r full join f on r.commune_id = f.commune_id and r.month = f.month`,
    );
    console.log(
      `DuckDB ${(await import('@duckdb/node-api')).version()}: same ${QUERY_ROWS.toLocaleString('en')} rows generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // Same data: the engines must give the same answers.
    let same = 0;
    const check = qs.slice(0, 40);
    for (const q of check) {
      const a = await ask(q);
      const b = await duckQuery(con, RAW_SQL('dossiers', q.c < 0 ? '' : 'and commune_id = $3'), q);
      const eq = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-12);
      if (
        a.dossiers === b.dossiers &&
        eq(a.online_rate, b.online_rate) &&
        eq(a.on_time_rate, b.on_time_rate) &&
        eq(a.online_payment_rate, b.online_payment_rate)
      )
        same += 1;
    }
    console.log(`  same answers as SQLite on ${same}/${check.length} queries`);

    const duckRaw: number[] = [];
    const duckMonthly: number[] = [];
    const dq = qs.slice(0, DUCK_QUERIES);
    for (const q of dq.slice(0, 10)) await duckQuery(con, RAW_SQL('dossiers', q.c < 0 ? '' : 'and commune_id = $3'), q);
    for (const q of dq) {
      let s = performance.now();
      await duckQuery(con, RAW_SQL('dossiers', q.c < 0 ? '' : 'and commune_id = $3'), q);
      duckRaw.push(performance.now() - s);
      s = performance.now();
      await duckQuery(con, MONTHLY_SQL(q.c < 0 ? '' : 'and commune_id = $3'), q);
      duckMonthly.push(performance.now() - s);
    }
    const ourP95 = pctl(ours, 95);
    console.log(
      `DuckDB scanning the ${QUERY_ROWS.toLocaleString('en')} dossier rows, ${DUCK_QUERIES} queries: ${stats(duckRaw)}`,
    );
    console.log(`DuckDB over its own monthly table, ${DUCK_QUERIES} queries: ${stats(duckMonthly)}`);
    console.log(
      `  ratio p95 DuckDB (rows) / ours: ${(pctl(duckRaw, 95) / ourP95).toFixed(1)}x; DuckDB (monthly) / ours: ${(pctl(duckMonthly, 95) / ourP95).toFixed(1)}x (> 1: ours faster)`,
    );
  } finally {
    prepared.clear();
    duck?.closeSync();
    await app.close();
  }

  // The same summary through HTTP, on the 5M-row database, 100 connections.
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    const city = await load({ url: `${server.url}/api/v1/kpi/summary?from=2024-01&to=2026-12` });
    const unit = await load({ url: `${server.url}/api/v1/kpi/summary?unit=${current[3]}&from=2025-03&to=2026-02` });
    console.log(`HTTP GET /api/v1/kpi/summary, city, 36 months: ${fmt(city)}`);
    console.log(`HTTP GET /api/v1/kpi/summary, one commune, 12 months: ${fmt(unit)}`);
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<void> {
  console.log('## KPI (issue D)');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-bench-kpi-'));
  const started = performance.now();
  try {
    await benchImport(root);
    await benchQueries(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log(`(kpi bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
