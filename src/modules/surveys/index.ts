import type { AppModule } from '../../platform/module.js';

export const surveysModule: AppModule = {
  name: 'surveys',
  routes: async () => undefined,
};
