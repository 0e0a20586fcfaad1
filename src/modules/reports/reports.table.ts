// Table row types of the reports module (filled in by its migration's author).
export type ReportsTables = Record<never, never>;
