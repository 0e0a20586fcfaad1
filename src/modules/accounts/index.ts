import { registerAdminNav } from '../../platform/html/index.js';
import type { AppModule } from '../../platform/module.js';
import { accountsRoutes } from './accounts.routes.js';

export { ensureFirstAdmin, createUser, normalizeEmail } from './accounts.service.js';

export const accountsModule: AppModule = {
  name: 'accounts',
  routes: async (app, deps) => {
    registerAdminNav({ href: '/quan-tri/don-vi', label: 'Đơn vị' });
    registerAdminNav({ href: '/quan-tri/nguoi-dung', label: 'Tài khoản cán bộ', roles: ['admin'] });
    registerAdminNav({ href: '/quan-tri/nhat-ky', label: 'Nhật ký thay đổi', roles: ['admin'] });
    await accountsRoutes(app, deps);
  },
};
