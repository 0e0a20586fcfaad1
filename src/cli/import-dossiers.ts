// npm run import:dossiers -- FILE.csv|FILE.xlsx [--mapping MAPPING.json]
// Checks every row first; imports nothing if a row is bad (and lists the bad rows with their line numbers).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { importDossiers, parseMapping, type ColumnMapping } from '../modules/kpi/index.js';
import { openDb } from '../platform/db/index.js';
import { migrateToLatest } from '../platform/db/migrate.js';

const USAGE = `Cách dùng:
  npm run import:dossiers -- TỆP.csv|TỆP.xlsx [--mapping ÁNH_XẠ.json] [--quiet]
Tệp có dòng tiêu đề dossier_id,unit_code,procedure_code,received_at,channel,due_at,finished_at,fee_required,paid_online
hoặc tên cột khác kèm bảng ánh xạ cột (xem docs/kpi.md).`;

const nf = new Intl.NumberFormat('vi-VN');
const MAX_SHOWN = 50;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { mapping: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`Không tìm thấy tệp ${file}`);
    return 2;
  }
  let mapping: ColumnMapping | undefined;
  if (values.mapping) {
    let text: string;
    try {
      text = fs.readFileSync(values.mapping, 'utf8');
    } catch {
      console.error(`Không đọc được tệp ánh xạ cột ${values.mapping}`);
      return 2;
    }
    const m = parseMapping(text);
    if ('error' in m) {
      console.error(`Tệp ánh xạ cột ${values.mapping}: ${m.error}`);
      return 2;
    }
    mapping = m.mapping;
  }

  const config = loadConfig();
  const handle = openDb({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'dvc.sqlite') });
  try {
    await migrateToLatest(handle.db as never);
    const units = await handle.db
      .selectFrom('org_units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (!Number(units.n)) {
      console.error('Cơ sở dữ liệu chưa có danh mục đơn vị. Hãy chạy npm start một lần để nạp dữ liệu ban đầu.');
      return 1;
    }
    const started = performance.now();
    const tty = process.stderr.isTTY;
    let lastLine = 0;
    const result = await importDossiers(handle.db, file, {
      source: 'cli',
      fileName: path.basename(file),
      mapping,
      actorId: null,
      onProgress: (p) => {
        if (values.quiet) return;
        const now = performance.now();
        if (p.phase === 'validating' && now - lastLine < 1000) return;
        lastLine = now;
        const pct = p.bytesTotal ? ` (${Math.min(100, Math.floor((p.bytesRead / p.bytesTotal) * 100))} %)` : '';
        const msg =
          p.phase === 'validating'
            ? `Đang kiểm tra: ${nf.format(p.rows)} dòng${pct}${p.badRows ? `, ${nf.format(p.badRows)} dòng lỗi` : ''}`
            : p.phase === 'writing'
              ? `Đã kiểm tra ${nf.format(p.rows)} dòng, đang ghi vào cơ sở dữ liệu...`
              : `Kết thúc sau ${((now - started) / 1000).toFixed(1)} giây.`;
        process.stderr.write(tty ? `\r\x1b[K${msg}${p.phase === 'done' ? '\n' : ''}` : `${msg}\n`);
      },
    });
    if (result.status === 'done') {
      console.log(
        `Đã nhập ${nf.format(result.rows)} dòng từ ${path.basename(file)}: thêm mới ${nf.format(result.inserted)}, cập nhật ${nf.format(result.updated)} hồ sơ${result.duplicates ? ` (${nf.format(result.duplicates)} dòng trùng mã hồ sơ trong tệp, lấy dòng sau cùng)` : ''}. Lần nhập #${result.importId}.`,
      );
      return 0;
    }
    if (result.status === 'failed') {
      console.error(`Không nhập được: ${result.message}`);
      return 1;
    }
    console.error(
      `Không nhập hồ sơ nào: ${nf.format(result.badRows)} trên ${nf.format(result.rows)} dòng có lỗi (${nf.format(result.errorCount)} lỗi).`,
    );
    for (const e of result.errors.slice(0, MAX_SHOWN)) {
      console.error(`  Dòng ${e.line}${e.field ? `, cột ${e.field}` : ''}: ${e.message}`);
    }
    if (result.errorCount > MAX_SHOWN) {
      console.error(
        `  ... và ${nf.format(result.errorCount - MAX_SHOWN)} lỗi khác (xem lần nhập #${result.importId} trong trang quản trị).`,
      );
    }
    return 1;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main();
