import type { Session } from 'fastify';
import type { Db } from '../db/index.js';

type Cb = (err?: unknown) => void;
type CbSession = (err: unknown, result?: Session | null) => void;

const DEFAULT_TTL_MS = 8 * 3600 * 1000;

/** @fastify/session store over our own database, so sign-ins survive restarts and can be revoked. */
export class DbSessionStore {
  constructor(private readonly db: Db) {}

  set(sid: string, session: Session, cb: Cb): void {
    const expires = (session as { cookie?: { expires?: Date | null } }).cookie?.expires;
    const expiresAt = (expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS)).toISOString();
    const data = JSON.stringify(session);
    const userId = (session as { userId?: number }).userId ?? null;
    this.db
      .insertInto('sessions')
      .values({ sid, user_id: userId, data, expires_at: expiresAt })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ user_id: userId, data, expires_at: expiresAt }))
      .execute()
      .then(() => cb(), cb);
  }

  get(sid: string, cb: CbSession): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at < new Date().toISOString()) return cb(null, null);
        cb(null, JSON.parse(row.data) as Session);
      }, cb);
  }

  destroy(sid: string, cb: Cb): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb(), cb);
  }

  /** Remove expired sessions (called periodically). */
  async prune(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', new Date().toISOString()).execute();
  }
}
