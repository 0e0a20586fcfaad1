import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createUser } from '../../src/modules/accounts/index.js';
import type { Role } from '../../src/platform/auth/index.js';
import { freshDb } from './db.js';
import { TestClient } from './client.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  /** A client with its own cookie jar, like one browser. */
  client: () => TestClient;
  /** Create a staff account and return a client signed in as it. */
  signIn: (role: Role, opts?: { unitId?: number | null; email?: string }) => Promise<TestClient & { userId: number }>;
}

let counter = 0;
let seededImage: Buffer | undefined;

/**
 * Build the whole app on a fresh database with the starter content; closed after the test.
 *
 * @example
 * const { client } = await buildTestApp(t);
 * const page = await client().get('/');
 */
export async function buildTestApp(t: TestContext, env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    COOKIE_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_SUBMIT_PER_MINUTE: '100000',
    RATE_LIMIT_SIGNIN_PER_15MIN: '100000',
    ...env,
  });
  // SQLite: migrations and starter content are loaded once per test file, then each test starts from a copy.
  const db = await freshDb(seededImage);
  const app = await buildApp(config, { db, logger: false });
  if (!seededImage && db.serialize) seededImage = db.serialize();
  t.after(async () => {
    await app.close();
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const client = () => new TestClient(app);
  const signIn: TestApp['signIn'] = async (role, opts = {}) => {
    const email = opts.email ?? `${role}${++counter}@test.local`;
    const password = 'correct-horse-battery-staple';
    const userId = await createUser(app.deps.db, null, {
      email,
      name: `Cán bộ ${role} ${counter}`,
      password,
      role,
      unitId: opts.unitId ?? null,
    });
    const c = client();
    await c.get('/quan-tri/dang-nhap');
    const res = await c.post('/quan-tri/dang-nhap', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return Object.assign(c, { userId });
  };
  return { app, config, client, signIn };
}
