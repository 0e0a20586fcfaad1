// Kysely queries of the kpi module (one code path for SQLite and PostgreSQL).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type { DossierColumns, KpiImportsTable } from './kpi.table.js';

export type ImportRow = Selectable<KpiImportsTable>;

/** The counters kept per counting unit and month. */
export interface Counts {
  received: number;
  received_online: number;
  fee_required: number;
  paid_online: number;
  finished: number;
  finished_on_time: number;
}

export const ZERO: Counts = {
  received: 0,
  received_online: 0,
  fee_required: 0,
  paid_online: 0,
  finished: 0,
  finished_on_time: 0,
};

export interface MonthRange {
  /** 'YYYY-MM', inclusive. */
  from: string;
  to: string;
  /** Counting units to include; undefined = the whole city. */
  unitIds?: readonly number[];
}

// ---- Imports -------------------------------------------------------------------------------------

export async function createImport(db: DbOrTrx, values: Insertable<KpiImportsTable>): Promise<number> {
  const row = await db.insertInto('kpi_imports').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateImport(db: DbOrTrx, id: number, patch: Updateable<KpiImportsTable>): Promise<void> {
  await db.updateTable('kpi_imports').set(patch).where('id', '=', id).execute();
}

export async function getImport(db: DbOrTrx, id: number): Promise<ImportRow | undefined> {
  return db.selectFrom('kpi_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listImports(db: DbOrTrx, limit = 20): Promise<ImportRow[]> {
  return db.selectFrom('kpi_imports').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Imports of a source left unfinished (the process that ran them stopped). */
export async function unfinishedImports(db: DbOrTrx, source: ImportRow['source']): Promise<number[]> {
  const rows = await db
    .selectFrom('kpi_imports')
    .select('id')
    .where('source', '=', source)
    .where('status', 'in', ['queued', 'validating', 'writing'])
    .execute();
  return rows.map((r) => Number(r.id));
}

// ---- Staging and swap ---------------------------------------------------------------------------

/** Add validated rows to an import's staging area; a dossier_id seen again in the same file replaces the earlier row. */
export async function stageRows(db: DbOrTrx, rows: DossierColumns[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('kpi_dossier_staging')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['import_id', 'dossier_id']).doUpdateSet((eb) => ({
        unit_code: eb.ref('excluded.unit_code'),
        unit_id: eb.ref('excluded.unit_id'),
        commune_id: eb.ref('excluded.commune_id'),
        procedure_code: eb.ref('excluded.procedure_code'),
        received_at: eb.ref('excluded.received_at'),
        received_month: eb.ref('excluded.received_month'),
        channel: eb.ref('excluded.channel'),
        due_at: eb.ref('excluded.due_at'),
        finished_at: eb.ref('excluded.finished_at'),
        finished_month: eb.ref('excluded.finished_month'),
        on_time: eb.ref('excluded.on_time'),
        fee_required: eb.ref('excluded.fee_required'),
        paid_online: eb.ref('excluded.paid_online'),
      })),
    )
    .execute();
}

export async function clearStaging(db: DbOrTrx, importId: number): Promise<void> {
  await db.deleteFrom('kpi_dossier_staging').where('import_id', '=', importId).execute();
}

/** Serialize imports' final transactions (a row lock on PostgreSQL; SQLite has one writer anyway). */
export async function lockImports(trx: DbOrTrx, importId: number): Promise<void> {
  await trx
    .updateTable('kpi_state')
    .set({ value: String(importId) })
    .where('key', '=', 'import_lock')
    .execute();
}

export async function countStaged(db: DbOrTrx, importId: number): Promise<number> {
  const r = await db
    .selectFrom('kpi_dossier_staging')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** How many staged dossiers already exist (they will be updated, not added). */
export async function countExisting(db: DbOrTrx, importId: number): Promise<number> {
  const r = await db
    .selectFrom('kpi_dossier_staging as s')
    .innerJoin('kpi_dossiers as d', 'd.dossier_id', 's.dossier_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every month whose counts change: the staged rows' months and the months of the rows they replace. */
export async function affectedMonths(db: DbOrTrx, importId: number): Promise<string[]> {
  const staged = db.selectFrom('kpi_dossier_staging').where('import_id', '=', importId);
  const replaced = db
    .selectFrom('kpi_dossier_staging as s')
    .innerJoin('kpi_dossiers as d', 'd.dossier_id', 's.dossier_id')
    .where('s.import_id', '=', importId);
  const rows = await staged
    .select((eb) => eb.ref('received_month').$castTo<string | null>().as('m'))
    .distinct()
    .union(staged.select('finished_month as m').distinct())
    .union(replaced.select((eb) => eb.ref('d.received_month').$castTo<string | null>().as('m')).distinct())
    .union(replaced.select('d.finished_month as m').distinct())
    .execute();
  return [...new Set(rows.map((r) => r.m).filter((m): m is string => typeof m === 'string'))].sort();
}

/** Move an import's staged rows into the dossiers: new ids are added, known ids updated. */
export async function swapIn(trx: DbOrTrx, importId: number, now: string): Promise<void> {
  await trx
    .insertInto('kpi_dossiers')
    .columns([
      'dossier_id',
      'unit_code',
      'unit_id',
      'commune_id',
      'procedure_code',
      'received_at',
      'received_month',
      'channel',
      'due_at',
      'finished_at',
      'finished_month',
      'on_time',
      'fee_required',
      'paid_online',
      'import_id',
      'updated_at',
    ])
    .expression(
      trx
        .selectFrom('kpi_dossier_staging')
        .select([
          'dossier_id',
          'unit_code',
          'unit_id',
          'commune_id',
          'procedure_code',
          'received_at',
          'received_month',
          'channel',
          'due_at',
          'finished_at',
          'finished_month',
          'on_time',
          'fee_required',
          'paid_online',
          'import_id',
          sql<string>`cast(${now} as text)`.as('updated_at'),
        ])
        .where('import_id', '=', importId),
    )
    .onConflict((oc) =>
      oc.column('dossier_id').doUpdateSet((eb) => ({
        unit_code: eb.ref('excluded.unit_code'),
        unit_id: eb.ref('excluded.unit_id'),
        commune_id: eb.ref('excluded.commune_id'),
        procedure_code: eb.ref('excluded.procedure_code'),
        received_at: eb.ref('excluded.received_at'),
        received_month: eb.ref('excluded.received_month'),
        channel: eb.ref('excluded.channel'),
        due_at: eb.ref('excluded.due_at'),
        finished_at: eb.ref('excluded.finished_at'),
        finished_month: eb.ref('excluded.finished_month'),
        on_time: eb.ref('excluded.on_time'),
        fee_required: eb.ref('excluded.fee_required'),
        paid_online: eb.ref('excluded.paid_online'),
        import_id: eb.ref('excluded.import_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** kpi_monthly.commune_id of the rows holding the whole city's totals (no unit has id 0). */
export const CITY_TOTAL = 0;

const MONTHLY_COLUMNS = [
  'commune_id',
  'month',
  'received',
  'received_online',
  'fee_required',
  'paid_online',
  'finished',
  'finished_on_time',
] as const;

/** Recount the monthly table for these months from the dossiers (received by received_at, finished by finished_at). */
export async function recomputeMonthly(trx: DbOrTrx, months: readonly string[]): Promise<void> {
  if (!months.length) return;
  for (let i = 0; i < months.length; i += 200) {
    const part = months.slice(i, i + 200);
    await trx.deleteFrom('kpi_monthly').where('month', 'in', part).execute();
    await trx
      .insertInto('kpi_monthly')
      .columns(MONTHLY_COLUMNS)
      .expression(
        trx
          .selectFrom('kpi_dossiers')
          .select((eb) => [
            'commune_id',
            'received_month',
            eb.fn.countAll<number>().as('received'),
            sql<number>`sum(case when channel = 'online' then 1 else 0 end)`.as('received_online'),
            sql<number>`sum(fee_required)`.as('fee_required'),
            sql<number>`sum(fee_required * paid_online)`.as('paid_online'),
            sql<number>`0`.as('finished'),
            sql<number>`0`.as('finished_on_time'),
          ])
          .where('received_month', 'in', part)
          .groupBy(['commune_id', 'received_month']),
      )
      .execute();
    await trx
      .insertInto('kpi_monthly')
      .columns(MONTHLY_COLUMNS)
      .expression(
        trx
          .selectFrom('kpi_dossiers')
          .select((eb) => [
            'commune_id',
            'finished_month',
            sql<number>`0`.as('received'),
            sql<number>`0`.as('received_online'),
            sql<number>`0`.as('fee_required'),
            sql<number>`0`.as('paid_online'),
            eb.fn.countAll<number>().as('finished'),
            sql<number>`sum(on_time)`.as('finished_on_time'),
          ])
          .where('finished_month', 'in', part)
          .groupBy(['commune_id', 'finished_month']),
      )
      .onConflict((oc) =>
        oc.columns(['commune_id', 'month']).doUpdateSet((eb) => ({
          finished: eb.ref('excluded.finished'),
          finished_on_time: eb.ref('excluded.finished_on_time'),
        })),
      )
      .execute();
    // The city's own rows (commune_id = CITY_TOTAL): a city-wide query reads one row per month, not one per unit.
    await trx
      .insertInto('kpi_monthly')
      .columns(MONTHLY_COLUMNS)
      .expression(
        trx
          .selectFrom('kpi_monthly')
          .select([
            sql<number>`${sql.lit(CITY_TOTAL)}`.as('commune_id'),
            'month',
            sql<number>`sum(received)`.as('received'),
            sql<number>`sum(received_online)`.as('received_online'),
            sql<number>`sum(fee_required)`.as('fee_required'),
            sql<number>`sum(paid_online)`.as('paid_online'),
            sql<number>`sum(finished)`.as('finished'),
            sql<number>`sum(finished_on_time)`.as('finished_on_time'),
          ])
          .where('month', 'in', part)
          .where('commune_id', '<>', CITY_TOTAL)
          .groupBy('month'),
      )
      .execute();
  }
}

// ---- Figures ------------------------------------------------------------------------------------

const sums = [
  sql<number>`coalesce(sum(received), 0)`.as('received'),
  sql<number>`coalesce(sum(received_online), 0)`.as('received_online'),
  sql<number>`coalesce(sum(fee_required), 0)`.as('fee_required'),
  sql<number>`coalesce(sum(paid_online), 0)`.as('paid_online'),
  sql<number>`coalesce(sum(finished), 0)`.as('finished'),
  sql<number>`coalesce(sum(finished_on_time), 0)`.as('finished_on_time'),
] as const;

function toCounts(r: Record<string, unknown> | undefined): Counts {
  return {
    received: Number(r?.received ?? 0),
    received_online: Number(r?.received_online ?? 0),
    fee_required: Number(r?.fee_required ?? 0),
    paid_online: Number(r?.paid_online ?? 0),
    finished: Number(r?.finished ?? 0),
    finished_on_time: Number(r?.finished_on_time ?? 0),
  };
}

/** Monthly rows of a range: the units asked for, or (no units) the city's own total rows. */
function monthly(db: DbOrTrx, q: MonthRange, cityRows = true) {
  const query = db.selectFrom('kpi_monthly').where('month', '>=', q.from).where('month', '<=', q.to);
  if (q.unitIds) return query.where('commune_id', 'in', q.unitIds);
  return query.where('commune_id', cityRows ? '=' : '<>', CITY_TOTAL);
}

/** Counts summed over a range of months (and units). */
export async function totals(db: DbOrTrx, q: MonthRange): Promise<Counts> {
  if (q.unitIds && !q.unitIds.length) return { ...ZERO };
  return toCounts(await monthly(db, q).select(sums).executeTakeFirst());
}

/** Counts per month over a range (months without data are absent). */
export async function series(db: DbOrTrx, q: MonthRange): Promise<Array<Counts & { month: string }>> {
  if (q.unitIds && !q.unitIds.length) return [];
  const rows = await monthly(db, q)
    .select(['month', ...sums])
    .groupBy('month')
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, ...toCounts(r) }));
}

/** Counts per counting unit over a range. */
export async function byUnit(db: DbOrTrx, q: MonthRange): Promise<Array<Counts & { commune_id: number }>> {
  if (q.unitIds && !q.unitIds.length) return [];
  const rows = await monthly(db, q, false)
    .select(['commune_id', ...sums])
    .groupBy('commune_id')
    .execute();
  return rows.map((r) => ({ commune_id: Number(r.commune_id), ...toCounts(r) }));
}

/** First and last month with any figure, or null when nothing was imported. */
export async function dataRange(db: DbOrTrx): Promise<{ from: string; to: string } | null> {
  const r = await db
    .selectFrom('kpi_monthly')
    .select((eb) => [eb.fn.min('month').as('from'), eb.fn.max('month').as('to')])
    .executeTakeFirst();
  return r?.from && r.to ? { from: String(r.from), to: String(r.to) } : null;
}
