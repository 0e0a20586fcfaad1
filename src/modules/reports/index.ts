import type { AppModule } from '../../platform/module.js';

export const reportsModule: AppModule = {
  name: 'reports',
  routes: async () => undefined,
};
