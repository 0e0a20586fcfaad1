// Dossier import: stream a CSV or XLSX file, validate every row into a staging area, then swap it in with one
// transaction (or import nothing and report every bad row with its line number).
import fs from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/index.js';
import { buildAttribution, UnitResolver } from './kpi.attribution.js';
import { DEFAULT_MAPPING, headerIndex, parseRow, type ColumnMapping, type Field, type RowError } from './kpi.parse.js';
import * as repo from './kpi.repository.js';
import type { DossierColumns } from './kpi.table.js';

/** How many row problems are kept for the report (all are counted). */
export const MAX_ERRORS = 1000;

export interface ImportProgress {
  phase: 'validating' | 'writing' | 'done';
  /** Data rows read so far (the header not counted). */
  rows: number;
  /** Rows with at least one problem. */
  badRows: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportOptions {
  /** An import already recorded (an upload job); otherwise one is created. */
  importId?: number;
  source: 'upload' | 'cli' | 'api';
  /** Shown in the import log. */
  fileName: string;
  mapping?: ColumnMapping;
  actorId: number | null;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Rows per staging insert. */
  batchSize?: number;
}

export interface ImportResult {
  importId: number;
  status: 'done' | 'rejected' | 'failed';
  /** Data rows read. */
  rows: number;
  badRows: number;
  inserted: number;
  updated: number;
  /** Rows whose dossier_id appeared earlier in the same file (the later row wins). */
  duplicates: number;
  /** The first MAX_ERRORS problems, in file order. */
  errors: RowError[];
  errorCount: number;
  /** Why a failed import failed. */
  message: string | null;
}

interface SourceRecord {
  line: number;
  cells: string[];
}

class FileProblem extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** A reader failure that may not happen again on a second reading. */
    readonly retryable = false,
  ) {
    super(message);
  }
}

async function* csvRecords(file: string, delimiter: string, onBytes: (n: number) => void): AsyncGenerator<SourceRecord> {
  const input = fs.createReadStream(file);
  input.on('data', (chunk) => onBytes(chunk.length));
  const parser = input.pipe(parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: rec.info.lines, cells: rec.record };
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new FileProblem(`Tệp CSV bị lỗi định dạng: ${err.message}`, err.lines ?? 0);
  } finally {
    input.destroy();
  }
}

/** A cell as text. exceljs gives dates as UTC instants holding the sheet's wall-clock time. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return cellText(o.text);
    if ('result' in o) return cellText(o.result);
    if (o.error !== undefined) return '';
  }
  return String(v);
}

async function* xlsxRecords(file: string, onBytes: (n: number) => void): AsyncGenerator<SourceRecord> {
  const input = fs.createReadStream(file);
  input.on('data', (chunk) => onBytes(chunk.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: row.number, cells };
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(`Không đọc được tệp Excel: ${(e as Error).message}`, 0, true);
  } finally {
    input.destroy();
  }
}

/** 'xlsx' for a ZIP container (Excel 2007+), 'xls' for the old binary format, else 'csv'. */
export function detectFormat(file: string): 'csv' | 'xlsx' | 'xls' {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    if (head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'xls';
    return 'csv';
  } finally {
    fs.closeSync(fd);
  }
}

class Aborted extends Error {}

/**
 * Import a dossier export (CSV or XLSX). Every row is checked first; if any is bad nothing is imported and the
 * result lists the problems with their line numbers. A dossier_id already stored is updated.
 *
 * @example
 * const r = await importDossiers(db, 'ho-so-2025-06.csv', { source: 'cli', fileName: 'ho-so-2025-06.csv', actorId: null });
 * if (r.status === 'rejected') for (const e of r.errors) console.error(`Dòng ${e.line}: ${e.message}`);
 */
export async function importDossiers(db: Db, file: string, opts: ImportOptions): Promise<ImportResult> {
  const mapping = opts.mapping ?? DEFAULT_MAPPING;
  const batchSize = opts.batchSize ?? 2000;
  const bytesTotal = fs.statSync(file).size;
  const startedAt = new Date().toISOString();
  let importId = opts.importId;
  if (importId === undefined) {
    importId = await repo.createImport(db, {
      source: opts.source,
      file_name: opts.fileName.slice(0, 200),
      status: 'validating',
      bytes_total: bytesTotal,
      mapping: opts.mapping ? JSON.stringify(opts.mapping) : null,
      created_by: opts.actorId,
      created_at: startedAt,
      finished_at: null,
      message: null,
    });
  } else {
    await repo.updateImport(db, importId, { status: 'validating', bytes_total: bytesTotal });
  }
  const id = importId;

  const errors: RowError[] = [];
  let errorCount = 0;
  let rows = 0;
  let badRows = 0;
  let valid = 0;
  let bytesRead = 0;
  let batch = new Map<string, DossierColumns>();
  const addError = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  let lastReport = 0;
  const report = async (phase: ImportProgress['phase'], force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 500) return;
    lastReport = now;
    opts.onProgress?.({ phase, rows, badRows, bytesRead, bytesTotal });
    await repo.updateImport(db, id, { rows_read: rows, rows_bad: badRows, bytes_read: bytesRead });
  };
  const finish = async (status: 'rejected' | 'failed', message: string | null): Promise<ImportResult> => {
    await repo.clearStaging(db, id).catch(() => undefined);
    await repo.updateImport(db, id, {
      status,
      rows_read: rows,
      rows_bad: badRows,
      bytes_read: bytesRead,
      errors: JSON.stringify(errors),
      message,
      finished_at: new Date().toISOString(),
    });
    opts.onProgress?.({ phase: 'done', rows, badRows, bytesRead, bytesTotal });
    return { importId: id, status, rows, badRows, inserted: 0, updated: 0, duplicates: 0, errors, errorCount, message };
  };

  try {
    const format = detectFormat(file);
    if (format === 'xls') {
      addError({
        line: 0,
        field: null,
        message: 'Tệp .xls (Excel 97-2003) không được hỗ trợ. Hãy lưu lại dạng .xlsx hoặc .csv.',
      });
      return await finish('rejected', null);
    }
    const onBytes = (n: number) => {
      bytesRead += n;
    };
    const resolver = new UnitResolver(db, await buildAttribution(db));
    let index: Record<Field, number> | null = null;

    /** One reading of the file: check every row, stage the good ones while no row is bad. */
    const readPass = async () => {
      const records = format === 'xlsx' ? xlsxRecords(file, onBytes) : csvRecords(file, mapping.delimiter, onBytes);
      for await (const rec of records) {
        if (opts.signal?.aborted) throw new Aborted();
        if (rec.cells.some((c) => c.includes('\uFFFD'))) {
          if (!index) {
            addError({ line: rec.line, field: null, message: 'Tệp không đúng mã UTF-8. Hãy lưu tệp CSV với mã UTF-8.' });
            break;
          }
          rows += 1;
          badRows += 1;
          addError({ line: rec.line, field: null, message: 'Dòng có ký tự không đúng mã UTF-8.' });
          continue;
        }
        if (!index) {
          const h = headerIndex(rec.cells, mapping);
          if ('errors' in h) {
            h.errors.forEach((e) => addError({ ...e, line: rec.line }));
            break;
          }
          index = h.index;
          continue;
        }
        rows += 1;
        const parsed = parseRow(rec.cells, index, mapping, rec.line);
        if ('errors' in parsed) {
          badRows += 1;
          parsed.errors.forEach(addError);
        } else {
          const r = parsed.row;
          const day = r.received_at.slice(0, 10);
          const unit = resolver.cached(r.unit_code, day) ?? (await resolver.resolve(r.unit_code, day));
          if ('problem' in unit) {
            badRows += 1;
            addError({ line: rec.line, field: 'unit_code', message: unit.problem });
          } else if (errorCount === 0) {
            // Once a row is bad nothing will be imported: keep checking, stop staging.
            batch.set(r.dossier_id, { ...r, unit_id: unit.unit.id, commune_id: unit.countsUnder.id, import_id: id });
            valid += 1;
            if (batch.size >= batchSize) {
              await repo.stageRows(db, [...batch.values()]);
              batch = new Map();
            }
          }
        }
        if (rows % 2000 === 0) await report('validating');
      }
    };

    // exceljs's streaming reader now and then fails on a sound file (an internal race): read it again from the start.
    for (let attempt = 1; ; attempt++) {
      try {
        await readPass();
        break;
      } catch (e) {
        if (!(e instanceof FileProblem && e.retryable && attempt < 3)) throw e;
        await repo.clearStaging(db, id);
        errors.length = 0;
        errorCount = rows = badRows = valid = bytesRead = 0;
        batch = new Map();
        index = null;
      }
    }
    if (!index && errorCount === 0) addError({ line: 1, field: null, message: 'Tệp rỗng: không có dòng tiêu đề.' });
    if (index && rows === 0) addError({ line: 2, field: null, message: 'Tệp không có dòng dữ liệu nào.' });
    if (errorCount) return await finish('rejected', null);
    if (batch.size) await repo.stageRows(db, [...batch.values()]);
    batch = new Map();

    await repo.updateImport(db, id, { status: 'writing', rows_read: rows, rows_bad: 0, bytes_read: bytesRead });
    opts.onProgress?.({ phase: 'writing', rows, badRows, bytesRead, bytesTotal });
    const now = new Date().toISOString();
    const { inserted, updated, staged } = await db.transaction().execute(async (trx) => {
      await repo.lockImports(trx, id);
      const stagedCount = await repo.countStaged(trx, id);
      const existing = await repo.countExisting(trx, id);
      const months = await repo.affectedMonths(trx, id);
      await repo.swapIn(trx, id, now);
      await repo.recomputeMonthly(trx, months);
      await repo.clearStaging(trx, id);
      const counts = { inserted: stagedCount - existing, updated: existing, staged: stagedCount };
      await repo.updateImport(trx, id, {
        status: 'done',
        rows_read: rows,
        rows_bad: 0,
        inserted: counts.inserted,
        updated: counts.updated,
        bytes_read: bytesRead,
        errors: '[]',
        finished_at: new Date().toISOString(),
      });
      await audit(trx, {
        actorId: opts.actorId,
        action: 'kpi.import',
        entity: 'kpi_import',
        entityId: id,
        summary: `Nhập hồ sơ từ tệp ${opts.fileName.slice(0, 120)}: thêm ${counts.inserted}, cập nhật ${counts.updated}.`,
        detail: { rows, months: months.length, source: opts.source },
      });
      return counts;
    });
    opts.onProgress?.({ phase: 'done', rows, badRows: 0, bytesRead, bytesTotal });
    return {
      importId: id,
      status: 'done',
      rows,
      badRows: 0,
      inserted,
      updated,
      duplicates: valid - staged,
      errors: [],
      errorCount: 0,
      message: null,
    };
  } catch (e) {
    if (e instanceof FileProblem) {
      addError({ line: e.line, field: null, message: e.message });
      return finish('rejected', null);
    }
    const message =
      e instanceof Aborted
        ? 'Việc nhập đã dừng vì máy chủ tắt. Không có hồ sơ nào được nhập; hãy tải tệp lên lại.'
        : `Lỗi hệ thống khi nhập, không có hồ sơ nào được nhập: ${(e as Error).message}`;
    return finish('failed', message);
  }
}
