import argon2 from 'argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1): safe and quick enough for a busy sign-in page.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, OPTIONS);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not-a-real-password-0000'));
}

/** Minimum rules for staff passwords; returns a Vietnamese message or null. */
export function passwordProblem(plain: string): string | null {
  if (plain.length < 12) return 'Mật khẩu cần ít nhất 12 ký tự.';
  if (plain.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự).';
  return null;
}
