import type { Generated } from 'kysely';

export type Frequency = 'monthly' | 'quarterly';
export type FieldType = 'integer' | 'text' | 'links';

/** One field of a report form. Keys are stable: consolidation and other modules use them. */
export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  hint: string;
}

export interface ReportFormsTable {
  id: Generated<number>;
  name: string;
  frequency: Frequency;
  description: string;
  /** JSON array of FieldDef. */
  fields: string;
  /** JSON array of unit types that must report. */
  unit_types: string;
  /** Days after a period's last day until its deadline. */
  deadline_days: number;
  active: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ReportPeriodsTable {
  id: Generated<number>;
  form_id: number;
  label: string;
  start_date: string;
  end_date: string;
  /** Last day (Vietnam time) to submit on time, ISO date. */
  deadline: string;
}

export interface ReportSubmissionsTable {
  id: Generated<number>;
  period_id: number;
  unit_id: number;
  status: 'draft' | 'submitted';
  /** JSON object: field key -> number | string | Array<{ title, url }>. */
  data: string;
  late: Generated<number>;
  created_by: number | null;
  updated_by: number | null;
  submitted_by: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface ReportValuesTable {
  submission_id: number;
  period_id: number;
  unit_id: number;
  field_key: string;
  value: number;
}

export interface ReportRemindersTable {
  id: Generated<number>;
  period_id: number;
  unit_id: number;
  kind: 'manual' | 'before' | 'overdue';
  sent_at: string;
  sent_by: number | null;
  recipients: number;
  emails: number;
}

export interface StaffNotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface ReportsTables {
  report_forms: ReportFormsTable;
  report_periods: ReportPeriodsTable;
  report_submissions: ReportSubmissionsTable;
  report_values: ReportValuesTable;
  report_reminders: ReportRemindersTable;
  staff_notifications: StaffNotificationsTable;
}
