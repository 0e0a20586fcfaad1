// npm run bench [-- suite ...]: each suite prints its figures and ratios; copy the latest into docs/benchmarks.md.
import { machine } from './lib.js';

const suites: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  guides: () => import('./guides.bench.js'),
  assistant: () => import('./assistant.bench.js'),
  feedback: () => import('./feedback.bench.js'),
  surveys: () => import('./surveys.bench.js'),
  reports: () => import('./reports.bench.js'),
  kpi: () => import('./kpi.bench.js'),
};

const only = process.argv.slice(2);
console.log(`# DVC Outreach benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machine()}`);
for (const [name, loadSuite] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  await (await loadSuite()).run();
}
