import { registerAdminNav, registerNav } from '../../platform/html/index.js';
import type { AppModule } from '../../platform/module.js';
import { guidesRoutes } from './guides.routes.js';
import { seedGuides } from './guides.seed.js';
import { guidesService } from './guides.service.js';

export { guidesService, GUIDE_FIELDS, guideDocument } from './guides.service.js';
export type { GuidesService, PublishedGuide, SearchResponse, SearchResult } from './guides.service.js';
export type { GuideContent } from './guides.content.js';
export { readTopicsFile, readStarterGuides } from './guides.seed.js';
export { GuideSummaryList } from './views/guide-list.js';

export const guidesModule: AppModule = {
  name: 'guides',
  routes: async (app, deps) => {
    registerNav({ href: '/tim-kiem', label: 'Tìm kiếm' });
    registerAdminNav({ href: '/quan-tri/huong-dan', label: 'Hướng dẫn', roles: ['admin', 'editor', 'viewer'] });
    await guidesRoutes(app, deps);
  },
  seed: seedGuides,
  ready: async (deps) => guidesService(deps).load(),
  close: async (deps) => guidesService(deps).close(),
};
