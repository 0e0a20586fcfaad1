import type { Generated } from 'kysely';

export interface TopicsTable {
  id: string;
  title: string;
  audience: string;
  scope: string;
  sort: number;
}

export type GuideStatus = 'draft' | 'review' | 'published' | 'archived';

export interface GuideVersionsTable {
  id: Generated<number>;
  topic_id: string;
  version_no: number;
  status: GuideStatus;
  /** The guide's content as JSON (GuideContent). */
  content: string;
  author_id: number | null;
  reviewer_id: number | null;
  review_note: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
}

export interface GuidesTable {
  topic_id: string;
  published_version_id: number | null;
  views: Generated<number>;
  updated_at: string;
}

export interface GuideFeedbackTable {
  id: Generated<number>;
  topic_id: string;
  helpful: number;
  comment: string | null;
  created_at: string;
}

export interface GuideTables {
  topics: TopicsTable;
  guide_versions: GuideVersionsTable;
  guides: GuidesTable;
  guide_feedback: GuideFeedbackTable;
}
