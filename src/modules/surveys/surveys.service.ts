// Rules of the surveys module: the builder, placements, submissions. Throws AppError; form problems are returned.
import crypto from 'node:crypto';
import { audit } from '../../platform/audit.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../database.js';
import type { Db, DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { FieldError, SignedInUser } from '../../platform/html/index.js';
import { listAudiences, listUnits } from '../org/index.js';
import {
  availability,
  CONTACT_MAX,
  hasMarkup,
  parseAnswers,
  plainScale5,
  QUESTION_TYPES,
  slugify,
  SOURCE_PATTERN,
  SLUG_PATTERN,
  todayVn,
  toQuestion,
  toSurvey,
  type ChoiceOption,
  type DynamicOptions,
  type Lang,
  type Question,
  type QuestionType,
  type SkipRule,
  type Survey,
} from './surveys.model.js';
import * as repo from './surveys.repository.js';
import { writerFor } from './surveys.writer.js';

const now = () => new Date().toISOString();

// ---- Reference options (audiences, the 126 communes), cached: they change only with the org data ------------

const dynCache = new WeakMap<Db, { at: number; value: DynamicOptions }>();
const DYN_TTL_MS = 5 * 60_000;

export async function dynamicOptions(db: Db): Promise<DynamicOptions> {
  const hit = dynCache.get(db);
  if (hit && Date.now() - hit.at < DYN_TTL_MS) return hit.value;
  const [audiences, communes] = await Promise.all([
    listAudiences(db),
    listUnits(db, { types: ['commune'], activeOn: todayVn() }),
  ]);
  const value: DynamicOptions = {
    audiences: audiences.map((a) => ({ v: a.id, vi: a.name, en: AUDIENCE_EN[a.id] ?? null })),
    communes: communes
      .filter((c) => c.code)
      .map((c) => ({ v: c.code!, vi: c.full_name, en: null, unitId: Number(c.id) }))
      .sort((a, b) => a.vi.localeCompare(b.vi, 'vi')),
  };
  dynCache.set(db, { at: Date.now(), value });
  return value;
}

const AUDIENCE_EN: Record<string, string> = {
  'nguoi-dan': 'Resident',
  'doanh-nghiep': 'Business',
  'can-bo': 'Civil servant',
  'nguoi-cao-tuoi': 'Older person, rarely uses technology',
  'nong-thon': 'Rural resident',
  'do-thi': 'Urban resident',
  'hoc-sinh-sinh-vien': 'Pupil or student',
};

// ---- Survey definitions used by submissions, cached for a moment (every builder change clears the cache) -----

interface CachedSurvey extends LoadedSurvey {
  placements: Map<string, repo.PlacementRow>;
}
const defCache = new WeakMap<Db, Map<string, { at: number; value: CachedSurvey | undefined }>>();
/** Other processes' builder changes are seen after at most this long. */
const DEF_TTL_MS = 2000;

async function surveyForSubmit(db: Db, slug: string): Promise<CachedSurvey | undefined> {
  let cache = defCache.get(db);
  if (!cache) defCache.set(db, (cache = new Map()));
  const hit = cache.get(slug);
  if (hit && Date.now() - hit.at < DEF_TTL_MS) return hit.value;
  const loaded = await loadBySlug(db, slug);
  const value = loaded
    ? { ...loaded, placements: new Map((await repo.listPlacements(db, loaded.survey.id)).map((p) => [p.source, p])) }
    : undefined;
  if (cache.size > 1000) cache.clear();
  cache.set(slug, { at: Date.now(), value });
  return value;
}

export function invalidateSurveys(db: Db): void {
  defCache.get(db)?.clear();
}

/** A builder change: one transaction, then the cached definitions are dropped. */
async function change<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(fn);
  } finally {
    invalidateSurveys(db);
  }
}

// ---- Reading ------------------------------------------------------------------------------------------------

export interface LoadedSurvey {
  survey: Survey;
  questions: Question[];
}

export async function loadBySlug(db: DbOrTrx, slug: string): Promise<LoadedSurvey | undefined> {
  const row = await repo.findSurveyBySlug(db, slug);
  if (!row) return undefined;
  const questions = (await repo.listQuestions(db, Number(row.id))).map(toQuestion);
  return { survey: toSurvey(row), questions };
}

export async function loadById(db: DbOrTrx, id: number): Promise<LoadedSurvey> {
  const row = await repo.findSurvey(db, id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
  const questions = (await repo.listQuestions(db, id)).map(toQuestion);
  return { survey: toSurvey(row), questions };
}

// ---- Submissions --------------------------------------------------------------------------------------------

export interface SubmitInput {
  slug: string;
  answers: Record<string, unknown>;
  lang: Lang;
  source?: string | null;
  contact?: string | null;
  consent?: boolean;
  channel: 'web' | 'api';
  /** Idempotency-Key header (API) or the form's one-time token (web). */
  idempotencyKey?: string | null;
}

export type SubmitResult =
  | { ok: true; id: number; replayed: boolean; survey: Survey }
  | { ok: false; errors: FieldError[]; survey: Survey; questions: Question[] };

const CLOSED_MESSAGES: Record<string, { vi: string; en: string }> = {
  draft: { vi: 'Khảo sát này chưa mở.', en: 'This survey is not open yet.' },
  not_started: { vi: 'Khảo sát này chưa bắt đầu.', en: 'This survey has not started yet.' },
  closed: { vi: 'Khảo sát này đã đóng. Cảm ơn bạn đã quan tâm.', en: 'This survey is closed. Thank you.' },
  ended: { vi: 'Khảo sát này đã kết thúc. Cảm ơn bạn đã quan tâm.', en: 'This survey has ended. Thank you.' },
};

export function closedMessage(kind: string, lang: Lang): string {
  return CLOSED_MESSAGES[kind]?.[lang] ?? CLOSED_MESSAGES.closed![lang];
}

function requestHash(input: SubmitInput): string {
  const canonical = JSON.stringify({
    a: Object.keys(input.answers)
      .sort()
      .map((k) => [k, input.answers[k]]),
    l: input.lang,
    s: input.source ?? null,
    c: input.contact ?? null,
    k: Boolean(input.consent),
  });
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/**
 * Check and store one response. Resolves only after the transaction holding it has committed (group commit, see
 * surveys.writer.ts). A retry with the same idempotency key returns the first response's id and stores nothing.
 */
export async function submitResponse(db: Db, input: SubmitInput): Promise<SubmitResult> {
  const loaded = await surveyForSubmit(db, input.slug);
  if (!loaded) throw new AppError('not_found', 'Không tìm thấy khảo sát này.');
  const { survey, questions } = loaded;
  const key = input.idempotencyKey || null;
  const hash = requestHash(input);
  const state = availability(survey);
  if (state !== 'open') {
    // A retry of a response stored before the survey closed is still answered as a success.
    const earlier = key ? await repo.findByIdempotencyKey(db, survey.id, key) : undefined;
    if (earlier) return replayOf(earlier.id, earlier.request_hash === hash, survey);
    throw new AppError('conflict', closedMessage(state, input.lang));
  }

  const dyn = await dynamicOptions(db);
  const parsed = parseAnswers(questions, input.answers, dyn, input.lang);
  const errors = [...parsed.errors];
  const contact = (input.contact ?? '').trim();
  if (contact) {
    if (!survey.contactEnabled) {
      errors.push({ field: 'lien-he', message: 'Khảo sát này không nhận thông tin liên hệ.' });
    } else if (!input.consent) {
      errors.push({
        field: 'lien-he',
        message:
          input.lang === 'en'
            ? 'Tick the consent box to leave your contact, or leave the contact field empty.'
            : 'Hãy đánh dấu ô đồng ý nếu muốn để lại liên hệ, hoặc để trống ô liên hệ.',
      });
    } else if ([...contact].length > CONTACT_MAX || hasMarkup(contact)) {
      errors.push({
        field: 'lien-he',
        message:
          input.lang === 'en' ? 'The contact is too long or not plain text.' : 'Thông tin liên hệ quá dài hoặc không hợp lệ.',
      });
    }
  }
  if (errors.length) return { ok: false, errors, survey, questions };

  const source = input.source && new RegExp(SOURCE_PATTERN).test(input.source) ? input.source : null;
  const placement = source ? loaded.placements.get(source) : undefined;
  const audienceId = parsed.audienceId ?? (survey.audiences.length === 1 ? survey.audiences[0]! : null);
  const outcome = await writerFor(db).write({
    response: {
      survey_id: survey.id,
      submitted_at: now(),
      lang: input.lang,
      channel: input.channel,
      source,
      placement_id: placement ? Number(placement.id) : null,
      audience_id: audienceId,
      unit_id: parsed.communeUnitId ?? placement?.unit_id ?? null,
      contact: contact || null,
      idempotency_key: key,
      request_hash: key ? hash : null,
    },
    answers: parsed.answers.flatMap((a) => a.values.map((value) => ({ question_id: a.questionId, value, num: a.num }))),
  });
  if (outcome.replayed) return replayOf(outcome.id, outcome.sameRequest, survey);
  return { ok: true, id: outcome.id, replayed: false, survey };
}

function replayOf(id: number, same: boolean, survey: Survey): SubmitResult {
  if (!same) {
    throw new AppError('conflict', 'Mã Idempotency-Key này đã được dùng cho một câu trả lời khác. Hãy dùng mã mới.');
  }
  return { ok: true, id, replayed: true, survey };
}

// ---- Builder: surveys ---------------------------------------------------------------------------------------

export interface SurveyForm {
  slug: string;
  title_vi: string;
  title_en: string;
  intro_vi: string;
  intro_en: string;
  starts_on: string;
  ends_on: string;
  audiences: string[];
  is_satisfaction: boolean;
  contact_enabled: boolean;
}

export function surveyFormFrom(body: Record<string, unknown>): SurveyForm {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const list = (k: string) => {
    const v = body[k];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  };
  return {
    slug: s('slug'),
    title_vi: s('title_vi'),
    title_en: s('title_en'),
    intro_vi: s('intro_vi'),
    intro_en: s('intro_en'),
    starts_on: s('starts_on'),
    ends_on: s('ends_on'),
    audiences: list('audiences'),
    is_satisfaction: body.is_satisfaction === '1',
    contact_enabled: body.contact_enabled === '1',
  };
}

export function surveyFormOf(s: Survey): SurveyForm {
  return {
    slug: s.slug,
    title_vi: s.title.vi,
    title_en: s.title.en ?? '',
    intro_vi: s.intro.vi,
    intro_en: s.intro.en ?? '',
    starts_on: s.startsOn ?? '',
    ends_on: s.endsOn ?? '',
    audiences: s.audiences,
    is_satisfaction: s.isSatisfaction,
    contact_enabled: s.contactEnabled,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function checkSurveyForm(db: DbOrTrx, f: SurveyForm, selfId: number | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!f.title_vi) errors.push({ field: 'title_vi', message: 'Nhập tên khảo sát bằng tiếng Việt.' });
  else if (f.title_vi.length > 200) errors.push({ field: 'title_vi', message: 'Tên khảo sát tối đa 200 ký tự.' });
  if (f.title_en.length > 200) errors.push({ field: 'title_en', message: 'Tên tiếng Anh tối đa 200 ký tự.' });
  if (f.intro_vi.length > 2000) errors.push({ field: 'intro_vi', message: 'Lời giới thiệu tối đa 2.000 ký tự.' });
  if (f.intro_en.length > 2000) errors.push({ field: 'intro_en', message: 'Lời giới thiệu tối đa 2.000 ký tự.' });
  if (f.intro_en && !f.title_en)
    errors.push({ field: 'title_en', message: 'Có lời giới thiệu tiếng Anh thì cần tên tiếng Anh.' });
  if (!new RegExp(SLUG_PATTERN).test(f.slug)) {
    errors.push({ field: 'slug', message: 'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang (2-80 ký tự).' });
  } else {
    const other = await repo.findSurveyBySlug(db, f.slug);
    if (other && Number(other.id) !== selfId) errors.push({ field: 'slug', message: 'Đường dẫn này đã có khảo sát khác dùng.' });
  }
  for (const k of ['starts_on', 'ends_on'] as const) {
    if (f[k] && (!DATE.test(f[k]) || Number.isNaN(Date.parse(f[k])))) {
      errors.push({ field: k, message: 'Ngày không hợp lệ (dạng năm-tháng-ngày).' });
    }
  }
  if (f.starts_on && f.ends_on && DATE.test(f.starts_on) && DATE.test(f.ends_on) && f.ends_on < f.starts_on) {
    errors.push({ field: 'ends_on', message: 'Ngày kết thúc phải sau ngày bắt đầu.' });
  }
  const known = new Set((await listAudiences(db)).map((a) => a.id));
  if (f.audiences.some((a) => !known.has(a))) errors.push({ field: 'audiences', message: 'Đối tượng không hợp lệ.' });
  return errors;
}

function surveyColumns(f: SurveyForm) {
  return {
    slug: f.slug,
    title_vi: f.title_vi,
    title_en: f.title_en || null,
    intro_vi: f.intro_vi,
    intro_en: f.intro_en || null,
    starts_on: f.starts_on || null,
    ends_on: f.ends_on || null,
    audiences: JSON.stringify(f.audiences),
    has_en: f.title_en ? 1 : 0,
    is_satisfaction: f.is_satisfaction ? 1 : 0,
    contact_enabled: f.contact_enabled ? 1 : 0,
    updated_at: now(),
  };
}

export async function createSurvey(
  db: Db,
  user: SignedInUser,
  f: SurveyForm,
): Promise<{ id: number } | { errors: FieldError[] }> {
  if (!f.slug && f.title_vi) f = { ...f, slug: slugify(f.title_vi) };
  const errors = await checkSurveyForm(db, f, null);
  if (errors.length) return { errors };
  const id = await change(db, async (trx) => {
    const id = await repo.insertSurvey(trx, {
      ...surveyColumns(f),
      status: 'draft',
      created_by: user.id,
      created_at: now(),
    });
    await audit(trx, {
      actorId: user.id,
      action: 'survey.create',
      entity: 'survey',
      entityId: id,
      summary: `Tạo khảo sát "${f.title_vi}"`,
    });
    return id;
  });
  return { id };
}

export async function updateSurvey(db: Db, user: SignedInUser, id: number, f: SurveyForm): Promise<FieldError[]> {
  const { survey } = await loadById(db, id);
  const errors = await checkSurveyForm(db, f, id);
  if (f.slug !== survey.slug && (await repo.countResponses(db, id)) > 0) {
    errors.push({ field: 'slug', message: 'Khảo sát đã có câu trả lời: không đổi đường dẫn (mã QR đã in sẽ hỏng).' });
  }
  if (errors.length) return errors;
  await change(db, async (trx) => {
    await repo.updateSurvey(trx, id, surveyColumns(f));
    await audit(trx, {
      actorId: user.id,
      action: 'survey.edit',
      entity: 'survey',
      entityId: id,
      summary: 'Sửa thông tin khảo sát',
    });
  });
  return [];
}

export async function setStatus(db: Db, user: SignedInUser, id: number, status: Survey['status']): Promise<void> {
  const { questions } = await loadById(db, id);
  if (status === 'open' && questions.length === 0) {
    throw new AppError('conflict', 'Hãy thêm ít nhất một câu hỏi trước khi mở khảo sát.');
  }
  const labels = { draft: 'Chuyển về bản nháp', open: 'Mở khảo sát', closed: 'Đóng khảo sát' };
  await change(db, async (trx) => {
    await repo.updateSurvey(trx, id, { status, updated_at: now() });
    await audit(trx, { actorId: user.id, action: `survey.${status}`, entity: 'survey', entityId: id, summary: labels[status] });
  });
}

export async function setResultsPublic(db: Db, user: SignedInUser, id: number, pub: boolean): Promise<void> {
  await loadById(db, id);
  await change(db, async (trx) => {
    await repo.updateSurvey(trx, id, {
      results_public: pub ? 1 : 0,
      results_published_at: pub ? now() : null,
      updated_at: now(),
    });
    await audit(trx, {
      actorId: user.id,
      action: pub ? 'survey.results.publish' : 'survey.results.unpublish',
      entity: 'survey',
      entityId: id,
      summary: pub ? 'Công bố kết quả khảo sát' : 'Thôi công bố kết quả khảo sát',
    });
  });
}

// ---- Builder: questions -------------------------------------------------------------------------------------

export interface QuestionForm {
  type: string;
  text_vi: string;
  text_en: string;
  help_vi: string;
  help_en: string;
  required: boolean;
  satisfaction: boolean;
  /** One option per line: "Tiếng Việt | English". */
  options: string;
  next: string;
  /** Option value -> goto ('' = no rule). */
  rules: Record<string, string>;
}

export function questionFormFrom(body: Record<string, unknown>): QuestionForm {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const rules: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^rule_(.{1,20})$/.exec(k);
    if (m && typeof v === 'string' && v) rules[m[1]!] = v;
  }
  return {
    type: s('type'),
    text_vi: s('text_vi'),
    text_en: s('text_en'),
    help_vi: s('help_vi'),
    help_en: s('help_en'),
    required: body.required === '1',
    satisfaction: body.satisfaction === '1',
    options: typeof body.options === 'string' ? body.options : '',
    next: s('next'),
    rules,
  };
}

export function questionFormOf(q: Question): QuestionForm {
  const editable = q.type === 'single' || q.type === 'multiple' || (q.type === 'scale5' && !q.satisfaction);
  return {
    type: q.type,
    text_vi: q.text.vi,
    text_en: q.text.en ?? '',
    help_vi: q.help.vi,
    help_en: q.help.en ?? '',
    required: q.required,
    satisfaction: q.satisfaction,
    options: editable ? q.options.map((o) => (o.en ? `${o.vi} | ${o.en}` : o.vi)).join('\n') : '',
    next: q.next ?? '',
    rules: Object.fromEntries(q.rules.map((r) => [r.v, r.goto])),
  };
}

function parseOptionLines(text: string): ChoiceOption[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const [vi, en] = l.split('|').map((x) => x.trim());
      return { v: String(i + 1), vi: vi ?? '', en: en || null };
    });
}

interface CheckedQuestion {
  type: QuestionType;
  options: ChoiceOption[];
  rules: SkipRule[];
  next: string | null;
}

function checkQuestionForm(
  f: QuestionForm,
  others: Question[],
  position: number,
  dyn: DynamicOptions,
): { errors: FieldError[]; value?: CheckedQuestion } {
  const errors: FieldError[] = [];
  if (!(QUESTION_TYPES as readonly string[]).includes(f.type)) errors.push({ field: 'type', message: 'Chọn loại câu hỏi.' });
  if (!f.text_vi) errors.push({ field: 'text_vi', message: 'Nhập câu hỏi bằng tiếng Việt.' });
  for (const k of ['text_vi', 'text_en', 'help_vi', 'help_en'] as const) {
    if (f[k].length > 500) errors.push({ field: k, message: 'Tối đa 500 ký tự.' });
  }
  const type = f.type as QuestionType;
  let options: ChoiceOption[] = [];
  if (type === 'single' || type === 'multiple') {
    options = parseOptionLines(f.options);
    if (options.length < 2) errors.push({ field: 'options', message: 'Nhập ít nhất hai đáp án, mỗi dòng một đáp án.' });
    if (options.length > 30) errors.push({ field: 'options', message: 'Tối đa 30 đáp án.' });
    if (options.some((o) => !o.vi || o.vi.length > 200)) {
      errors.push({ field: 'options', message: 'Mỗi đáp án cần chữ tiếng Việt, tối đa 200 ký tự.' });
    }
  } else if (type === 'scale5' && !f.satisfaction) {
    const lines = parseOptionLines(f.options);
    if (lines.length && lines.length !== 5) {
      errors.push({ field: 'options', message: 'Thang 1-5: nhập đúng 5 nhãn (mỗi dòng một nhãn) hoặc để trống.' });
    }
    options = plainScale5(lines.length === 5 ? lines : undefined);
  }
  // Rules: forward only, to a later question or the end.
  const later = new Set(others.filter((o) => o.position > position).map((o) => o.key));
  const okTarget = (g: string) => g === 'end' || later.has(g);
  const next = f.next || null;
  if (next && !okTarget(next)) errors.push({ field: 'next', message: 'Chỉ chuyển được đến một câu phía sau, hoặc kết thúc.' });
  const probe: Question = {
    id: 0,
    key: '',
    position,
    type,
    text: { vi: '', en: null },
    help: { vi: '', en: null },
    required: false,
    options,
    rules: [],
    next: null,
    satisfaction: f.satisfaction,
  };
  const values = new Set(type === 'text' || type === 'commune' ? [] : optionsOfSafe(probe, dyn));
  const rules: SkipRule[] = [];
  for (const [v, g] of Object.entries(f.rules)) {
    if (!values.has(v)) continue; // a rule for an option that no longer exists is dropped
    if (!okTarget(g)) {
      errors.push({ field: 'next', message: 'Quy tắc chuyển câu chỉ trỏ được đến một câu phía sau, hoặc kết thúc.' });
      break;
    }
    rules.push({ v, goto: g });
  }
  if (errors.length) return { errors };
  return { errors, value: { type, options, rules, next } };
}

function optionsOfSafe(q: Question, dyn: DynamicOptions): string[] {
  if (q.type === 'scale5') return ['1', '2', '3', '4', '5'];
  if (q.type === 'scale10') return Array.from({ length: 11 }, (_, i) => String(i));
  if (q.type === 'audience') return dyn.audiences.map((a) => a.v);
  return q.options.map((o) => o.v);
}

export async function addQuestion(
  db: Db,
  user: SignedInUser,
  surveyId: number,
  f: QuestionForm,
): Promise<{ id: number } | { errors: FieldError[] }> {
  const { questions } = await loadById(db, surveyId);
  const position = (questions.at(-1)?.position ?? 0) + 1;
  const checked = checkQuestionForm(f, questions, position, await dynamicOptions(db));
  if (!checked.value) return { errors: checked.errors };
  const v = checked.value;
  const maxKey = Math.max(0, ...questions.map((q) => Number(q.key.slice(1)) || 0));
  const id = await change(db, async (trx) => {
    const id = await repo.insertQuestion(trx, {
      survey_id: surveyId,
      position,
      qkey: `q${maxKey + 1}`,
      type: v.type,
      text_vi: f.text_vi,
      text_en: f.text_en || null,
      help_vi: f.help_vi || null,
      help_en: f.help_en || null,
      required: f.required ? 1 : 0,
      options: JSON.stringify(v.options),
      rules: JSON.stringify(v.rules),
      next_goto: v.next,
      satisfaction: v.type === 'scale5' && f.satisfaction ? 1 : 0,
      created_at: now(),
    });
    await repo.updateSurvey(trx, surveyId, { updated_at: now() });
    await audit(trx, {
      actorId: user.id,
      action: 'survey.question.add',
      entity: 'survey',
      entityId: surveyId,
      summary: `Thêm câu hỏi "${f.text_vi.slice(0, 80)}"`,
    });
    return id;
  });
  return { id };
}

export async function updateQuestion(
  db: Db,
  user: SignedInUser,
  surveyId: number,
  questionId: number,
  f: QuestionForm,
): Promise<FieldError[]> {
  const { questions } = await loadById(db, surveyId);
  const q = questions.find((x) => x.id === questionId);
  if (!q) throw new AppError('not_found', 'Không tìm thấy câu hỏi này.');
  const checked = checkQuestionForm(f, questions, q.position, await dynamicOptions(db));
  if (!checked.value) return checked.errors;
  const v = checked.value;
  if ((await repo.answerCountFor(db, questionId)) > 0) {
    if (v.type !== q.type || (v.type === 'scale5' && f.satisfaction !== q.satisfaction)) {
      return [{ field: 'type', message: 'Câu hỏi đã có câu trả lời: không đổi được loại câu hỏi.' }];
    }
    if (v.options.length < q.options.length) {
      return [{ field: 'options', message: 'Câu hỏi đã có câu trả lời: chỉ sửa chữ hoặc thêm đáp án, không xóa đáp án.' }];
    }
  }
  await change(db, async (trx) => {
    await repo.updateQuestion(trx, questionId, {
      type: v.type,
      text_vi: f.text_vi,
      text_en: f.text_en || null,
      help_vi: f.help_vi || null,
      help_en: f.help_en || null,
      required: f.required ? 1 : 0,
      options: JSON.stringify(v.options),
      rules: JSON.stringify(v.rules),
      next_goto: v.next,
      satisfaction: v.type === 'scale5' && f.satisfaction ? 1 : 0,
    });
    await repo.updateSurvey(trx, surveyId, { updated_at: now() });
    await audit(trx, {
      actorId: user.id,
      action: 'survey.question.edit',
      entity: 'survey',
      entityId: surveyId,
      summary: `Sửa câu hỏi ${q.key}`,
    });
  });
  return [];
}

/** Rules and `next` that no longer point forward (after a move or a deletion) are removed. */
async function cleanRules(trx: DbOrTrx, surveyId: number): Promise<number> {
  const questions = (await repo.listQuestions(trx, surveyId)).map(toQuestion);
  let removed = 0;
  for (const [i, q] of questions.entries()) {
    const later = new Set(questions.slice(i + 1).map((x) => x.key));
    const ok = (g: string) => g === 'end' || later.has(g);
    const rules = q.rules.filter((r) => ok(r.goto));
    const next = q.next && ok(q.next) ? q.next : null;
    if (rules.length !== q.rules.length || next !== q.next) {
      removed += q.rules.length - rules.length + (next !== q.next ? 1 : 0);
      await repo.updateQuestion(trx, q.id, { rules: JSON.stringify(rules), next_goto: next });
    }
  }
  return removed;
}

export async function moveQuestion(
  db: Db,
  user: SignedInUser,
  surveyId: number,
  questionId: number,
  dir: 'up' | 'down',
): Promise<number> {
  const { questions } = await loadById(db, surveyId);
  const i = questions.findIndex((q) => q.id === questionId);
  if (i < 0) throw new AppError('not_found', 'Không tìm thấy câu hỏi này.');
  const j = dir === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= questions.length) return 0;
  return change(db, async (trx) => {
    const order = [...questions];
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, q] of order.entries()) await repo.updateQuestion(trx, q.id, { position: k + 1 });
    const removed = await cleanRules(trx, surveyId);
    await audit(trx, {
      actorId: user.id,
      action: 'survey.question.move',
      entity: 'survey',
      entityId: surveyId,
      summary: `Đổi thứ tự câu hỏi ${questions[i]!.key}`,
    });
    return removed;
  });
}

export async function deleteQuestion(db: Db, user: SignedInUser, surveyId: number, questionId: number): Promise<void> {
  const { questions } = await loadById(db, surveyId);
  const q = questions.find((x) => x.id === questionId);
  if (!q) throw new AppError('not_found', 'Không tìm thấy câu hỏi này.');
  if ((await repo.answerCountFor(db, questionId)) > 0) {
    throw new AppError('conflict', 'Câu hỏi đã có câu trả lời nên không xóa được. Bạn có thể đóng khảo sát và tạo khảo sát mới.');
  }
  await change(db, async (trx) => {
    // Rules that jumped to the deleted question now jump to the question after it.
    const idx = questions.indexOf(q);
    const after = questions[idx + 1]?.key ?? 'end';
    for (const o of questions) {
      if (o.id === q.id) continue;
      const rules = o.rules.map((r) => (r.goto === q.key ? { ...r, goto: after } : r));
      const next = o.next === q.key ? after : o.next;
      if (JSON.stringify(rules) !== JSON.stringify(o.rules) || next !== o.next) {
        await repo.updateQuestion(trx, o.id, { rules: JSON.stringify(rules), next_goto: next });
      }
    }
    await repo.deleteQuestion(trx, q.id);
    await cleanRules(trx, surveyId);
    await audit(trx, {
      actorId: user.id,
      action: 'survey.question.delete',
      entity: 'survey',
      entityId: surveyId,
      summary: `Xóa câu hỏi "${q.text.vi.slice(0, 80)}"`,
    });
  });
}

// ---- Placements ---------------------------------------------------------------------------------------------

export interface PlacementForm {
  name: string;
  source: string;
  unit: string;
}

export async function addPlacement(
  db: Db,
  user: SignedInUser,
  surveyId: number,
  f: PlacementForm,
): Promise<{ id: number } | { errors: FieldError[] }> {
  await loadById(db, surveyId);
  const errors: FieldError[] = [];
  const source = f.source || slugify(f.name);
  if (!f.name || f.name.length > 120) errors.push({ field: 'name', message: 'Nhập tên điểm phát (tối đa 120 ký tự).' });
  if (!new RegExp(SOURCE_PATTERN).test(source)) {
    errors.push({ field: 'source', message: 'Mã nguồn chỉ gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 60).' });
  } else if (await repo.findPlacement(db, surveyId, source)) {
    errors.push({ field: 'source', message: 'Mã nguồn này đã có trong khảo sát.' });
  }
  let unitId: number | null = null;
  if (f.unit) {
    const unit = (await dynamicOptions(db)).communes.find((c) => c.v === f.unit);
    if (!unit) errors.push({ field: 'unit', message: 'Chọn một xã, phường trong danh sách.' });
    else unitId = unit.unitId;
  }
  if (errors.length) return { errors };
  const id = await change(db, async (trx) => {
    const id = await repo.insertPlacement(trx, {
      survey_id: surveyId,
      name: f.name,
      source,
      unit_id: unitId,
      created_by: user.id,
      created_at: now(),
    });
    await audit(trx, {
      actorId: user.id,
      action: 'survey.placement.add',
      entity: 'survey',
      entityId: surveyId,
      summary: `Thêm điểm phát "${f.name}" (nguồn ${source})`,
    });
    return id;
  });
  return { id };
}

export async function removePlacement(db: Db, user: SignedInUser, surveyId: number, placementId: number): Promise<void> {
  const p = await repo.findPlacementById(db, placementId);
  if (!p || Number(p.survey_id) !== surveyId) throw new AppError('not_found', 'Không tìm thấy điểm phát này.');
  await change(db, async (trx) => {
    await repo.deletePlacement(trx, placementId);
    await audit(trx, {
      actorId: user.id,
      action: 'survey.placement.delete',
      entity: 'survey',
      entityId: surveyId,
      summary: `Xóa điểm phát "${p.name}"`,
    });
  });
}
