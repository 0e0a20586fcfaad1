import type { AppModule } from '../../platform/module.js';

export const assistantModule: AppModule = {
  name: 'assistant',
  routes: async () => undefined,
};
