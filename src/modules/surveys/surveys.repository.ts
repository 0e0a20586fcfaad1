// Kysely queries of the surveys module. Every function takes `db` (a Kysely instance or a transaction) first.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type {
  SurveyAnswersTable,
  SurveyPlacementsTable,
  SurveyQuestionsTable,
  SurveyResponsesTable,
  SurveysTable,
} from './surveys.table.js';

export type SurveyRow = Selectable<SurveysTable>;
export type QuestionRow = Selectable<SurveyQuestionsTable>;
export type PlacementRow = Selectable<SurveyPlacementsTable>;
export type NewResponse = Insertable<SurveyResponsesTable>;
export type NewAnswer = Insertable<SurveyAnswersTable>;

export async function findSurveyBySlug(db: DbOrTrx, slug: string): Promise<SurveyRow | undefined> {
  return db.selectFrom('surveys').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findSurvey(db: DbOrTrx, id: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSurveys(db: DbOrTrx): Promise<Array<SurveyRow & { responses: number }>> {
  const rows = await db
    .selectFrom('surveys')
    .leftJoin('survey_responses', 'survey_responses.survey_id', 'surveys.id')
    .selectAll('surveys')
    .select((eb) => eb.fn.count<number>('survey_responses.id').as('responses'))
    .groupBy('surveys.id')
    .orderBy('surveys.created_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, responses: Number(r.responses) }));
}

export async function insertSurvey(db: DbOrTrx, row: Insertable<SurveysTable>): Promise<number> {
  const r = await db.insertInto('surveys').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateSurvey(db: DbOrTrx, id: number, patch: Updateable<SurveysTable>): Promise<void> {
  await db.updateTable('surveys').set(patch).where('id', '=', id).execute();
}

export async function listQuestions(db: DbOrTrx, surveyId: number): Promise<QuestionRow[]> {
  return db
    .selectFrom('survey_questions')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function insertQuestion(db: DbOrTrx, row: Insertable<SurveyQuestionsTable>): Promise<number> {
  const r = await db.insertInto('survey_questions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateQuestion(db: DbOrTrx, id: number, patch: Updateable<SurveyQuestionsTable>): Promise<void> {
  await db.updateTable('survey_questions').set(patch).where('id', '=', id).execute();
}

export async function deleteQuestion(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('survey_questions').where('id', '=', id).execute();
}

export async function answerCountFor(db: DbOrTrx, questionId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listPlacements(
  db: DbOrTrx,
  surveyId: number,
): Promise<Array<PlacementRow & { unit_name: string | null; responses: number }>> {
  const rows = await db
    .selectFrom('survey_placements as p')
    .leftJoin('org_units as u', 'u.id', 'p.unit_id')
    .leftJoin('survey_responses as r', 'r.placement_id', 'p.id')
    .selectAll('p')
    .select(['u.full_name as unit_name', (eb) => eb.fn.count<number>('r.id').as('responses')])
    .where('p.survey_id', '=', surveyId)
    .groupBy(['p.id', 'u.full_name'])
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, responses: Number(r.responses) }));
}

export async function findPlacement(db: DbOrTrx, surveyId: number, source: string): Promise<PlacementRow | undefined> {
  return db
    .selectFrom('survey_placements')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('source', '=', source)
    .executeTakeFirst();
}

export async function findPlacementById(db: DbOrTrx, id: number): Promise<PlacementRow | undefined> {
  return db.selectFrom('survey_placements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlacement(db: DbOrTrx, row: Insertable<SurveyPlacementsTable>): Promise<number> {
  const r = await db.insertInto('survey_placements').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Remove a placement; responses keep their source tag but no longer point at it. */
export async function deletePlacement(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('survey_responses').set({ placement_id: null }).where('placement_id', '=', id).execute();
  await db.deleteFrom('survey_placements').where('id', '=', id).execute();
}

export async function countResponses(db: DbOrTrx, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findByIdempotencyKey(
  db: DbOrTrx,
  surveyId: number,
  key: string,
): Promise<{ id: number; request_hash: string | null } | undefined> {
  const r = await db
    .selectFrom('survey_responses')
    .select(['id', 'request_hash'])
    .where('survey_id', '=', surveyId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r ? { id: Number(r.id), request_hash: r.request_hash } : undefined;
}

export async function findByIdempotencyKeys(
  db: DbOrTrx,
  surveyId: number,
  keys: string[],
): Promise<Array<{ id: number; idempotency_key: string; request_hash: string | null }>> {
  const out: Array<{ id: number; idempotency_key: string; request_hash: string | null }> = [];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('survey_responses')
      .select(['id', 'idempotency_key', 'request_hash'])
      .where('survey_id', '=', surveyId)
      .where('idempotency_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.push({ id: Number(r.id), idempotency_key: r.idempotency_key!, request_hash: r.request_hash });
  }
  return out;
}

export async function insertResponse(db: DbOrTrx, row: NewResponse): Promise<number> {
  const r = await db.insertInto('survey_responses').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Many answers at once, in chunks that stay under SQLite's bound-parameter limit. */
export async function insertAnswers(db: DbOrTrx, rows: NewAnswer[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('survey_answers')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

// ---- Results --------------------------------------------------------------------------------------

export interface ResponseFilter {
  audienceId?: string;
  source?: string;
  /** Only responses attributed to these units (a unit officer's scope, or the unit chosen in the filter). */
  unitIds?: number[];
  /** Inclusive UTC ISO bounds. */
  fromIso?: string;
  toIsoExclusive?: string;
}

function filtered(db: DbOrTrx, surveyId: number, f: ResponseFilter) {
  let q = db.selectFrom('survey_responses as r').where('r.survey_id', '=', surveyId);
  if (f.audienceId) q = q.where('r.audience_id', '=', f.audienceId);
  if (f.source) q = q.where('r.source', '=', f.source);
  if (f.unitIds) q = f.unitIds.length ? q.where('r.unit_id', 'in', f.unitIds) : q.where('r.id', '<', 0);
  if (f.fromIso) q = q.where('r.submitted_at', '>=', f.fromIso);
  if (f.toIsoExclusive) q = q.where('r.submitted_at', '<', f.toIsoExclusive);
  return q;
}

export async function responseCount(db: DbOrTrx, surveyId: number, f: ResponseFilter): Promise<number> {
  const r = await filtered(db, surveyId, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Answers per question and value. */
export async function answerCounts(
  db: DbOrTrx,
  surveyId: number,
  f: ResponseFilter,
): Promise<Array<{ question_id: number; value: string; n: number }>> {
  const rows = await filtered(db, surveyId, f)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .where('q.type', '!=', 'text')
    .select(['a.question_id', 'a.value', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['a.question_id', 'a.value'])
    .execute();
  return rows.map((r) => ({ question_id: Number(r.question_id), value: r.value, n: Number(r.n) }));
}

/** How many respondents answered each question (a multiple-choice answer counts once). */
export async function respondentsPerQuestion(db: DbOrTrx, surveyId: number, f: ResponseFilter): Promise<Map<number, number>> {
  const rows = await filtered(db, surveyId, f)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .select(['a.question_id', (eb) => eb.fn.count<number>('a.response_id').distinct().as('n')])
    .groupBy('a.question_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.question_id), Number(r.n)]));
}

export type Dimension = 'audience_id' | 'source' | 'unit_id';

/** Responses per group of a dimension. */
export async function responsesBy(
  db: DbOrTrx,
  surveyId: number,
  f: ResponseFilter,
  dim: Dimension,
): Promise<Array<{ g: string | number | null; n: number }>> {
  const rows = await filtered(db, surveyId, f)
    .select([`r.${dim} as g`, (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(`r.${dim}`)
    .execute();
  return rows.map((r) => ({ g: r.g, n: Number(r.n) }));
}

/** Scale answers per group of a dimension (for satisfaction index and NPS by audience, source, unit). */
export async function scaleCountsBy(
  db: DbOrTrx,
  surveyId: number,
  f: ResponseFilter,
  dim: Dimension,
): Promise<Array<{ g: string | number | null; question_id: number; value: string; n: number }>> {
  const rows = await filtered(db, surveyId, f)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .where('q.type', 'in', ['scale5', 'scale10'])
    .select([`r.${dim} as g`, 'a.question_id', 'a.value', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([`r.${dim}`, 'a.question_id', 'a.value'])
    .execute();
  return rows.map((r) => ({ g: r.g, question_id: Number(r.question_id), value: r.value, n: Number(r.n) }));
}

export async function textAnswers(
  db: DbOrTrx,
  surveyId: number,
  f: ResponseFilter,
  limit: number,
): Promise<Array<{ question_id: number; value: string; submitted_at: string }>> {
  const rows = await filtered(db, surveyId, f)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .where('q.type', '=', 'text')
    .select(['a.question_id', 'a.value', 'r.submitted_at'])
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, question_id: Number(r.question_id) }));
}

export async function responsesForExport(db: DbOrTrx, surveyId: number, f: ResponseFilter) {
  const responses = await filtered(db, surveyId, f)
    .select(['r.id', 'r.submitted_at', 'r.lang', 'r.channel', 'r.source', 'r.audience_id', 'r.unit_id', 'r.contact'])
    .orderBy('r.id')
    .execute();
  const answers = await filtered(db, surveyId, f)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .select(['a.response_id', 'a.question_id', 'a.value'])
    .execute();
  return { responses, answers };
}

/** Satisfaction-scale answers of satisfaction surveys, for the KPI module. */
export async function satisfactionCounts(
  db: DbOrTrx,
  opts: { fromIso?: string; toIsoExclusive?: string; unitIds?: number[] },
): Promise<{ responses: number; answers: number; satisfied: number }> {
  let q = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .innerJoin('surveys as s', 's.id', 'r.survey_id')
    .where('s.is_satisfaction', '=', 1)
    .where('q.type', '=', 'scale5')
    .where('q.satisfaction', '=', 1);
  if (opts.fromIso) q = q.where('r.submitted_at', '>=', opts.fromIso);
  if (opts.toIsoExclusive) q = q.where('r.submitted_at', '<', opts.toIsoExclusive);
  if (opts.unitIds) q = opts.unitIds.length ? q.where('r.unit_id', 'in', opts.unitIds) : q.where('r.id', '<', 0);
  const row = await q
    .select((eb) => [
      eb.fn.count<number>('r.id').distinct().as('responses'),
      eb.fn.countAll<number>().as('answers'),
      eb.fn.sum<number>(eb.case().when('a.value', 'in', ['4', '5']).then(1).else(0).end()).as('satisfied'),
    ])
    .executeTakeFirstOrThrow();
  return { responses: Number(row.responses), answers: Number(row.answers), satisfied: Number(row.satisfied ?? 0) };
}
