import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword, type Role } from '../../platform/auth/index.js';
import type { Db, DbOrTrx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';

const now = () => new Date().toISOString();
export const normalizeEmail = (e: string) => e.trim().toLowerCase();

export type SignInResult =
  { ok: true; userId: number; needsTotp: boolean } | { ok: false; reason: 'invalid' | 'locked'; minutesLeft?: number };

const SIGN_IN_FIELDS = ['id', 'password_hash', 'failed_logins', 'locked_until', 'disabled', 'totp_enabled'] as const;

async function registerFailure(db: Db, config: Config, userId: number, failed: number): Promise<void> {
  const failures = failed + 1;
  if (failures >= config.lockout.maxFailures) {
    const until = new Date(Date.now() + config.lockout.minutes * 60_000).toISOString();
    await db.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', userId).execute();
    await audit(db, {
      actorId: null,
      action: 'user.locked',
      entity: 'user',
      entityId: userId,
      summary: `Tạm khóa ${config.lockout.minutes} phút sau ${failures} lần đăng nhập sai`,
    });
  } else {
    await db.updateTable('users').set({ failed_logins: failures }).where('id', '=', userId).execute();
  }
}

function lockedMinutes(lockedUntil: string | null): number {
  if (!lockedUntil) return 0;
  const ms = new Date(lockedUntil).getTime() - Date.now();
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

/**
 * Check an email and password. Wrong passwords count towards a temporary lock; an unknown email
 * costs the same time as a known one.
 */
export async function checkPassword(db: Db, config: Config, email: string, password: string): Promise<SignInResult> {
  const user = await db.selectFrom('users').select(SIGN_IN_FIELDS).where('email', '=', normalizeEmail(email)).executeTakeFirst();
  if (!user || user.disabled) {
    await verifyPassword(await dummyHash(), password);
    return { ok: false, reason: 'invalid' };
  }
  const left = lockedMinutes(user.locked_until);
  if (left) return { ok: false, reason: 'locked', minutesLeft: left };
  if (!(await verifyPassword(user.password_hash, password))) {
    await registerFailure(db, config, user.id, user.failed_logins);
    const after = await db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    const nowLocked = lockedMinutes(after.locked_until);
    return nowLocked ? { ok: false, reason: 'locked', minutesLeft: nowLocked } : { ok: false, reason: 'invalid' };
  }
  if (!user.totp_enabled) await completeSignIn(db, user.id);
  return { ok: true, userId: user.id, needsTotp: Boolean(user.totp_enabled) };
}

export async function completeSignIn(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now() })
    .where('id', '=', userId)
    .execute();
  await audit(db, { actorId: userId, action: 'user.signin', entity: 'user', entityId: userId, summary: 'Đăng nhập' });
}

function totpFor(secretB32: string, email: string): TOTP {
  return new TOTP({
    issuer: 'DVC Hà Nội',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretB32),
  });
}

/** Second step of sign-in: the 6-digit code from the authenticator app. */
export async function checkTotp(db: Db, config: Config, userId: number, code: string): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .select([...SIGN_IN_FIELDS, 'totp_secret', 'email'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled || !user.totp_secret) return { ok: false, reason: 'invalid' };
  const left = lockedMinutes(user.locked_until);
  if (left) return { ok: false, reason: 'locked', minutesLeft: left };
  const delta = totpFor(user.totp_secret, user.email).validate({ token: code.replace(/\s/g, ''), window: 1 });
  if (delta === null) {
    await registerFailure(db, config, user.id, user.failed_logins);
    return { ok: false, reason: 'invalid' };
  }
  await completeSignIn(db, user.id);
  return { ok: true, userId: user.id, needsTotp: false };
}

/** Start TOTP enrolment: a new secret, stored but not enabled until a code confirms it. */
export async function beginTotp(db: Db, userId: number): Promise<{ secret: string; uri: string }> {
  const user = await db.selectFrom('users').select(['email']).where('id', '=', userId).executeTakeFirstOrThrow();
  const secret = new Secret({ size: 20 }).base32;
  await db.updateTable('users').set({ totp_secret: secret, totp_enabled: 0 }).where('id', '=', userId).execute();
  return { secret, uri: totpFor(secret, user.email).toString() };
}

export async function pendingTotp(db: Db, userId: number): Promise<{ secret: string; uri: string } | null> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'totp_secret', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (!user.totp_secret || user.totp_enabled) return null;
  return { secret: user.totp_secret, uri: totpFor(user.totp_secret, user.email).toString() };
}

export async function confirmTotp(db: Db, userId: number, code: string): Promise<boolean> {
  const user = await db.selectFrom('users').select(['email', 'totp_secret']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!user.totp_secret) return false;
  if (totpFor(user.totp_secret, user.email).validate({ token: code.replace(/\s/g, ''), window: 1 }) === null) return false;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_enabled: 1 }).where('id', '=', userId).execute();
    await audit(trx, {
      actorId: userId,
      action: 'user.totp_on',
      entity: 'user',
      entityId: userId,
      summary: 'Bật xác thực hai lớp',
    });
  });
  return true;
}

export async function disableTotp(db: Db, actorId: number, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_enabled: 0, totp_secret: null }).where('id', '=', userId).execute();
    await audit(trx, { actorId, action: 'user.totp_off', entity: 'user', entityId: userId, summary: 'Tắt xác thực hai lớp' });
  });
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  unitId: number | null;
}

/** Create a staff account. Throws AppError('validation_failed' | 'conflict') with a message for the form. */
export async function createUser(db: DbOrTrx, actorId: number | null, u: NewUser): Promise<number> {
  const email = normalizeEmail(u.email);
  if (!/^[^\s@]+@([^\s@]+\.[^\s@]+|localhost)$/.test(email)) throw new AppError('validation_failed', 'Email không hợp lệ.');
  const problem = passwordProblem(u.password);
  if (problem) throw new AppError('validation_failed', problem);
  if (!u.name.trim()) throw new AppError('validation_failed', 'Cần nhập họ tên.');
  if (u.role === 'unit_officer' && !u.unitId)
    throw new AppError('validation_failed', 'Cán bộ đơn vị cần được gắn với một đơn vị.');
  const exists = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (exists) throw new AppError('conflict', 'Email này đã có tài khoản.');
  const row = await db
    .insertInto('users')
    .values({
      email,
      name: u.name.trim(),
      password_hash: await hashPassword(u.password),
      role: u.role,
      unit_id: u.unitId,
      totp_secret: null,
      locked_until: null,
      created_at: now(),
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, { actorId, action: 'user.create', entity: 'user', entityId: row.id, summary: `Tạo tài khoản (${u.role})` });
  return row.id;
}

export async function changePassword(db: Db, actorId: number, userId: number, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('validation_failed', problem);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, failed_logins: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
    // A new password signs the account out everywhere.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await audit(trx, { actorId, action: 'user.password', entity: 'user', entityId: userId, summary: 'Đổi mật khẩu' });
  });
}

export async function updateUser(
  db: Db,
  actorId: number,
  userId: number,
  patch: { name: string; role: Role; unitId: number | null; disabled: boolean; unlock: boolean },
): Promise<void> {
  if (patch.role === 'unit_officer' && !patch.unitId)
    throw new AppError('validation_failed', 'Cán bộ đơn vị cần được gắn với một đơn vị.');
  if (actorId === userId && (patch.disabled || patch.role !== 'admin')) {
    throw new AppError('validation_failed', 'Bạn không thể tự khóa hoặc tự bỏ quyền quản trị của mình.');
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        name: patch.name.trim(),
        role: patch.role,
        unit_id: patch.unitId,
        disabled: patch.disabled ? 1 : 0,
        ...(patch.unlock ? { locked_until: null, failed_logins: 0 } : {}),
      })
      .where('id', '=', userId)
      .execute();
    if (patch.disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await audit(trx, {
      actorId,
      action: 'user.update',
      entity: 'user',
      entityId: userId,
      summary: `Cập nhật tài khoản: vai trò ${patch.role}${patch.disabled ? ', đã khóa' : ''}${patch.unlock ? ', mở khóa' : ''}`,
    });
  });
}

/**
 * The first administrator: from ADMIN_EMAIL/ADMIN_PASSWORD, or, on a brand-new install with no account at all,
 * a generated password printed once so the person who ran `npm start` can sign in.
 */
export async function ensureFirstAdmin(db: Db, config: Config): Promise<{ email: string; password?: string; created: boolean }> {
  if (config.admin.email && config.admin.password) {
    const email = normalizeEmail(config.admin.email);
    const exists = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (!exists)
      await createUser(db, null, {
        email,
        name: 'Quản trị hệ thống',
        password: config.admin.password,
        role: 'admin',
        unitId: null,
      });
    return { email, created: !exists };
  }
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return { email: '', created: false };
  const password = crypto.randomBytes(12).toString('base64url');
  const email = 'admin@localhost';
  await createUser(db, null, { email, name: 'Quản trị hệ thống', password, role: 'admin', unitId: null });
  return { email, password, created: true };
}

export async function recordSignOut(db: Db, userId: number): Promise<void> {
  await audit(db, { actorId: userId, action: 'user.signout', entity: 'user', entityId: userId, summary: 'Đăng xuất' });
}
