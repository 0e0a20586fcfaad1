// The survey domain: types, row mapping, skip logic and answer validation. Pure functions, no I/O.
import type { Selectable } from 'kysely';
import type { FieldError } from '../../platform/html/index.js';
import { fold, redactPersonalData } from '../../platform/text/index.js';
import type { SurveyQuestionsTable, SurveysTable } from './surveys.table.js';

export type Lang = 'vi' | 'en';
export const QUESTION_TYPES = ['single', 'multiple', 'scale5', 'scale10', 'text', 'audience', 'commune'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const TYPE_LABELS: Record<QuestionType, string> = {
  single: 'Chọn một đáp án',
  multiple: 'Chọn nhiều đáp án',
  scale5: 'Thang điểm 1-5',
  scale10: 'Thang điểm 0-10',
  text: 'Trả lời ngắn (chữ)',
  audience: 'Bạn là ai (đối tượng)',
  commune: 'Xã, phường (126 xã, phường mới)',
};

/** The 5-level answer scale of satisfaction questions (SIPAS). Values 1..5; 4 and 5 count as satisfied. */
export const SATISFACTION_LABELS: Record<Lang, string[]> = {
  vi: ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'],
  en: ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'],
};
export const SATISFIED_VALUES = ['4', '5'];

export const TEXT_MAX = 1000;
export const CONTACT_MAX = 200;

export interface Localized {
  vi: string;
  en: string | null;
}
export interface ChoiceOption {
  v: string;
  vi: string;
  en?: string | null;
}
export interface SkipRule {
  /** The option value that triggers the rule. */
  v: string;
  /** A later question key, or "end". */
  goto: string;
}

export interface Survey {
  id: number;
  slug: string;
  title: Localized;
  intro: Localized;
  status: 'draft' | 'open' | 'closed';
  startsOn: string | null;
  endsOn: string | null;
  audiences: string[];
  hasEn: boolean;
  isSatisfaction: boolean;
  contactEnabled: boolean;
  resultsPublic: boolean;
  resultsPublishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Question {
  id: number;
  key: string;
  position: number;
  type: QuestionType;
  text: Localized;
  help: Localized;
  required: boolean;
  options: ChoiceOption[];
  rules: SkipRule[];
  next: string | null;
  satisfaction: boolean;
}

export function toSurvey(r: Selectable<SurveysTable>): Survey {
  return {
    id: Number(r.id),
    slug: r.slug,
    title: { vi: r.title_vi, en: r.title_en },
    intro: { vi: r.intro_vi, en: r.intro_en },
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    audiences: JSON.parse(r.audiences) as string[],
    hasEn: Boolean(r.has_en),
    isSatisfaction: Boolean(r.is_satisfaction),
    contactEnabled: Boolean(r.contact_enabled),
    resultsPublic: Boolean(r.results_public),
    resultsPublishedAt: r.results_published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toQuestion(r: Selectable<SurveyQuestionsTable>): Question {
  return {
    id: Number(r.id),
    key: r.qkey,
    position: r.position,
    type: r.type as QuestionType,
    text: { vi: r.text_vi, en: r.text_en },
    help: { vi: r.help_vi ?? '', en: r.help_en },
    required: Boolean(r.required),
    options: JSON.parse(r.options) as ChoiceOption[],
    rules: JSON.parse(r.rules) as SkipRule[],
    next: r.next_goto,
    satisfaction: Boolean(r.satisfaction),
  };
}

/** Text in the respondent's language, falling back to Vietnamese. */
export function t(l: Localized | ChoiceOption, lang: Lang): string {
  if ('v' in l) return (lang === 'en' && l.en) || l.vi;
  return (lang === 'en' && l.en) || l.vi;
}

/** Options that come from reference data rather than from the question itself. */
export interface DynamicOptions {
  audiences: ChoiceOption[];
  /** Commune code -> option (vi: "Phường Ba Đình"), plus the unit id. */
  communes: Array<ChoiceOption & { unitId: number }>;
}

/** The answer options of a question (scale labels and reference lists included). */
export function optionsOf(q: Question, dyn: DynamicOptions): ChoiceOption[] {
  switch (q.type) {
    case 'audience':
      return dyn.audiences;
    case 'commune':
      return dyn.communes;
    case 'scale5':
      return q.satisfaction
        ? SATISFACTION_LABELS.vi.map((vi, i) => ({ v: String(i + 1), vi, en: SATISFACTION_LABELS.en[i] }))
        : q.options;
    case 'scale10':
      return Array.from({ length: 11 }, (_, i) => ({ v: String(i), vi: String(i), en: String(i) }));
    default:
      return q.options;
  }
}

/** Default labels of a plain 1-5 scale. */
export function plainScale5(labels?: ChoiceOption[]): ChoiceOption[] {
  return Array.from({ length: 5 }, (_, i) => ({
    v: String(i + 1),
    vi: labels?.[i]?.vi ?? String(i + 1),
    en: labels?.[i]?.en ?? null,
  }));
}

/**
 * Skip logic: which questions a respondent reaches, given the answers. Starts at the first question; after each
 * visited question the first matching rule (answer value -> later question or "end") decides, else the question's
 * `next`, else the following question. Questions not reached are skipped: not required, their answers ignored.
 *
 * @example
 * visitedKeys(questions, new Map([['q1', ['3']]])); // Set { 'q1', 'q4', 'q5' } when q1=3 jumps to q4
 */
export function visitedKeys(questions: Question[], answers: Map<string, string[]>): Set<string> {
  const visited = new Set<string>();
  const index = new Map(questions.map((q, i) => [q.key, i]));
  let i = 0;
  while (i < questions.length) {
    const q = questions[i]!;
    visited.add(q.key);
    const given = answers.get(q.key) ?? [];
    let target = q.rules.find((r) => given.includes(r.v))?.goto ?? null;
    if (target === null) target = q.next;
    if (target === 'end') break;
    const j = target ? index.get(target) : undefined;
    // Rules only point forward (the builder enforces it); anything else just moves on.
    i = j !== undefined && j > i ? j : i + 1;
  }
  return visited;
}

/** Markup is refused in free text (stored text is also always escaped when shown). */
export function hasMarkup(s: string): boolean {
  return /<\s*\/?\s*(script|[a-z][a-z0-9-]*[\s>/])|<!--|javascript:/i.test(s);
}

export interface ParsedAnswer {
  questionId: number;
  key: string;
  values: string[];
  num: number | null;
}

export interface ParseResult {
  answers: ParsedAnswer[];
  errors: FieldError[];
  audienceId: string | null;
  communeUnitId: number | null;
}

const MSG = {
  vi: {
    unknown: (k: string) => `Khảo sát không có câu hỏi "${k}".`,
    type: (n: number) => `Câu ${n}: câu trả lời không đúng dạng.`,
    one: (n: number) => `Câu ${n}: chỉ chọn một đáp án.`,
    option: (n: number) => `Câu ${n}: hãy chọn một đáp án trong danh sách.`,
    required: (n: number) => `Vui lòng trả lời câu ${n}.`,
    long: (n: number) => `Câu ${n}: câu trả lời dài quá ${TEXT_MAX} ký tự, hãy viết ngắn hơn.`,
    markup: (n: number) => `Câu ${n}: không gửi mã HTML hoặc <script>, chỉ viết chữ thường.`,
  },
  en: {
    unknown: (k: string) => `This survey has no question "${k}".`,
    type: (n: number) => `Question ${n}: the answer has the wrong form.`,
    one: (n: number) => `Question ${n}: choose only one answer.`,
    option: (n: number) => `Question ${n}: choose one of the listed answers.`,
    required: (n: number) => `Please answer question ${n}.`,
    long: (n: number) => `Question ${n}: the answer is longer than ${TEXT_MAX} characters.`,
    markup: (n: number) => `Question ${n}: no HTML or <script>, plain text only.`,
  },
};

/**
 * Check raw answers (from the form or the JSON API) against the questions: unknown questions, wrong types, unknown
 * options, too long or marked-up text, and required questions the respondent reached. Free text is redacted.
 * Answers to skipped questions are dropped.
 */
export function parseAnswers(
  questions: Question[],
  raw: Record<string, unknown>,
  dyn: DynamicOptions,
  lang: Lang = 'vi',
): ParseResult {
  const m = MSG[lang];
  const errors: FieldError[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const k of Object.keys(raw)) {
    if (!byKey.has(k)) errors.push({ field: 'answers', message: m.unknown(k.slice(0, 40)) });
  }
  const valid = new Map<string, string[]>();
  const perQuestion = new Map<string, string>();
  questions.forEach((q, i) => {
    const n = i + 1;
    const v = raw[q.key];
    if (v === undefined || v === null) return;
    const list = Array.isArray(v) ? (v as unknown[]) : [v];
    if (!list.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)))) {
      perQuestion.set(q.key, m.type(n));
      return;
    }
    const values = [...new Set(list.map((x) => String(x).trim()).filter(Boolean))];
    if (!values.length) return;
    if (q.type === 'text') {
      if (values.length > 1) return perQuestion.set(q.key, m.type(n));
      const text = values[0]!;
      if ([...text].length > TEXT_MAX) return perQuestion.set(q.key, m.long(n));
      if (hasMarkup(text)) return perQuestion.set(q.key, m.markup(n));
      valid.set(q.key, [text]);
      return;
    }
    if (q.type !== 'multiple' && values.length > 1) return perQuestion.set(q.key, m.one(n));
    const allowed = new Set(optionsOf(q, dyn).map((o) => o.v));
    if (!values.every((x) => allowed.has(x))) return perQuestion.set(q.key, m.option(n));
    valid.set(q.key, values);
  });
  const visited = visitedKeys(questions, valid);
  const answers: ParsedAnswer[] = [];
  let audienceId: string | null = null;
  let communeUnitId: number | null = null;
  questions.forEach((q, i) => {
    if (!visited.has(q.key)) return;
    const err = perQuestion.get(q.key);
    if (err) return errors.push({ field: q.key, message: err });
    const values = valid.get(q.key);
    if (!values) {
      if (q.required) errors.push({ field: q.key, message: m.required(i + 1) });
      return;
    }
    const isScale = q.type === 'scale5' || q.type === 'scale10';
    const stored = q.type === 'text' ? [redactPersonalData(values[0]!)] : values;
    answers.push({ questionId: q.id, key: q.key, values: stored, num: isScale ? Number(values[0]) : null });
    if (q.type === 'audience' && audienceId === null) audienceId = values[0]!;
    if (q.type === 'commune' && communeUnitId === null) {
      communeUnitId = dyn.communes.find((c) => c.v === values[0])?.unitId ?? null;
    }
  });
  return { answers, errors, audienceId, communeUnitId };
}

/** Today in Vietnam (UTC+7) as YYYY-MM-DD. */
export function todayVn(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Start of a Vietnam-time month 'YYYY-MM' (plus `add` months) as a UTC ISO timestamp. */
export function monthStartUtc(month: string, add = 0): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`Expected YYYY-MM, got ${month}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + add, 1) - 7 * 3600_000).toISOString();
}

/** Start of a Vietnam-time day 'YYYY-MM-DD' (plus `add` days) as a UTC ISO timestamp. */
export function dayStartUtc(day: string, add = 0): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`Expected YYYY-MM-DD, got ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + add) - 7 * 3600_000).toISOString();
}

export type Availability = 'open' | 'draft' | 'closed' | 'not_started' | 'ended';

export function availability(s: Survey, today = todayVn()): Availability {
  if (s.status === 'draft') return 'draft';
  if (s.status === 'closed') return 'closed';
  if (s.startsOn && today < s.startsOn) return 'not_started';
  if (s.endsOn && today > s.endsOn) return 'ended';
  return 'open';
}

export const SOURCE_PATTERN = '^[a-z0-9][a-z0-9-]{0,59}$';
export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{1,79}$';

/** "Tờ rơi xã Ba Đình" -> "to-roi-xa-ba-dinh" */
export function slugify(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}
