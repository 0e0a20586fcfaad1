// Benchmark of the reports module: consolidation and the .docx/.xlsx exports for ~150 units x 12 monthly periods,
// against the plain SQL aggregate the consolidation is built on, measured in the same run on the same data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { consolidationDocx, consolidationXlsx } from '../src/modules/reports/reports.export.js';
import { periodsForYear } from '../src/modules/reports/reports.periods.js';
import { STARTER_FIELDS } from '../src/modules/reports/reports.seed.js';
import { accessFor, consolidate, expectedUnits, reportTotals } from '../src/modules/reports/reports.service.js';
import * as repo from '../src/modules/reports/reports.repository.js';

const YEAR = 2026;
const RUNS = 15;

async function time<T>(fn: () => Promise<T>, runs = RUNS): Promise<{ median: number; p95: number; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)]!, last };
}

const f = (n: number) => `${n.toFixed(1)} ms`;

export async function run(): Promise<void> {
  console.log('## reports: consolidation and exports, ~150 units x 12 monthly periods (SQLite file)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-bench-reports-'));
  const app = await buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { logger: false });
  try {
    const { db } = app.deps;
    const now = new Date().toISOString();
    const formId = await repo.insertForm(db, {
      name: 'Báo cáo tháng (benchmark)',
      frequency: 'monthly',
      description: '',
      fields: JSON.stringify(STARTER_FIELDS),
      // 126 communes + 18 departments + 5 press bodies = 149 units.
      unit_types: JSON.stringify(['commune', 'department', 'press']),
      deadline_days: 5,
      active: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    for (const p of periodsForYear('monthly', YEAR, 5)) await repo.insertPeriod(db, { ...p, form_id: formId });
    const form = (await repo.findForm(db, formId))!;
    const periods = await repo.listPeriods(db, formId);
    const units = await expectedUnits(db, form, periods[0]!);

    // Every unit submits every month (the largest consolidation a year can hold).
    const t0 = performance.now();
    let seed = 42;
    const rnd = (max: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % max);
    await db.transaction().execute(async (trx) => {
      for (const p of periods) {
        for (const u of units) {
          const data: Record<string, unknown> = {};
          const values: Array<{ key: string; value: number }> = [];
          for (const fd of STARTER_FIELDS) {
            if (fd.type === 'integer') {
              data[fd.key] = rnd(500);
              values.push({ key: fd.key, value: data[fd.key] as number });
            } else if (fd.type === 'links') {
              const rows = Array.from({ length: rnd(4) }, (_, i) => ({
                title: `Bài ${i + 1}`,
                url: `https://example.vn/${u.id}/${p.id}/${i}`,
              }));
              data[fd.key] = rows;
              values.push({ key: fd.key, value: rows.length });
            } else data[fd.key] = rnd(10) === 0 ? `Khó khăn của ${u.full_name} trong ${p.label}` : '';
          }
          const id = await repo.insertSubmission(trx, {
            period_id: p.id,
            unit_id: u.id,
            status: 'submitted',
            data: JSON.stringify(data),
            late: rnd(5) === 0 ? 1 : 0,
            created_by: null,
            updated_by: null,
            submitted_by: null,
            created_at: now,
            updated_at: now,
            submitted_at: now,
          });
          await repo.replaceValues(trx, { id, period_id: p.id, unit_id: u.id }, values);
        }
      }
    });
    const submissions = periods.length * units.length;
    console.log(
      `${units.length} units x ${periods.length} periods = ${submissions} submitted reports loaded in ${f(performance.now() - t0)}`,
    );

    const center = await accessFor(db, { id: 0, email: 'bench@local', name: 'bench', role: 'editor', unitId: null });
    const ids = periods.map((p) => p.id);
    const from = `${YEAR}-01`;
    const to = `${YEAR}-12`;

    const baseline = await time(() => repo.sumsByUnit(db, ids, null));
    const totals = await time(() => reportTotals(db, { from, to }));
    const year = await time(() => consolidate(db, center, form, from, to));
    const month = await time(() => consolidate(db, center, form, `${YEAR}-06`, `${YEAR}-06`));
    const docx = await time(() => consolidationDocx(year.last), 5);
    const xlsx = await time(() => consolidationXlsx(year.last), 5);

    const rows: Array<[string, { median: number; p95: number }]> = [
      ['baseline: SQL aggregate (sum by unit and field, 12 periods)', baseline],
      ['reportTotals (sum by field key, 12 months)', totals],
      ['consolidate, one month', month],
      ['consolidate, 12 months', year],
      ['.docx export of the 12-month consolidation', docx],
      ['.xlsx export of the 12-month consolidation', xlsx],
    ];
    for (const [label, r] of rows) {
      console.log(`${label}: median ${f(r.median)}, p95 ${f(r.p95)}, ${(r.median / baseline.median).toFixed(1)}x baseline`);
    }
    console.log(
      `end to end (consolidate 12 months + .docx + .xlsx): ${f(year.median + docx.median + xlsx.median)}; docx ${Math.round(docx.last.length / 1024)} KiB, xlsx ${Math.round(
        xlsx.last.length / 1024,
      )} KiB`,
    );
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
