// Table row types of the campaign module (filled in by its migration's author).
export type CampaignTables = Record<never, never>;
