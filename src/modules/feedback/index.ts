import type { AppModule } from '../../platform/module.js';

export const feedbackModule: AppModule = {
  name: 'feedback',
  routes: async () => undefined,
};
