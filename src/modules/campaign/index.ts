import { registerAdminNav } from '../../platform/html/index.js';
import type { AppModule } from '../../platform/module.js';
import { campaignRoutes } from './campaign.routes.js';
import { seedCampaign } from './campaign.seed.js';

export { publishedContentByChannel, planTargets, CONTENT_TYPES } from './campaign.service.js';
export type { PlanTarget } from './campaign.service.js';
export type { TargetSource, TargetUnit } from './campaign.table.js';
export { STARTER_CHANNELS, CENTER_CODE } from './campaign.seed.js';
export { listChannels } from './campaign.repository.js';

/**
 * The campaign plan as data (targets, phases, messages, channels, duties), activities with evidence, and content items
 * with their review workflow, publication evidence and calendar.
 *
 * For other modules:
 * @example
 * const rows = await publishedContentByChannel(db, { from: '2025-03', to: '2025-06', unitIds: [12] });
 * // [{ channel: 'facebook', count: 4, views: 12040 }, ...]
 * const targets = await planTargets(db, 2025);
 * // [{ metricKey: 'communes_info_channels', targetValue: 100, unit: '%', source: 'reports_share', sourceKey: 'info_channels', ... }]
 */
export const campaignModule: AppModule = {
  name: 'campaign',
  routes: async (app, deps) => {
    registerAdminNav({ href: '/quan-tri/chien-dich', label: 'Chiến dịch' });
    await campaignRoutes(app, deps);
  },
  seed: seedCampaign,
};
