import { registerAdminNav, registerNav } from '../../platform/html/index.js';
import type { AppDeps, AppModule } from '../../platform/module.js';
import { adminRoutes } from './admin.routes.js';
import { startOutbox, stopOutbox } from './feedback.outbox.js';
import { seedFeedback } from './feedback.seed.js';
import { feedbackService, type FeedbackInput } from './feedback.service.js';
import type { Channel } from './feedback.table.js';
import { open311Routes } from './open311.routes.js';
import { publicRoutes } from './public.routes.js';
import { transparencyRoutes } from './transparency.routes.js';

export type { Channel, FeedbackStatus } from './feedback.table.js';
export type { FeedbackInput } from './feedback.service.js';
export { feedbackOnTimeSummary } from './feedback.figures.js';
export { processOutbox } from './feedback.outbox.js';
export { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from './working-days.js';

/**
 * Create a feedback item from another module (the assistant's handoff, say). Validates like the web form
 * and answers only after the item is committed. Throws AppError('validation_failed') on bad input.
 * `url` is the citizen's private follow-up link (status, answer, rating): show it to them, never log it.
 *
 * @example
 * const { code, url } = await createFeedback(deps, { content: question, topic: 'can-cuoc' }, 'chatbot');
 */
export async function createFeedback(
  deps: AppDeps,
  input: FeedbackInput,
  channel: Channel,
): Promise<{ code: string; url: string }> {
  const svc = feedbackService(deps);
  const res = await svc.submit(input, channel);
  return { code: res.code, url: await svc.privateLink(res.code) };
}

export const feedbackModule: AppModule = {
  name: 'feedback',
  routes: async (app, deps) => {
    registerNav({ href: '/gop-y', label: 'Góp ý, phản ánh' });
    registerNav({ href: '/cong-khai', label: 'Công khai' });
    registerAdminNav({
      href: '/quan-tri/phan-anh',
      label: 'Phản ánh, kiến nghị',
      roles: ['admin', 'editor', 'unit_officer', 'viewer'],
    });
    await publicRoutes(app, deps);
    await adminRoutes(app, deps);
    await transparencyRoutes(app, deps);
    await open311Routes(app, deps);
  },
  seed: seedFeedback,
  ready: async (deps) => {
    await feedbackService(deps).tokenFor('warm-up');
    startOutbox(deps);
  },
  close: async (deps) => stopOutbox(deps),
};
