import type { Kysely } from 'kysely';
import { idColumn } from './_schema.js';

// Frozen: the campaign plan (targets, phases, messages, channels, duties), activities with evidence,
// content items with their per-channel variants, review comments and publication evidence.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('campaign_plans')
    .addColumn('id', id.type, id.build)
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('main_message', 'text', (c) => c.notNull())
    /** JSON array of strings: the general goals (section I.1.1). */
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('copied_from', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaign_targets')
    .addColumn('id', id.type, id.build)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('campaign_plans.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('metric_key', 'text', (c) => c.notNull())
    .addColumn('target_value', 'real', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_targets_metric', ['plan_id', 'metric_key'])
    .execute();

  await db.schema
    .createTable('campaign_phases')
    .addColumn('id', id.type, id.build)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('campaign_plans.id'))
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('goals', 'text', (c) => c.notNull())
    .addColumn('units', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_phases_no', ['plan_id', 'no'])
    .execute();

  await db.schema
    .createTable('campaign_messages')
    .addColumn('id', id.type, id.build)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('campaign_plans.id'))
    .addColumn('audience_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('emphasis', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_messages_plan').on('campaign_messages').column('plan_id').execute();

  await db.schema
    .createTable('campaign_channels')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('campaign_duties')
    .addColumn('id', id.type, id.build)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('campaign_plans.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unit_type', 'text')
    .addColumn('unit_code', 'text')
    /** JSON array of strings. */
    .addColumn('duties', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_duties_plan').on('campaign_duties').column('plan_id').execute();

  await db.schema
    .createTable('campaign_activities')
    .addColumn('id', id.type, id.build)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('campaign_plans.id'))
    .addColumn('phase_id', 'integer', (c) => c.references('campaign_phases.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_activities_plan').on('campaign_activities').columns(['plan_id', 'phase_id']).execute();
  await db.schema.createIndex('campaign_activities_lead').on('campaign_activities').column('lead_unit_id').execute();
  await db.schema.createIndex('campaign_activities_due').on('campaign_activities').column('due_date').execute();

  await db.schema
    .createTable('campaign_activity_units')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('campaign_activities.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addPrimaryKeyConstraint('campaign_activity_units_pk', ['activity_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('campaign_activity_units_unit').on('campaign_activity_units').column('unit_id').execute();

  await db.schema
    .createTable('campaign_evidence')
    .addColumn('id', id.type, id.build)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('campaign_activities.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('file_name', 'text')
    .addColumn('stored_name', 'text')
    .addColumn('mime', 'text')
    .addColumn('size', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_evidence_activity').on('campaign_evidence').column('activity_id').execute();

  await db.schema
    .createTable('campaign_content')
    .addColumn('id', id.type, id.build)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('campaign_plans.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.references('campaign_messages.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('activity_id', 'integer', (c) => c.references('campaign_activities.id').onDelete('set null'))
    .addColumn('planned_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('approver_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('campaign_content_owner').on('campaign_content').columns(['owner_unit_id', 'status']).execute();
  await db.schema.createIndex('campaign_content_planned').on('campaign_content').column('planned_date').execute();

  await db.schema
    .createTable('campaign_content_variants')
    .addColumn('content_id', 'integer', (c) => c.notNull().references('campaign_content.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().references('campaign_channels.key'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_content_variants_pk', ['content_id', 'channel'])
    .execute();

  await db.schema
    .createTable('campaign_content_comments')
    .addColumn('id', id.type, id.build)
    .addColumn('content_id', 'integer', (c) => c.notNull().references('campaign_content.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_content_comments_c').on('campaign_content_comments').column('content_id').execute();

  await db.schema
    .createTable('campaign_publications')
    .addColumn('id', id.type, id.build)
    .addColumn('content_id', 'integer', (c) => c.notNull().references('campaign_content.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().references('campaign_channels.key'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shares', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_publications_url', ['content_id', 'channel', 'url'])
    .execute();
  await db.schema
    .createIndex('campaign_publications_when')
    .on('campaign_publications')
    .columns(['published_on', 'channel'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'campaign_publications',
    'campaign_content_comments',
    'campaign_content_variants',
    'campaign_content',
    'campaign_evidence',
    'campaign_activity_units',
    'campaign_activities',
    'campaign_duties',
    'campaign_channels',
    'campaign_messages',
    'campaign_phases',
    'campaign_targets',
    'campaign_plans',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
