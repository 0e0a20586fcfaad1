import type { Generated } from 'kysely';

export interface SurveysTable {
  id: Generated<number>;
  slug: string;
  title_vi: string;
  title_en: string | null;
  intro_vi: string;
  intro_en: string | null;
  status: 'draft' | 'open' | 'closed';
  /** ISO date (YYYY-MM-DD), inclusive, Vietnam time; null = no limit. */
  starts_on: string | null;
  ends_on: string | null;
  /** JSON array of audience ids. */
  audiences: string;
  has_en: Generated<number>;
  is_satisfaction: Generated<number>;
  contact_enabled: Generated<number>;
  results_public: Generated<number>;
  results_published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyQuestionsTable {
  id: Generated<number>;
  survey_id: number;
  position: number;
  qkey: string;
  type: string;
  text_vi: string;
  text_en: string | null;
  help_vi: string | null;
  help_en: string | null;
  required: Generated<number>;
  /** JSON [{ v, vi, en? }] */
  options: string;
  /** JSON [{ v, goto }] */
  rules: string;
  next_goto: string | null;
  satisfaction: Generated<number>;
  created_at: string;
}

export interface SurveyPlacementsTable {
  id: Generated<number>;
  survey_id: number;
  name: string;
  source: string;
  unit_id: number | null;
  created_by: number | null;
  created_at: string;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  submitted_at: string;
  lang: string;
  channel: 'web' | 'api';
  source: string | null;
  placement_id: number | null;
  audience_id: string | null;
  unit_id: number | null;
  contact: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
}

export interface SurveyAnswersTable {
  response_id: number;
  question_id: number;
  value: string;
  num: number | null;
}

export interface SurveysTables {
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_placements: SurveyPlacementsTable;
  survey_answers: SurveyAnswersTable;
  survey_responses: SurveyResponsesTable;
}
