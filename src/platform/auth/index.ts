import fastifySession from '@fastify/session';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import type { SignedInUser } from '../html/context.js';
import { DbSessionStore } from './session-store.js';

export type Role = SignedInUser['role'];
export const ROLES: readonly Role[] = ['admin', 'editor', 'unit_officer', 'viewer'];
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  editor: 'Biên tập viên Trung tâm',
  unit_officer: 'Cán bộ đơn vị',
  viewer: 'Người xem',
};

declare module 'fastify' {
  interface Session {
    userId?: number;
    /** Set between the password step and the TOTP step of sign-in. */
    pendingUserId?: number;
    /** One-time message shown on the next page (POST/Redirect/GET). */
    flash?: string;
  }
  interface FastifyRequest {
    user: SignedInUser | null;
    /** What the CSRF token is bound to: the session id once signed in, 'anonymous' before. */
    csrfUserInfo(): string;
  }
  interface FastifyContextConfig {
    /** true: check CSRF even under /api/; false: never (signed webhooks). Default: all unsafe methods outside /api/. */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'dvc_sid';
const SESSION_TTL_MS = 8 * 3600 * 1000;

interface AuthOptions {
  db: Db;
  config: Config;
  secret: string;
}

/**
 * Sessions (server-side, in our database), CSRF tokens and the signed-in user on every request.
 * Registers before the modules; guards below use what it sets.
 */
export const authPlugin = fp<AuthOptions>(
  async (app, { db, config, secret }) => {
    const store = new DbSessionStore(db);
    const sessionOptions = {
      secret,
      cookieName: SESSION_COOKIE,
      store,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        path: '/',
        httpOnly: true,
        sameSite: 'lax' as const,
        secure: config.secureCookies,
        maxAge: SESSION_TTL_MS,
      },
    };
    await new Promise<void>((resolve, reject) => {
      fastifySession(onlyForSessions(app), sessionOptions, (err?: Error) => (err ? reject(err) : resolve()));
    });
    const hmacKey = Buffer.from(secret);
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: 'dvc_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.secureCookies },
      csrfOpts: { hmacKey },
      getUserInfo: (req: FastifyRequest) => req.csrfUserInfo(),
      getToken: (req: FastifyRequest) => {
        const body = req.body as Record<string, unknown> | undefined;
        const query = req.query as Record<string, unknown> | undefined;
        const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
        const header = req.headers['x-csrf-token'];
        const v = fromBody ?? header ?? query?._csrf;
        return typeof v === 'string' ? v : '';
      },
    });
    app.decorateRequest('user', null);
    app.decorateRequest('csrfUserInfo', function (this: FastifyRequest) {
      return this.session?.userId ? `s:${this.session.sessionId}` : 'anonymous';
    });

    app.addHook('preValidation', (req, reply, done) => {
      const unsafe = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
      const flag = req.routeOptions.config?.csrf;
      const check = unsafe && (flag === true || (flag !== false && !req.url.startsWith('/api/')));
      if (!check) return done();
      app.csrfProtection(req, reply, done);
    });

    app.addHook('preHandler', async (req) => {
      const uid = (req.session as FastifyRequest['session'] | null)?.userId;
      if (!uid) return;
      const row = await db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'unit_id', 'disabled'])
        .where('id', '=', uid)
        .executeTakeFirst();
      if (!row || row.disabled) {
        await req.session.destroy();
        return;
      }
      req.user = { id: row.id, email: row.email, name: row.name, role: row.role, unitId: row.unit_id };
    });

    const timer = setInterval(() => void store.prune().catch(() => undefined), 3600_000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

const BACK_OFFICE = /^\/quan-tri(?:[/?]|$)/;

/**
 * @fastify/session builds a Session (new id, signature, content hash) for every request, even for a visitor who has no
 * session and will never get one. Citizens' pages are the hot path and never need one, so its request hook only runs
 * when the request carries our session cookie or goes to the back office (where signing in creates the session).
 * Elsewhere `req.session` stays null and `req.user` null; its reply hook already skips requests without a session.
 */
function onlyForSessions(app: FastifyInstance): FastifyInstance {
  const needsSession = (req: FastifyRequest) => req.cookies[SESSION_COOKIE] !== undefined || BACK_OFFICE.test(req.url);
  return new Proxy(app, {
    get(target, prop) {
      if (prop !== 'addHook') return Reflect.get(target, prop, target) as unknown;
      return (name: string, hook: onRequestHookHandler) => {
        if (name !== 'onRequest') return target.addHook(name as 'onSend', hook as never);
        return target.addHook('onRequest', function (this: FastifyInstance, req, reply, done) {
          if (!needsSession(req)) return done();
          return hook.call(this, req, reply, done);
        });
      };
    },
  });
}

function wantsHtml(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api/');
}

/**
 * preHandler: the request must come from a signed-in user, with one of the roles when given.
 * HTML requests without a session go to the sign-in page and come back after.
 *
 * @example
 * app.get('/quan-tri/huong-dan', { preHandler: requireRole('admin', 'editor') }, handler);
 */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async function guard(this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
    if (!req.user) {
      if (wantsHtml(req) && req.method === 'GET') {
        return reply.redirect(`/quan-tri/dang-nhap?quay-lai=${encodeURIComponent(req.url)}`, 303);
      }
      throw new AppError('unauthenticated', 'Bạn cần đăng nhập để làm việc này.');
    }
    if (roles.length && !roles.includes(req.user.role)) {
      throw new AppError('forbidden', 'Tài khoản của bạn không có quyền làm việc này.');
    }
  };
}

/** Any signed-in staff member. */
export const requireUser = requireRole();

/** The signed-in user, for handlers behind a guard. */
export function currentUser(req: FastifyRequest): SignedInUser {
  if (!req.user) throw new AppError('unauthenticated', 'Bạn cần đăng nhập để làm việc này.');
  return req.user;
}

/** The one-time message set before a redirect (POST/Redirect/GET), cleared once read. */
export function takeFlash(req: FastifyRequest): string | undefined {
  // No session on a public page for a visitor without one (see onlyForSessions).
  const session = req.session as FastifyRequest['session'] | null;
  const f = session?.flash;
  if (f) session.flash = undefined;
  return f;
}

export { hashPassword, verifyPassword, dummyHash, passwordProblem } from './passwords.js';
