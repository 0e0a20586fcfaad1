import type { Kysely } from 'kysely';
import { idColumn } from './_schema.js';

// Frozen: periodic report forms, periods, units' submissions (with numeric values for consolidation),
// reminders sent, and in-app notifications for staff.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('report_forms')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    /** JSON array of { key, label, type, hint }. */
    .addColumn('fields', 'text', (c) => c.notNull())
    /** JSON array of unit types that must report. */
    .addColumn('unit_types', 'text', (c) => c.notNull())
    .addColumn('deadline_days', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_periods')
    .addColumn('id', id.type, id.build)
    .addColumn('form_id', 'integer', (c) => c.notNull().references('report_forms.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_periods_start', ['form_id', 'start_date'])
    .execute();
  await db.schema.createIndex('report_periods_range').on('report_periods').columns(['start_date', 'end_date']).execute();

  await db.schema
    .createTable('report_submissions')
    .addColumn('id', id.type, id.build)
    .addColumn('period_id', 'integer', (c) => c.notNull().references('report_periods.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('report_submissions_unit', ['period_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('report_submissions_unit_idx').on('report_submissions').column('unit_id').execute();

  // Numeric figures of submitted reports, one row per field: consolidation is a plain SQL aggregate.
  await db.schema
    .createTable('report_values')
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('report_submissions.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('report_periods.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('field_key', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_values_pk', ['submission_id', 'field_key'])
    .execute();
  await db.schema.createIndex('report_values_period').on('report_values').columns(['period_id', 'field_key']).execute();
  await db.schema.createIndex('report_values_unit').on('report_values').columns(['unit_id', 'period_id']).execute();

  await db.schema
    .createTable('report_reminders')
    .addColumn('id', id.type, id.build)
    .addColumn('period_id', 'integer', (c) => c.notNull().references('report_periods.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('emails', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_reminders_period').on('report_reminders').columns(['period_id', 'unit_id']).execute();

  await db.schema
    .createTable('staff_notifications')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('staff_notifications_user').on('staff_notifications').columns(['user_id', 'read_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'staff_notifications',
    'report_reminders',
    'report_values',
    'report_submissions',
    'report_periods',
    'report_forms',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
