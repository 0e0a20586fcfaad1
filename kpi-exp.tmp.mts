import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
const N = 300000;
const mk = (f: string) => { try { fs.rmSync(f); fs.rmSync(f + '-wal'); } catch {} const d = new SQLite(f); d.pragma('journal_mode = WAL'); d.pragma('synchronous = FULL');
  d.exec(`create table s (import_id integer not null, dossier_id text not null, unit_code text not null, unit_id integer not null, commune_id integer not null, procedure_code text not null, received_at text not null, received_month text not null, channel text not null, due_at text not null, finished_at text, finished_month text, on_time integer, fee_required integer not null, paid_online integer not null, primary key (import_id, dossier_id))`); return d; };
const row = (i: number) => ({ import_id: 1, dossier_id: 'HS' + String(i).padStart(8, '0'), unit_code: '00004', unit_id: 5, commune_id: 7, procedure_code: '1.001', received_at: '2025-08-01T08:30:00', received_month: '2025-08', channel: 'online', due_at: '2025-08-05T23:59:59', finished_at: '2025-08-03T16:00:00', finished_month: '2025-08', on_time: 1, fee_required: 1, paid_online: 0 });
{
  const d = mk('/tmp/kpi-scratch/e1.db'); const db = new Kysely<any>({ dialect: new SqliteDialect({ database: d }) });
  const t = performance.now();
  for (let i = 0; i < N; i += 2000) { const rows = []; for (let j = i; j < i + 2000; j++) rows.push(row(j)); await db.insertInto('s').values(rows).onConflict((oc) => oc.columns(['import_id', 'dossier_id']).doUpdateSet({ unit_code: (eb: any) => eb.ref('excluded.unit_code') })).execute(); }
  console.log('kysely 2000/batch upsert', Math.round(performance.now() - t), 'ms');
}
{
  const d = mk('/tmp/kpi-scratch/e2.db'); const db = new Kysely<any>({ dialect: new SqliteDialect({ database: d }) });
  const t = performance.now();
  for (let i = 0; i < N; i += 2000) { const rows = []; for (let j = i; j < i + 2000; j++) rows.push(row(j)); await db.insertInto('s').values(rows).execute(); }
  console.log('kysely 2000/batch plain', Math.round(performance.now() - t), 'ms');
}
{
  const d = mk('/tmp/kpi-scratch/e3.db');
  const t = performance.now();
  const st = d.prepare('insert into s values (@import_id, @dossier_id, @unit_code, @unit_id, @commune_id, @procedure_code, @received_at, @received_month, @channel, @due_at, @finished_at, @finished_month, @on_time, @fee_required, @paid_online)');
  const tx = d.transaction((rows: any[]) => { for (const r of rows) st.run(r); });
  for (let i = 0; i < N; i += 2000) { const rows = []; for (let j = i; j < i + 2000; j++) rows.push(row(j)); tx(rows); }
  console.log('raw prepared', Math.round(performance.now() - t), 'ms');
}
{
  const { CompiledQuery } = await import('kysely');
  const d = mk('/tmp/kpi-scratch/e4.db'); const db = new Kysely<any>({ dialect: new SqliteDialect({ database: d }) });
  const t = performance.now();
  const cols = Object.keys(row(0));
  const B = 2000;
  const sentinel = Array.from({ length: B }, (_, j) => Object.fromEntries(cols.map((c, k) => [c, `\u0000${j}:${k}`])));
  const compiled = db.insertInto('s').values(sentinel).onConflict((oc) => oc.columns(['import_id', 'dossier_id']).doUpdateSet({ unit_code: (eb: any) => eb.ref('excluded.unit_code') })).compile();
  const map = compiled.parameters.map((p) => String(p).slice(1).split(':').map(Number) as [number, number]);
  for (let i = 0; i < N; i += B) { const rows = []; for (let j = i; j < i + B; j++) rows.push(row(j)); const params = map.map(([j, k]) => (rows[j] as any)[cols[k]!]); await db.executeQuery(CompiledQuery.raw(compiled.sql, params)); }
  console.log('kysely compiled once', Math.round(performance.now() - t), 'ms');
}
