import type { Generated } from 'kysely';

/** A yearly communication plan; a new year's plan is created by copying the previous one. */
export interface CampaignPlansTable {
  id: Generated<number>;
  year: number;
  title: string;
  main_message: string;
  /** JSON array of strings: the general goals. */
  goals: string;
  copied_from: number | null;
  created_at: string;
  updated_at: string;
}

export type TargetUnit = '%' | 'count';
/** Where a target's figure comes from (see docs/campaign.md). */
export type TargetSource = 'reports_sum' | 'reports_share' | 'kpi' | 'campaign' | 'feedback' | 'surveys' | 'manual';

export interface CampaignTargetsTable {
  id: Generated<number>;
  plan_id: number;
  sort: number;
  text: string;
  metric_key: string;
  target_value: number;
  unit: TargetUnit;
  source: TargetSource;
  /** A report field key, a KPI indicator or another module's figure, depending on source. */
  source_key: string;
  /** How it is measured, in words. */
  measure: string;
}

export interface CampaignPhasesTable {
  id: Generated<number>;
  plan_id: number;
  no: number;
  name: string;
  start_date: string;
  end_date: string;
  goals: string;
  units: string;
}

export interface CampaignMessagesTable {
  id: Generated<number>;
  plan_id: number;
  /** null: the main message; otherwise an audience id (org module's audiences). */
  audience_id: string | null;
  text: string;
  emphasis: string;
  sort: number;
}

export interface CampaignChannelsTable {
  key: string;
  name: string;
  grp: 'press' | 'portal' | 'social' | 'app' | 'direct' | 'print';
  sort: number;
  active: Generated<number>;
}

export interface CampaignDutiesTable {
  id: Generated<number>;
  plan_id: number;
  sort: number;
  label: string;
  unit_type: string | null;
  unit_code: string | null;
  /** JSON array of strings. */
  duties: string;
}

export type ActivityStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

export interface CampaignActivitiesTable {
  id: Generated<number>;
  plan_id: number;
  phase_id: number | null;
  title: string;
  description: string;
  lead_unit_id: number;
  /** JSON array of channel keys. */
  channels: string;
  /** JSON array of audience ids. */
  audiences: string;
  due_date: string | null;
  status: ActivityStatus;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignActivityUnitsTable {
  activity_id: number;
  unit_id: number;
}

export interface CampaignEvidenceTable {
  id: Generated<number>;
  activity_id: number;
  kind: 'link' | 'file';
  url: string | null;
  file_name: string | null;
  stored_name: string | null;
  mime: string | null;
  size: number | null;
  note: string;
  created_by: number | null;
  created_at: string;
}

export type ContentStatus = 'draft' | 'review' | 'approved' | 'published';

export interface CampaignContentTable {
  id: Generated<number>;
  plan_id: number;
  title: string;
  type: string;
  /** JSON array of audience ids. */
  audiences: string;
  message_id: number | null;
  body: string;
  owner_unit_id: number;
  activity_id: number | null;
  planned_date: string | null;
  status: ContentStatus;
  author_id: number | null;
  approver_id: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  approved_at: string | null;
  published_at: string | null;
}

export interface CampaignContentVariantsTable {
  content_id: number;
  channel: string;
  text: string;
}

export interface CampaignContentCommentsTable {
  id: Generated<number>;
  content_id: number;
  author_id: number | null;
  kind: 'comment' | 'submit' | 'approve' | 'return' | 'publish';
  body: string;
  created_at: string;
}

export interface CampaignPublicationsTable {
  id: Generated<number>;
  content_id: number;
  channel: string;
  url: string;
  /** ISO date. */
  published_on: string;
  views: Generated<number>;
  likes: Generated<number>;
  shares: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignTables {
  campaign_plans: CampaignPlansTable;
  campaign_targets: CampaignTargetsTable;
  campaign_phases: CampaignPhasesTable;
  campaign_messages: CampaignMessagesTable;
  campaign_channels: CampaignChannelsTable;
  campaign_duties: CampaignDutiesTable;
  campaign_activities: CampaignActivitiesTable;
  campaign_activity_units: CampaignActivityUnitsTable;
  campaign_evidence: CampaignEvidenceTable;
  campaign_content: CampaignContentTable;
  campaign_content_variants: CampaignContentVariantsTable;
  campaign_content_comments: CampaignContentCommentsTable;
  campaign_publications: CampaignPublicationsTable;
}
