// npm run eval:assistant -- FILE.tsv [FILE2.tsv ...]
// Scores the assistant and three baselines (MiniSearch defaults, MiniSearch with diacritics folding, Fuse.js) on the
// same knowledge base (content/topics.json + content/guides), in process. File format: "topic<TAB>question",
// topic "-" for an out-of-scope question (it should be declined).
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import {
  assistantSystem,
  evaluate,
  readQuestions,
  starterEngine,
  starterKnowledge,
  type EvalFigures,
  type SystemAnswer,
} from '../src/modules/assistant/assistant.eval.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!files.length) {
  console.error('usage: npm run eval:assistant -- FILE.tsv [FILE2.tsv ...]');
  process.exit(2);
}

interface Doc {
  id: string;
  title: string;
  aliases: string;
  questions: string;
  body: string;
}

// The same knowledge the assistant uses, one document per topic.
const knowledge = starterKnowledge();
const docs: Doc[] = knowledge.map((t) => {
  const g = t.guide;
  return {
    id: t.id,
    title: g?.title ?? t.title,
    aliases: g?.aliases.join(' ; ') ?? '',
    questions: g?.faq.map((f) => f.q).join(' ; ') ?? '',
    body: [t.scope, g?.summary, ...(g?.steps ?? []), g?.fee.text, g?.processingTime.text, g?.online.text, g?.inPerson]
      .filter(Boolean)
      .join(' '),
  };
});
const fields = ['title', 'aliases', 'questions', 'body'];

/** Lower case, no diacritics, đ -> d: what the "folding" baseline uses for documents and queries alike. */
const foldTerm = (term: string) => term.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

function miniSearchSystem(fold: boolean): (q: string) => SystemAnswer {
  const ms = new MiniSearch<Doc>(fold ? { fields, processTerm: foldTerm } : { fields });
  ms.addAll(docs);
  return (q) => {
    const ids = ms.search(q).map((r) => String(r.id));
    return { ranked: ids, declined: ids.length === 0 };
  };
}

function fuseSystem(): (q: string) => SystemAnswer {
  const fuse = new Fuse(docs, { keys: fields });
  return (q) => {
    const ids = fuse.search(q).map((r) => r.item.id);
    return { ranked: ids, declined: ids.length === 0 };
  };
}

const engine = starterEngine();
const systems: Array<[string, (q: string) => SystemAnswer]> = [
  ['Assistant (this module)', assistantSystem(engine)],
  ['MiniSearch, defaults', miniSearchSystem(false)],
  ['MiniSearch, folding (đ -> d)', miniSearchSystem(true)],
  ['Fuse.js, defaults', fuseSystem()],
];

const p = (x: number) => `${(100 * x).toFixed(1)} %`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

for (const file of files) {
  const rows = readQuestions(file);
  // One untimed pass per system first, so the timings measure steady state rather than JIT compilation.
  for (const [, sys] of systems) for (const r of rows) sys(r.question);
  const results: Array<[string, EvalFigures]> = systems.map(([name, sys]) => [name, evaluate(rows, sys)]);
  const first = results[0]![1];
  console.log(
    `\n# ${file}: ${first.inScope} in-scope questions (${first.withDiacritics} with diacritics, ${first.withoutDiacritics} without), ${first.outOfScope} out of scope`,
  );
  const head = [
    'system',
    'top-1',
    'top-3',
    'MRR',
    'OOS declined',
    'all right',
    'top-1 accented',
    'top-1 unaccented',
    'p50',
    'p95',
  ];
  const table = results.map(([name, f]) => [
    name,
    p(f.top1),
    p(f.top3),
    f.mrr.toFixed(3),
    f.outOfScope ? p(f.declined) : 'n/a',
    p(f.overall),
    p(f.top1WithDiacritics),
    p(f.top1WithoutDiacritics),
    ms(f.p50Ms),
    ms(f.p95Ms),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of table) console.log(line(r));
  const best = Math.max(...results.slice(1).map(([, f]) => f.top1));
  const bestOverall = Math.max(...results.slice(1).map(([, f]) => f.overall));
  console.log(
    `margin over the best baseline: top-1 ${(100 * (first.top1 - best)).toFixed(1)} points (target >= 10), ` +
      `all questions handled right ${(100 * (first.overall - bestOverall)).toFixed(1)} points`,
  );
  console.log('targets: top-1 >= 95 %, out-of-scope declined >= 90 %, p95 <= 5 ms');
}
