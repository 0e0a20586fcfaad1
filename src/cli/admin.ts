// npm run admin -- create-user --email a@b.vn --name "Họ tên" --role admin [--unit 00004] [--password ...]
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { loadConfig } from '../config.js';
import { createUser } from '../modules/accounts/index.js';
import { ROLES, type Role } from '../platform/auth/index.js';
import { openDb } from '../platform/db/index.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import path from 'node:path';

const USAGE = `Cách dùng:
  npm run admin -- create-user --email EMAIL --name "HỌ TÊN" --role ${ROLES.join('|')} [--unit MÃ_ĐƠN_VỊ] [--password MẬT_KHẨU]
  (không có --password thì chương trình sẽ hỏi; có thể đặt ADMIN_NEW_PASSWORD)`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create-user' || !values.email || !values.name || !values.role) {
    console.error(USAGE);
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    console.error(`Vai trò không hợp lệ: ${values.role}. Chọn một trong: ${ROLES.join(', ')}`);
    return 2;
  }
  let password = values.password ?? process.env.ADMIN_NEW_PASSWORD ?? '';
  if (!password) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Mật khẩu (ít nhất 12 ký tự): ');
    rl.close();
  }
  const config = loadConfig();
  const handle = openDb({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'dvc.sqlite') });
  try {
    await migrateToLatest(handle.db as never);
    let unitId: number | null = null;
    if (values.unit) {
      const unit = await handle.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', values.unit)
        .where('valid_to', 'is', null)
        .executeTakeFirst();
      if (!unit) {
        console.error(
          `Không tìm thấy đơn vị đang hoạt động có mã ${values.unit}. Hãy chạy npm start một lần để nạp dữ liệu đơn vị.`,
        );
        return 1;
      }
      unitId = unit.id;
    }
    const id = await createUser(handle.db, null, {
      email: values.email,
      name: values.name,
      password,
      role: values.role as Role,
      unitId,
    });
    console.log(`Đã tạo tài khoản #${id} (${values.email}, ${values.role}).`);
    return 0;
  } catch (e) {
    console.error(`Không tạo được tài khoản: ${(e as Error).message}`);
    return 1;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
