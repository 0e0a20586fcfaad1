// Runs node's test runner over the given test files and the test files under the given folders (Node 20 has no
// --test globs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dirs = process.argv.slice(2);
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') walk(p);
    else if (/\.test\.tsx?$/.test(e.name)) files.push(p);
  }
};
for (const d of dirs) {
  if (!fs.existsSync(d)) continue;
  if (fs.statSync(d).isDirectory()) walk(d);
  else files.push(d);
}
if (!files.length) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    // A hung browser or server fails its test instead of stalling the whole run.
    `--test-timeout=${process.env.TEST_TIMEOUT_MS ?? '900000'}`,
    '--test-reporter=spec',
    ...files.sort(),
  ],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
