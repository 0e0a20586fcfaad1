import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.js';
import { authPlugin } from './platform/auth/index.js';
import { openDb, type DbHandle } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { registerHttpPlatform } from './platform/http.js';
import type { AppDeps, AppModule } from './platform/module.js';
import { orgModule } from './modules/org/index.js';
import { accountsModule } from './modules/accounts/index.js';
import { guidesModule } from './modules/guides/index.js';
import { portalModule } from './modules/portal/index.js';
import { assistantModule } from './modules/assistant/index.js';
import { feedbackModule } from './modules/feedback/index.js';
import { surveysModule } from './modules/surveys/index.js';
import { campaignModule } from './modules/campaign/index.js';
import { reportsModule } from './modules/reports/index.js';
import { kpiModule } from './modules/kpi/index.js';

/** The modules, in order. Later modules may call earlier ones' index.ts. */
export const MODULES: readonly AppModule[] = [
  orgModule,
  accountsModule,
  guidesModule,
  portalModule,
  assistantModule,
  feedbackModule,
  surveysModule,
  campaignModule,
  reportsModule,
  kpiModule,
];

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export interface BuildOptions {
  /** An already open database (tests pass a fresh one); otherwise opened from config. */
  db?: DbHandle;
  /** Pino logger options or false. */
  logger?: boolean | object;
}

function cookieSecretFor(config: Config): string {
  if (config.cookieSecret) return config.cookieSecret;
  const file = path.join(config.dataDir, '.cookie-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function loggerOptions(config: Config): object {
  return {
    level: config.logLevel,
    // Personal data never goes to logs: no cookies, no auth headers, no query strings, no client IPs.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}

/**
 * Build the whole application without listening: platform, then each module in order.
 *
 * @example
 * const app = await buildApp(loadConfig({ DATA_DIR: dir }));
 * const res = await app.inject({ url: '/healthz' });
 */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const handle =
    opts.db ??
    openDb({
      databaseUrl: config.databaseUrl,
      sqliteFile: path.join(config.dataDir, 'dvc.sqlite'),
      checkpointInBackground: true,
    });
  const ownsDb = !opts.db;
  await migrateToLatest(handle.db as never);

  const app = Fastify({
    logger: opts.logger === undefined ? loggerOptions(config) : opts.logger,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  const deps: AppDeps = { db: handle.db, dialect: handle.dialect, config };
  app.decorate('deps', deps);

  const secret = cookieSecretFor(config);
  await registerHttpPlatform(app, { config, cookieSecret: secret });
  await app.register(authPlugin, { db: handle.db, config, secret });

  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { rateLimit: false } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(handle.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await seedStarterContent(deps);
  for (const m of MODULES) {
    await app.register(async (scope) => m.routes(scope, deps));
  }
  for (const m of MODULES) await m.ready?.(deps);

  app.addHook('onClose', async () => {
    for (const m of [...MODULES].reverse()) await m.close?.(deps);
    if (ownsDb) await handle.close();
  });
  return app;
}

const SEED_KEY = 'starter_content_loaded_at';

/** Load each module's starter content into an empty database, once. */
export async function seedStarterContent(deps: AppDeps): Promise<boolean> {
  if (!deps.config.seedStarterContent) return false;
  const done = await deps.db.selectFrom('meta').select('value').where('key', '=', SEED_KEY).executeTakeFirst();
  if (done) return false;
  for (const m of MODULES) await m.seed?.(deps);
  await deps.db.insertInto('meta').values({ key: SEED_KEY, value: new Date().toISOString() }).execute();
  return true;
}
