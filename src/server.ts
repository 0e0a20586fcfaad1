import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { ensureFirstAdmin } from './modules/accounts/index.js';

const config = loadConfig();
const app = await buildApp(config);
const first = await ensureFirstAdmin(app.deps.db, config);

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
const lines = [
  '',
  `  DVC Outreach đang chạy: ${url}`,
  `  Trang quản trị:        ${url}/quan-tri`,
  `  Tài liệu API:          ${url}/api/docs`,
];
if (first.password) {
  lines.push(
    '',
    '  Tài khoản quản trị đầu tiên (chỉ hiện một lần, hãy đổi mật khẩu sau khi đăng nhập):',
    `    Email:    ${first.email}`,
    `    Mật khẩu: ${first.password}`,
  );
} else {
  lines.push(
    '',
    '  Đăng nhập bằng tài khoản quản trị đã có.',
    '  Tạo thêm tài khoản: npm run admin -- create-user --email ten@vi.du --name "Họ tên" --role admin',
  );
}
process.stdout.write(`${lines.join('\n')}\n\n`);
