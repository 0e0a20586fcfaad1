import type { Kysely } from 'kysely';
import { idColumn } from './_schema.js';

// Frozen: dossier records imported from the procedure-handling system, the staging area an import is
// validated into, monthly counts per counting unit (maintained at import time), and the import log.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  // Fact table. No foreign keys on purpose: ids come from org_units at import time, and per-row FK checks
  // would slow a million-row import. Times are Vietnam local time, 'YYYY-MM-DDTHH:MM:SS'.
  const dossierColumns = (t: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    t
      .addColumn('dossier_id', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      /** The unit that carried unit_code on the received date. */
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      /** The current unit the dossier counts under (a new commune, or a city-level body itself). */
      .addColumn('commune_id', 'integer', (c) => c.notNull())
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('received_month', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('finished_month', 'text')
      /** 1/0 once finished (finished_at <= due_at); null while unfinished. */
      .addColumn('on_time', 'integer')
      .addColumn('fee_required', 'integer', (c) => c.notNull())
      .addColumn('paid_online', 'integer', (c) => c.notNull())
      .addColumn('import_id', 'integer', (c) => c.notNull());

  await dossierColumns(db.schema.createTable('kpi_dossiers'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_dossiers_pk', ['dossier_id'])
    .execute();
  // Covering the monthly recount of an import (it groups a month's dossiers by commune without reading the table).
  await db.schema
    .createIndex('kpi_dossiers_received')
    .on('kpi_dossiers')
    .columns(['received_month', 'commune_id', 'channel', 'fee_required', 'paid_online'])
    .execute();
  await db.schema
    .createIndex('kpi_dossiers_finished')
    .on('kpi_dossiers')
    .columns(['finished_month', 'commune_id', 'on_time'])
    .execute();

  await dossierColumns(db.schema.createTable('kpi_dossier_staging'))
    .addPrimaryKeyConstraint('kpi_dossier_staging_pk', ['import_id', 'dossier_id'])
    .execute();

  // Counts per counting unit and month; commune_id 0 holds the whole city's totals.
  await db.schema
    .createTable('kpi_monthly')
    .addColumn('commune_id', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('finished', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('finished_on_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('kpi_monthly_pk', ['commune_id', 'month'])
    .execute();
  await db.schema
    .createIndex('kpi_monthly_month')
    .on('kpi_monthly')
    .columns([
      'month',
      'commune_id',
      'received',
      'received_online',
      'fee_required',
      'paid_online',
      'finished',
      'finished_on_time',
    ])
    .execute();

  await db.schema
    .createTable('kpi_imports')
    .addColumn('id', id.type, id.build)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_bad', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_read', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array of { line, field, message } (the first ones). */
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('message', 'text')
    /** JSON column mapping used, if any. */
    .addColumn('mapping', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // One row locked at the start of each import's final transaction, so two imports never interleave.
  await db.schema
    .createTable('kpi_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('kpi_state' as never)
    .values({ key: 'import_lock', value: '' } as never)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['kpi_state', 'kpi_imports', 'kpi_monthly', 'kpi_dossier_staging', 'kpi_dossiers']) {
    await db.schema.dropTable(t).execute();
  }
}
