// Table row types of the surveys module (filled in by its migration's author).
export type SurveysTables = Record<never, never>;
