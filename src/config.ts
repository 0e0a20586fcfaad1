import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The only reader of process.env. Validated once at boot, then frozen.
 * Every behaviour switch is a named setting here; nothing branches on NODE_ENV.
 */
const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  /** postgres://... selects PostgreSQL; empty selects the embedded SQLite file in dataDir. */
  databaseUrl: Type.String(),
  /** Public base URL used in links sent outside the site (emails, QR codes). */
  publicUrl: Type.String({ minLength: 1 }),
  /** Secret for signing cookies; generated into dataDir on first start when not given. */
  cookieSecret: Type.String(),
  /** Cookies marked Secure (default on unless the public URL is plain http). */
  secureCookies: Type.Boolean(),
  logLevel: Type.Union([
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ]),
  rateLimit: Type.Object({
    /** Requests per minute per IP on public endpoints. */
    publicPerMinute: Type.Integer({ minimum: 1 }),
    /** Requests per minute per IP on public POST endpoints (forms, submissions). */
    submitPerMinute: Type.Integer({ minimum: 1 }),
    /** Sign-in attempts per 15 minutes per IP. */
    signInPer15Min: Type.Integer({ minimum: 1 }),
    allowList: Type.Array(Type.String()),
  }),
  /** Failed sign-ins before an account is locked, and for how long. */
  lockout: Type.Object({
    maxFailures: Type.Integer({ minimum: 1 }),
    minutes: Type.Integer({ minimum: 1 }),
  }),
  admin: Type.Object({ email: Type.String(), password: Type.String() }),
  /** Load the starter content (units, guides...) into an empty database. */
  seedStarterContent: Type.Boolean(),
  /** Where ../shared lives (read-only reference data shipped with the repo checkout). */
  sharedDir: Type.String(),
  smtp: Type.Object({ url: Type.String(), from: Type.String() }),
  /** Units with fewer feedback items than this in a period are shown but not ranked on /cong-khai. */
  feedbackMinItemsToRank: Type.Integer({ minimum: 1 }),
  assistantLlmUrl: Type.String(),
  assistantLlmModel: Type.String(),
  assistantLlmTimeoutMs: Type.Integer({ minimum: 1 }),
  /** Shared secret for the assistant's generic webhook (HMAC-SHA256); empty turns the webhook off. */
  assistantWebhookSecret: Type.String(),
  /** Group commit of survey responses: wait up to windowMs for more, write at most maxBatch per transaction. */
  surveyCommit: Type.Object({
    windowMs: Type.Integer({ minimum: 0, maximum: 1000 }),
    maxBatch: Type.Integer({ minimum: 1, maximum: 10000 }),
  }),
  zalo: Type.Object({
    appId: Type.String(),
    oaSecret: Type.String(),
    accessToken: Type.String(),
    apiBase: Type.String(),
  }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

type Env = Record<string, string | undefined>;

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new Error(`Expected a boolean (true/false), got "${v}"`);
}

function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  if (!/^\d+$/.test(v)) throw new Error(`${name} must be a whole number, got "${v}"`);
  return Number(v);
}

/**
 * Build the configuration from an environment (process.env by default) and optional overrides.
 * Throws one Error listing every invalid setting.
 *
 * @example
 * const config = loadConfig({ PORT: '0', DATA_DIR: tmpDir });
 */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const errors: string[] = [];
  const safe = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (e) {
      errors.push((e as Error).message);
      return fallback;
    }
  };
  const port = safe(() => int('PORT', env.PORT, 3000), 3000);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  const candidate = {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || '',
    publicUrl,
    cookieSecret: env.COOKIE_SECRET || '',
    secureCookies: safe(() => bool(env.SECURE_COOKIES, publicUrl.startsWith('https:')), false),
    logLevel: env.LOG_LEVEL || 'info',
    rateLimit: {
      publicPerMinute: safe(() => int('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 300), 300),
      submitPerMinute: safe(() => int('RATE_LIMIT_SUBMIT_PER_MINUTE', env.RATE_LIMIT_SUBMIT_PER_MINUTE, 20), 20),
      signInPer15Min: safe(() => int('RATE_LIMIT_SIGNIN_PER_15MIN', env.RATE_LIMIT_SIGNIN_PER_15MIN, 20), 20),
      allowList: (env.RATE_LIMIT_ALLOWLIST || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    lockout: {
      maxFailures: safe(() => int('LOCKOUT_MAX_FAILURES', env.LOCKOUT_MAX_FAILURES, 5), 5),
      minutes: safe(() => int('LOCKOUT_MINUTES', env.LOCKOUT_MINUTES, 15), 15),
    },
    admin: { email: env.ADMIN_EMAIL || '', password: env.ADMIN_PASSWORD || '' },
    seedStarterContent: safe(() => bool(env.SEED_STARTER_CONTENT, true), true),
    sharedDir: path.resolve(env.SHARED_DIR || '../shared'),
    smtp: { url: env.SMTP_URL || '', from: env.SMTP_FROM || 'DVC Outreach <no-reply@localhost>' },
    feedbackMinItemsToRank: safe(() => int('FEEDBACK_MIN_ITEMS_TO_RANK', env.FEEDBACK_MIN_ITEMS_TO_RANK, 5), 5),
    assistantLlmUrl: env.ASSISTANT_LLM_URL || '',
    assistantLlmModel: env.ASSISTANT_LLM_MODEL || 'default',
    assistantLlmTimeoutMs: safe(() => int('ASSISTANT_LLM_TIMEOUT_MS', env.ASSISTANT_LLM_TIMEOUT_MS, 8000), 8000),
    assistantWebhookSecret: env.ASSISTANT_WEBHOOK_SECRET || '',
    surveyCommit: {
      windowMs: safe(() => int('SURVEY_COMMIT_WINDOW_MS', env.SURVEY_COMMIT_WINDOW_MS, 2), 2),
      maxBatch: safe(() => int('SURVEY_COMMIT_MAX_BATCH', env.SURVEY_COMMIT_MAX_BATCH, 256), 256),
    },
    zalo: {
      appId: env.ZALO_APP_ID || '',
      oaSecret: env.ZALO_OA_SECRET || '',
      accessToken: env.ZALO_ACCESS_TOKEN || '',
      apiBase: (env.ZALO_API_BASE || 'https://openapi.zalo.me').replace(/\/+$/, ''),
    },
    ...overrides,
  };
  if (candidate.databaseUrl && !/^postgres(ql)?:\/\//.test(candidate.databaseUrl)) {
    errors.push('DATABASE_URL must start with postgres:// (leave it empty for the embedded SQLite database)');
  }
  if (candidate.admin.password && candidate.admin.password.length < 12) {
    errors.push('ADMIN_PASSWORD must be at least 12 characters');
  }
  for (const e of Value.Errors(ConfigSchema, candidate)) {
    errors.push(`config ${e.instancePath || '/'}: ${e.message}`);
  }
  if (errors.length) throw new Error(`Invalid configuration:\n- ${errors.join('\n- ')}`);
  return Object.freeze(candidate) as Config;
}
