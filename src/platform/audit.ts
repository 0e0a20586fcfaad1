import type { DbOrTrx } from './db/index.js';

export interface AuditEntry {
  actorId: number | null;
  /** Verb, e.g. "guide.publish", "user.create". */
  action: string;
  entity: string;
  entityId: string | number;
  /** One line a person can read, in Vietnamese. Never personal data (no phone numbers, emails of citizens). */
  summary: string;
  detail?: Record<string, unknown>;
}

/**
 * Record who changed what, in the same transaction as the change.
 *
 * @example
 * await audit(trx, { actorId: user.id, action: 'guide.publish', entity: 'guide', entityId: 'khai-sinh', summary: 'Xuất bản phiên bản 3' });
 */
export async function audit(db: DbOrTrx, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: String(e.entityId),
      summary: e.summary,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}
