// Table row types of the assistant module (filled in by its migration's author).
export type AssistantTables = Record<never, never>;
