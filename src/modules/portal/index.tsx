import type { FastifyInstance } from 'fastify';
import { PREFS_COOKIE, readPrefs, redirect, safeBack, sendPage } from '../../platform/html/index.js';
import type { AppDeps, AppModule } from '../../platform/module.js';
import { guidesService } from '../guides/index.js';
import { DisplayPage, HomePage } from './portal.views.js';

async function portalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const guides = guidesService(deps);

  app.get('/', async (req, reply) => sendPage(req, reply, <HomePage popular={guides.mostUsed(6)} />));

  app.get('/hien-thi', async (req, reply) => {
    const back = safeBack((req.query as { 'quay-lai'?: string })['quay-lai']);
    const p = readPrefs(req);
    return sendPage(req, reply, <DisplayPage back={back} largeText={p.largeText} contrast={p.contrast} />);
  });

  app.post('/hien-thi', async (req, reply) => {
    const b = (req.body ?? {}) as { prefs?: string | string[]; back?: string };
    const prefs = (Array.isArray(b.prefs) ? b.prefs : b.prefs ? [b.prefs] : []).filter((p) => p === 'lt' || p === 'hc');
    if (prefs.length) {
      reply.setCookie(PREFS_COOKIE, prefs.join('.'), {
        path: '/',
        maxAge: 365 * 24 * 3600,
        sameSite: 'lax',
        httpOnly: true,
        secure: deps.config.secureCookies,
      });
    } else {
      reply.clearCookie(PREFS_COOKIE, { path: '/' });
    }
    return redirect(reply, safeBack(b.back));
  });
}

export const portalModule: AppModule = { name: 'portal', routes: portalRoutes };
