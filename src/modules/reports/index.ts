import { registerAdminNav } from '../../platform/html/index.js';
import type { AppDeps, AppModule } from '../../platform/module.js';
import { reportsRoutes } from './reports.routes.js';
import { seedReports } from './reports.seed.js';
import { sendDueReminders } from './reports.service.js';

export { reportTotals, sendDueReminders, sendReminders } from './reports.service.js';
export { STARTER_FIELDS } from './reports.seed.js';
export type { FieldDef } from './reports.table.js';

const timers = new WeakMap<AppDeps, { first: NodeJS.Timeout; every?: NodeJS.Timeout }>();
const HOUR = 3600_000;

/**
 * Periodic reports from units: forms and periods defined by the Center, drafts and submissions by unit officers,
 * the grid of submitted / late / missing, reminders (in-app, and email when SMTP is configured), automatic
 * consolidation with drill-down, and the consolidated report as .docx and .xlsx.
 *
 * For other modules:
 * @example
 * const totals = await reportTotals(db, { from: '2025-02', to: '2025-12' });
 * totals.people_guided; // sum over every submitted report whose period overlaps Feb-Dec 2025
 */
export const reportsModule: AppModule = {
  name: 'reports',
  routes: async (app, deps) => {
    registerAdminNav({ href: '/quan-tri/bao-cao', label: 'Báo cáo định kỳ' });
    await reportsRoutes(app, deps);
  },
  seed: seedReports,
  ready: async (deps) => {
    // Automatic reminders (3 days before a deadline, the day after it): hourly, first a minute after start.
    const run = () => void sendDueReminders(deps).catch(() => undefined);
    const first = setTimeout(() => {
      run();
      const every = setInterval(run, HOUR);
      every.unref();
      timers.set(deps, { first, every });
    }, 60_000);
    first.unref();
    timers.set(deps, { first });
  },
  close: async (deps) => {
    const t = timers.get(deps);
    if (t) {
      clearTimeout(t.first);
      if (t.every) clearInterval(t.every);
    }
  },
};
