import type { FastifyRequest } from 'fastify';
import type { JSX } from 'preact';

/** A block a module shows on the back-office home page (/quan-tri) for the signed-in user; null shows nothing. */
export type DashboardPanel = (req: FastifyRequest) => Promise<JSX.Element | null>;

const panels = new Map<string, DashboardPanel>();

/**
 * Add (or replace, by key) a panel on the back-office home page. Call it inside the module's routes function;
 * the panel reads what it needs from the request (`req.user`, `req.server.deps`).
 *
 * @example
 * registerDashboardPanel('reports', async (req) => <MyPanel user={req.user} />);
 */
export function registerDashboardPanel(key: string, panel: DashboardPanel): void {
  panels.set(key, panel);
}

/** The panels for this request, in registration order; a failing panel is left out, never breaks the page. */
export async function dashboardPanels(req: FastifyRequest): Promise<JSX.Element[]> {
  const out: JSX.Element[] = [];
  for (const [key, panel] of panels) {
    try {
      const el = await panel(req);
      if (el) out.push(el);
    } catch (err) {
      req.log.error({ err, panel: key }, 'dashboard panel failed');
    }
  }
  return out;
}
