// npm run fit:assistant -- FILE.tsv [FILE2.tsv ...]
// Fits the assistant's confidence model (a logistic regression over the retrieval evidence, see FEATURES in
// src/modules/assistant/assistant.engine.ts) on labelled question files, and picks the decline and answer thresholds.
// Prints the constants to paste into the engine. Fit on tuning files only; keep other files for checking.
import { FEATURES, MODEL, THRESHOLDS, features, logistic } from '../src/modules/assistant/assistant.engine.js';
import { readQuestions, starterEngine } from '../src/modules/assistant/assistant.eval.js';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: npm run fit:assistant -- FILE.tsv [FILE2.tsv ...]');
  process.exit(2);
}
const engine = starterEngine();
interface Sample {
  x: number[];
  /** 1 when the question is in scope and the best topic is the expected one. */
  y: number;
  inScope: boolean;
}
const samples: Sample[] = [];
for (const file of files) {
  for (const row of readQuestions(file)) {
    const r = engine.rank(row.question);
    const e = engine.evidence(r);
    if (!e.score) {
      samples.push({ x: [], y: 0, inScope: row.expected !== null });
      continue;
    }
    samples.push({
      x: features(e),
      y: row.expected !== null && r.ranked[0]?.topic === row.expected ? 1 : 0,
      inScope: row.expected !== null,
    });
  }
}
const data = samples.filter((s) => s.x.length);
const k = FEATURES.length;
// Standardize, fit by gradient descent with a little L2, then map the weights back to raw features.
const mean = Array.from({ length: k }, (_, j) => data.reduce((a, s) => a + s.x[j]!, 0) / data.length);
const sd = Array.from(
  { length: k },
  (_, j) => Math.sqrt(data.reduce((a, s) => a + (s.x[j]! - mean[j]!) ** 2, 0) / data.length) || 1,
);
const z = data.map((s) => s.x.map((v, j) => (v - mean[j]!) / sd[j]!));
let w = new Array<number>(k).fill(0);
let b = 0;
const lambda = 0.01;
for (let it = 0; it < 20000; it++) {
  const gw = new Array<number>(k).fill(0);
  let gb = 0;
  data.forEach((s, i) => {
    const zi = z[i]!;
    let t = b;
    for (let j = 0; j < k; j++) t += w[j]! * zi[j]!;
    const err = 1 / (1 + Math.exp(-t)) - s.y;
    gb += err;
    for (let j = 0; j < k; j++) gw[j]! += err * zi[j]!;
  });
  w = w.map((v, j) => v - 0.1 * (gw[j]! / data.length + lambda * v));
  b -= 0.1 * (gb / data.length);
}
const weights = w.map((v, j) => v / sd[j]!);
const bias = b - w.reduce((a, v, j) => a + (v * mean[j]!) / sd[j]!, 0);
type Conf = (x: number[]) => number;
const fitted: Conf = (x) => (x.length ? logistic(x, { bias, weights }) : 0);
const current: Conf = (x) => (x.length ? logistic(x) : 0);

const inScope = samples.filter((s) => s.inScope);
const oos = samples.filter((s) => !s.inScope);
const rate = (t: number, conf: Conf = fitted) => ({
  right: inScope.filter((s) => s.y === 1 && conf(s.x) >= t).length / inScope.length,
  declined: oos.filter((s) => conf(s.x) < t).length / (oos.length || 1),
  precision: (() => {
    const answered = samples.filter((s) => conf(s.x) >= t);
    return answered.filter((s) => s.y === 1).length / (answered.length || 1);
  })(),
});
// Decline: the threshold with the most questions handled right, among those declining >= 90 % out of scope.
let decline = 0.5;
let best = -1;
for (let t = 0.05; t <= 0.95; t += 0.01) {
  const r = rate(t);
  const score = r.right * inScope.length + r.declined * oos.length;
  if (r.declined >= 0.9 && score > best) {
    best = score;
    decline = t;
  }
}
// Answer without asking back: the lowest threshold at or above decline where 95 % of answers are right.
let answer = decline;
while (answer < 0.99 && rate(answer).precision < 0.95) answer += 0.01;
const round = (v: number) => Math.round(v * 1000) / 1000;
console.log(
  `# ${data.length} questions with evidence (${inScope.length} in scope, ${oos.length} out of scope) from ${files.join(', ')}`,
);
console.log('current model: ', JSON.stringify(rate(THRESHOLDS.decline, current)), 'with', JSON.stringify(MODEL.weights));
console.log(`export const MODEL = {\n  bias: ${round(bias)},\n  weights: [${weights.map(round).join(', ')}],\n};`);
console.log(`// FEATURES: ${FEATURES.join(', ')}`);
console.log(`decline: ${round(decline)}, answer: ${round(answer)}`);
console.log('at decline:', JSON.stringify(rate(decline)), 'at answer:', JSON.stringify(rate(answer)));
