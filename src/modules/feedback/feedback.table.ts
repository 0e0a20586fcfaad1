// Table row types of the feedback module (filled in by its migration's author).
export type FeedbackTables = Record<never, never>;
