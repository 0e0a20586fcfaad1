import { registerAdminNav, registerNav } from '../../platform/html/index.js';
import type { AppModule } from '../../platform/module.js';
import { surveysRoutes } from './surveys.routes.js';
import { seedSurveys } from './surveys.seed.js';
import { writerFor } from './surveys.writer.js';

export { satisfactionSummary, type SatisfactionSummary } from './surveys.results.js';
export { SATISFACTION_LABELS, type QuestionType } from './surveys.model.js';

/**
 * Surveys: builder (/quan-tri/khao-sat), public forms (/khao-sat/<slug>), placements with QR codes, results with
 * charts and exports, published results (/khao-sat/<slug>/ket-qua), JSON API (/api/v1/surveys).
 * Responses are written through a group-commit queue; on shutdown the queue is flushed.
 */
export const surveysModule: AppModule = {
  name: 'surveys',
  routes: async (app, deps) => {
    registerNav({ href: '/khao-sat', label: 'Khảo sát' });
    registerAdminNav({ href: '/quan-tri/khao-sat', label: 'Khảo sát', roles: ['admin', 'editor', 'viewer', 'unit_officer'] });
    writerFor(deps.db, deps.config.surveyCommit);
    await surveysRoutes(app, deps);
  },
  seed: seedSurveys,
  close: async (deps) => writerFor(deps.db).close(),
};
