// Results of a survey: counts and shares, satisfaction index, NPS, breakdowns by audience, source and unit.
import type { DbOrTrx } from '../../platform/db/index.js';
import { findUnit } from '../org/index.js';
import {
  monthStartUtc,
  optionsOf,
  SATISFIED_VALUES,
  t,
  type DynamicOptions,
  type Lang,
  type Question,
  type Survey,
} from './surveys.model.js';
import * as repo from './surveys.repository.js';

export interface ResultRow {
  value: string;
  label: string;
  n: number;
  /** Share of the respondents who answered the question, 0..100. */
  pct: number;
}

export interface Nps {
  score: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface QuestionResult {
  question: Question;
  number: number;
  answered: number;
  rows: ResultRow[];
  mean: number | null;
  /** Share (0..100) of "Hài lòng" + "Rất hài lòng" on satisfaction-scale questions. */
  satisfaction: number | null;
  nps: Nps | null;
  texts: Array<{ value: string; submitted_at: string }>;
}

export interface BreakdownRow {
  key: string;
  label: string;
  responses: number;
  satisfaction: number | null;
  nps: number | null;
}

export interface SurveyResults {
  total: number;
  satisfaction: number | null;
  satisfactionAnswers: number;
  nps: Nps | null;
  questions: QuestionResult[];
  breakdowns: { audience: BreakdownRow[]; source: BreakdownRow[]; unit: BreakdownRow[] };
  /** Groups with fewer responses than this are merged into "Nhóm nhỏ" (published results only). */
  minGroup: number;
}

export const pct = (n: number, d: number): number => (d ? Math.round((n / d) * 1000) / 10 : 0);

export function npsOf(counts: Map<string, number>): Nps | null {
  let total = 0;
  let promoters = 0;
  let detractors = 0;
  for (const [v, n] of counts) {
    const x = Number(v);
    total += n;
    if (x >= 9) promoters += n;
    else if (x <= 6) detractors += n;
  }
  if (!total) return null;
  return {
    score: Math.round(((promoters - detractors) / total) * 100),
    promoters: pct(promoters, total),
    passives: pct(total - promoters - detractors, total),
    detractors: pct(detractors, total),
  };
}

function satisfactionOf(counts: Map<string, number>): { share: number | null; answers: number; satisfied: number } {
  let answers = 0;
  let satisfied = 0;
  for (const [v, n] of counts) {
    answers += n;
    if (SATISFIED_VALUES.includes(v)) satisfied += n;
  }
  return { share: answers ? pct(satisfied, answers) : null, answers, satisfied };
}

export interface ResultOptions {
  lang?: Lang;
  includeTexts?: boolean;
  minGroup?: number;
}

/**
 * Compute everything a results page, an export summary or the public page needs.
 *
 * @example
 * const r = await computeResults(db, survey, questions, dyn, { source: 'to-roi-ba-dinh' });
 */
export async function computeResults(
  db: DbOrTrx,
  survey: Survey,
  questions: Question[],
  dyn: DynamicOptions,
  filter: repo.ResponseFilter,
  opts: ResultOptions = {},
): Promise<SurveyResults> {
  const lang = opts.lang ?? 'vi';
  const minGroup = opts.minGroup ?? 1;
  const [total, counts, answered, texts] = await Promise.all([
    repo.responseCount(db, survey.id, filter),
    repo.answerCounts(db, survey.id, filter),
    repo.respondentsPerQuestion(db, survey.id, filter),
    opts.includeTexts ? repo.textAnswers(db, survey.id, filter, 200) : Promise.resolve([]),
  ]);
  const byQuestion = new Map<number, Map<string, number>>();
  for (const c of counts) {
    const m = byQuestion.get(c.question_id) ?? new Map<string, number>();
    m.set(c.value, c.n);
    byQuestion.set(c.question_id, m);
  }
  const satQuestions = new Set(questions.filter((q) => q.type === 'scale5' && q.satisfaction).map((q) => q.id));
  const npsQuestion = questions.find((q) => q.type === 'scale10');
  let satAnswers = 0;
  let satSatisfied = 0;
  const results: QuestionResult[] = questions.map((q, i) => {
    const c = byQuestion.get(q.id) ?? new Map<string, number>();
    const n = answered.get(q.id) ?? 0;
    const opts = q.type === 'text' ? [] : optionsOf(q, dyn);
    let rows: ResultRow[] = opts.map((o) => ({
      value: o.v,
      label: t(o, lang),
      n: c.get(o.v) ?? 0,
      pct: pct(c.get(o.v) ?? 0, n),
    }));
    // Answers whose option was since removed from a reference list still count.
    for (const [v, k] of c) if (!opts.some((o) => o.v === v)) rows.push({ value: v, label: v, n: k, pct: pct(k, n) });
    if (q.type === 'commune') rows = rows.filter((r) => r.n > 0).sort((a, b) => b.n - a.n);
    const isScale = q.type === 'scale5' || q.type === 'scale10';
    let mean: number | null = null;
    if (isScale && n) {
      let sum = 0;
      let k = 0;
      for (const [v, m] of c) {
        sum += Number(v) * m;
        k += m;
      }
      mean = k ? Math.round((sum / k) * 100) / 100 : null;
    }
    let satisfaction: number | null = null;
    if (satQuestions.has(q.id)) {
      const s = satisfactionOf(c);
      satisfaction = s.share;
      satAnswers += s.answers;
      satSatisfied += s.satisfied;
    }
    return {
      question: q,
      number: i + 1,
      answered: n,
      rows,
      mean,
      satisfaction,
      nps: q.type === 'scale10' ? npsOf(c) : null,
      texts: texts.filter((x) => x.question_id === q.id).map(({ value, submitted_at }) => ({ value, submitted_at })),
    };
  });

  const audienceLabel = new Map(dyn.audiences.map((a) => [a.v, t(a, lang)]));
  const unitLabel = new Map(dyn.communes.map((c) => [String(c.unitId), c.vi]));
  const none = lang === 'en' ? 'Not stated' : 'Không rõ';
  const breakdown = async (dim: repo.Dimension, label: (g: string) => Promise<string> | string): Promise<BreakdownRow[]> => {
    const [groups, scales] = await Promise.all([
      repo.responsesBy(db, survey.id, filter, dim),
      repo.scaleCountsBy(db, survey.id, filter, dim),
    ]);
    const out: BreakdownRow[] = [];
    let small: BreakdownRow | null = null;
    for (const g of groups.sort((a, b) => b.n - a.n)) {
      const key = g.g === null ? '' : String(g.g);
      const sat = new Map<string, number>();
      const nps = new Map<string, number>();
      for (const s of scales) {
        if ((s.g === null ? '' : String(s.g)) !== key) continue;
        if (satQuestions.has(s.question_id)) sat.set(s.value, (sat.get(s.value) ?? 0) + s.n);
        if (npsQuestion && s.question_id === npsQuestion.id) nps.set(s.value, (nps.get(s.value) ?? 0) + s.n);
      }
      const row: BreakdownRow = {
        key,
        label: key ? await label(key) : none,
        responses: g.n,
        satisfaction: satisfactionOf(sat).share,
        nps: npsOf(nps)?.score ?? null,
      };
      if (g.n < minGroup) {
        small ??= {
          key: '~',
          label: lang === 'en' ? 'Small groups (merged)' : 'Các nhóm ít người trả lời (gộp lại)',
          responses: 0,
          satisfaction: null,
          nps: null,
        };
        small.responses += g.n;
      } else out.push(row);
    }
    if (small) out.push(small);
    return out;
  };
  const [audience, source, unit] = await Promise.all([
    breakdown('audience_id', (g) => audienceLabel.get(g) ?? g),
    breakdown('source', (g) => g),
    breakdown('unit_id', async (g) => unitLabel.get(g) ?? (await findUnit(db, Number(g)))?.full_name ?? g),
  ]);
  const overallNps = npsQuestion ? (results.find((r) => r.question.id === npsQuestion.id)?.nps ?? null) : null;
  return {
    total,
    satisfaction: satAnswers ? pct(satSatisfied, satAnswers) : null,
    satisfactionAnswers: satAnswers,
    nps: overallNps,
    questions: results,
    breakdowns: { audience, source, unit },
    minGroup,
  };
}

export interface SatisfactionSummary {
  /** Responses that rated at least one satisfaction-scale question. */
  responses: number;
  /** Satisfaction-scale answers "Hài lòng" or "Rất hài lòng". */
  satisfied: number;
  /** All satisfaction-scale answers (the denominator of `index`). */
  answers: number;
  /** satisfied / answers, a share between 0 and 1; null when there is no answer. */
  index: number | null;
}

/**
 * The satisfaction figure for the KPI engineer: answers on satisfaction-scale questions of satisfaction surveys.
 * `from`/`to` are months 'YYYY-MM', inclusive, in Vietnam time; `unitIds` keeps responses attributed to those units.
 *
 * @example
 * const s = await satisfactionSummary(db, { from: '2025-11', to: '2025-12' });
 * // { responses: 812, satisfied: 3310, answers: 4060, index: 0.815 }
 */
export async function satisfactionSummary(
  db: DbOrTrx,
  opts: { from?: string; to?: string; unitIds?: number[] },
): Promise<SatisfactionSummary> {
  const c = await repo.satisfactionCounts(db, {
    fromIso: opts.from ? monthStartUtc(opts.from) : undefined,
    toIsoExclusive: opts.to ? monthStartUtc(opts.to, 1) : undefined,
    unitIds: opts.unitIds,
  });
  return {
    responses: c.responses,
    satisfied: c.satisfied,
    answers: c.answers,
    index: c.answers ? c.satisfied / c.answers : null,
  };
}
