import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: 'admin' | 'editor' | 'unit_officer' | 'viewer';
  unit_id: number | null;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  created_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  sid: string;
  /** The signed-in user, so all of a user's sessions can be ended at once. */
  user_id: number | null;
  data: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  summary: string;
  detail: string | null;
}

export interface TextTermsTable {
  id: Generated<number>;
  term: string;
  expansion: string;
  kind: 'abbreviation' | 'teencode' | 'synonym';
  created_by: number | null;
  created_at: string;
}

export interface PlatformTables {
  meta: MetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  text_terms: TextTermsTable;
}
