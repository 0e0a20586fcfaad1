// API keys of partner applications (Open311 POST). Only a SHA-256 hash of each key is stored.
import crypto from 'node:crypto';
import { audit } from '../../platform/audit.js';
import type { DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { SignedInUser } from '../../platform/html/index.js';
import * as repo from './feedback.repository.js';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

/** A partner key by its value, if it exists and is not revoked; records when it was last used (once a minute). */
export async function verifyApiKey(db: DbOrTrx, key: unknown): Promise<{ id: number; name: string } | null> {
  if (typeof key !== 'string' || key.length < 20 || key.length > 200) return null;
  const row = await repo.findApiKeyByHash(db, hashApiKey(key));
  if (!row || row.revoked_at) return null;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('feedback_api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { id: row.id, name: row.name };
}

export async function listApiKeys(db: DbOrTrx) {
  return db
    .selectFrom('feedback_api_keys')
    .select(['id', 'name', 'key_prefix', 'created_at', 'revoked_at', 'last_used_at'])
    .orderBy('id', 'desc')
    .execute();
}

/** Create a key; the returned value is shown once and cannot be recovered. */
export async function createApiKey(db: DbOrTrx, user: SignedInUser, nameIn: string): Promise<{ id: number; key: string }> {
  const name = nameIn.trim().slice(0, 120);
  if (!name) throw new AppError('validation_failed', 'Hãy nhập tên ứng dụng đối tác.');
  const key = `dvc_${crypto.randomBytes(24).toString('base64url')}`;
  const at = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('feedback_api_keys')
      .values({ name, key_prefix: key.slice(0, 10), key_hash: hashApiKey(key), created_at: at, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.api_key.create',
      entity: 'feedback_api_key',
      entityId: Number(row.id),
      summary: `Tạo khóa API cho ${name}`,
    });
    return Number(row.id);
  });
  return { id, key };
}

export async function revokeApiKey(db: DbOrTrx, user: SignedInUser, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('feedback_api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('not_found', 'Không tìm thấy khóa đang dùng này.');
    await audit(trx, {
      actorId: user.id,
      action: 'feedback.api_key.revoke',
      entity: 'feedback_api_key',
      entityId: id,
      summary: 'Thu hồi khóa API',
    });
  });
}
