// Table row types of the kpi module (filled in by its migration's author).
export type KpiTables = Record<never, never>;
