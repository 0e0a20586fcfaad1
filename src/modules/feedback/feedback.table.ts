// Table row types of the feedback module (migration 202611270200_feedback).
import type { Generated } from 'kysely';

/** Where a feedback item came in. */
export type Channel = 'web' | 'hotline' | 'one_stop' | 'chatbot' | 'app' | 'api' | 'open311' | 'email' | 'zalo';

/** mới, đang xử lý, chờ bổ sung, đã trả lời, đã đóng. */
export type FeedbackStatus = 'new' | 'in_progress' | 'needs_info' | 'answered' | 'closed';

export interface FeedbackCategoriesTable {
  /** Stable slug; also the Open311 service_code. */
  id: string;
  name: string;
  description: Generated<string>;
  /** Comma-separated words that help people find the category (Open311 keywords). */
  keywords: Generated<string>;
  /** Answer deadline in working days (weekends and holidays excluded). */
  deadline_days: number;
  sort: Generated<number>;
  active: Generated<number>;
  updated_at: string;
}

export interface FeedbackRoutingRulesTable {
  id: Generated<number>;
  /** The rule applies to this category (null: any). */
  category_id: string | null;
  /** The rule applies to this topic id of content/topics.json (null: any). */
  topic_id: string | null;
  /** unit: always unit_code; commune: the commune given by the citizen, else unit_code, else the Center. */
  target: 'unit' | 'commune';
  unit_code: string | null;
  sort: Generated<number>;
  created_at: string;
}

export interface FeedbackItemsTable {
  id: Generated<number>;
  /** Tracking code given to the citizen, e.g. PA-2026-7K3Q9X. */
  code: string;
  channel: Channel;
  category_id: string | null;
  topic_id: string | null;
  /** The commune the feedback is about, when given. */
  commune_id: number | null;
  /** The responsible unit (routing result, or a later transfer). */
  unit_id: number;
  status: FeedbackStatus;
  /** The text as the citizen wrote it (shown escaped; never published without redaction). */
  content: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  /** 1 when the citizen agreed that the contact data be used to answer them. */
  consent: Generated<number>;
  lat: number | null;
  lng: number | null;
  address: string | null;
  received_at: string;
  /** Vietnam local date (YYYY-MM-DD) of receipt: periods and deadlines count from it. */
  received_on: string;
  /** Last working day to answer (Vietnam local date). */
  deadline_on: string;
  /** Set while waiting for the citizen (chờ bổ sung): the clock stops. */
  paused_on: string | null;
  /** First time the item was answered or closed with a decision (on-time and speed figures). */
  first_answered_at: string | null;
  /** 1 when that first answer came on or before the deadline then in force; fixed once set. */
  on_time: number | null;
  answered_at: string | null;
  answer: string | null;
  answered_by: number | null;
  closed_at: string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  rating_comment: string | null;
  rated_at: string | null;
  /** A duplicate points to the main item. */
  merged_into_id: number | null;
  /** Reviewed, redacted texts shown on /cong-khai once published. */
  public_content: string | null;
  public_answer: string | null;
  published_at: string | null;
  published_by: number | null;
  /** Staff member who typed it in (hotline, one-stop desk). */
  created_by: number | null;
  updated_at: string;
}

export type HistoryKind =
  'received' | 'status' | 'answer' | 'note' | 'transfer' | 'merge' | 'rating' | 'supplement' | 'publish' | 'unpublish';

export interface FeedbackHistoryTable {
  id: Generated<number>;
  feedback_id: number;
  at: string;
  kind: HistoryKind;
  from_status: FeedbackStatus | null;
  to_status: FeedbackStatus | null;
  note: string | null;
  /** 1: the citizen sees this row on the lookup page. */
  public: Generated<number>;
  actor_id: number | null;
}

export interface FeedbackTemplatesTable {
  id: Generated<number>;
  title: string;
  body: string;
  updated_at: string;
  updated_by: number | null;
}

export interface FeedbackCalendarTable {
  /** YYYY-MM-DD */
  date: string;
  /** holiday: a weekday off; workday: a weekend day worked (ngày làm bù). */
  kind: 'holiday' | 'workday';
  name: string;
}

export interface FeedbackOutboxTable {
  id: Generated<number>;
  feedback_id: number | null;
  kind: 'received' | 'answered' | 'needs_info';
  to_address: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface FeedbackApiKeysTable {
  id: Generated<number>;
  /** Partner application name. */
  name: string;
  /** First characters of the key, to recognise it in lists. */
  key_prefix: string;
  /** SHA-256 of the key (hex); the key itself is shown once and never stored. */
  key_hash: string;
  created_at: string;
  created_by: number | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface FeedbackIdempotencyTable {
  key: string;
  route: string;
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}

export interface FeedbackTables {
  feedback_categories: FeedbackCategoriesTable;
  feedback_routing_rules: FeedbackRoutingRulesTable;
  feedback_items: FeedbackItemsTable;
  feedback_history: FeedbackHistoryTable;
  feedback_templates: FeedbackTemplatesTable;
  feedback_calendar: FeedbackCalendarTable;
  feedback_outbox: FeedbackOutboxTable;
  feedback_api_keys: FeedbackApiKeysTable;
  feedback_idempotency: FeedbackIdempotencyTable;
}
