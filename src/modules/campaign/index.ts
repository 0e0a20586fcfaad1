import type { AppModule } from '../../platform/module.js';

export const campaignModule: AppModule = {
  name: 'campaign',
  routes: async () => undefined,
};
