import { registerAdminNav, registerNav } from '../../platform/html/index.js';
import type { AppModule } from '../../platform/module.js';
import { assistantRoutes } from './assistant.routes.js';
import { assistantService } from './assistant.service.js';

export { assistantService } from './assistant.service.js';
export type { AskInput, AskResult, AssistantService } from './assistant.service.js';
export { AssistantEngine, detectFacet, THRESHOLDS } from './assistant.engine.js';
export type { Decision, KnowledgeTopic, ExtraPhrase, Outcome, Facet } from './assistant.engine.js';
export { composeReply, toPlainText, type Reply, type Source } from './assistant.answer.js';

/**
 * The assistant (issue B): answers in Vietnamese as people type, on the web (/tro-ly, the embeddable widget,
 * POST /api/v1/assistant/ask), on Zalo OA and through a signed webhook for other apps.
 *
 * @example
 * // Another module asking the assistant (e.g. to suggest a guide for a feedback message):
 * const r = await assistantService(deps).ask({ question: 'đổi bằng lái ở đâu', channel: 'feedback' });
 * r.topic; // 'doi-gplx'
 */
export const assistantModule: AppModule = {
  name: 'assistant',
  routes: async (app, deps) => {
    registerNav({ href: '/tro-ly', label: 'Hỏi trợ lý' });
    registerAdminNav({ href: '/quan-tri/tro-ly', label: 'Trợ lý ảo', roles: ['admin', 'editor', 'viewer'] });
    registerAdminNav({ href: '/quan-tri/tu-dien', label: 'Từ điển', roles: ['admin', 'editor'] });
    await assistantRoutes(app, deps);
  },
  ready: async (deps) => assistantService(deps).load(),
  close: async (deps) => assistantService(deps).close(),
};
