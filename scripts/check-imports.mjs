// House rule (CONVENTIONS.md): a module is imported by others only through its index.ts, and platform/ imports no module.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve('src');
const problems = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.tsx?$/.test(e.name)) check(p);
  }
};
const moduleOf = (file) => {
  const rel = path.relative(path.join(root, 'modules'), file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0];
};
function check(file) {
  const src = fs.readFileSync(file, 'utf8');
  for (const m of src.matchAll(/from\s+'(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]).replace(/\.js$/, '');
    const fromModule = moduleOf(file);
    const toModule = moduleOf(target);
    const inPlatform = path.relative(path.join(root, 'platform'), file).startsWith('..') === false;
    if (inPlatform && toModule && !file.endsWith('.test.ts'))
      problems.push(`${path.relative('.', file)}: platform/ imports module "${toModule}"`);
    // Files directly under src/ (app.ts, database.ts) are the composition root and may compose modules' tables.
    const isRoot = path.dirname(file) === root;
    if (toModule && fromModule !== toModule && !isRoot) {
      const inner = path.relative(path.join(root, 'modules', toModule), target);
      if (inner !== 'index') problems.push(`${path.relative('.', file)}: imports ${m[1]} (use modules/${toModule}/index.ts)`);
    }
  }
}
walk(root);
if (problems.length) {
  console.error(`Module boundary violations:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
