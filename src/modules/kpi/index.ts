import type { AppModule } from '../../platform/module.js';

export const kpiModule: AppModule = {
  name: 'kpi',
  routes: async () => undefined,
};
