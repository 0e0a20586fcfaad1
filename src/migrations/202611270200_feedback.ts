import type { Kysely } from 'kysely';
import { idColumn } from './_schema.js';

// Frozen: feedback (phản ánh, kiến nghị), its workflow, calendar, e-mail outbox, partner API keys, idempotency keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('feedback_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('deadline_days', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_routing_rules')
    .addColumn('id', id.type, id.build)
    .addColumn('category_id', 'text', (c) => c.references('feedback_categories.id'))
    .addColumn('topic_id', 'text')
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_items')
    .addColumn('id', id.type, id.build)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('feedback_categories.id'))
    .addColumn('topic_id', 'text')
    .addColumn('commune_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .addColumn('address', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'text', (c) => c.notNull())
    .addColumn('paused_on', 'text')
    .addColumn('first_answered_at', 'text')
    .addColumn('on_time', 'integer')
    .addColumn('answered_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('feedback_items.id'))
    .addColumn('public_content', 'text')
    .addColumn('public_answer', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_items_unit_status').on('feedback_items').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('feedback_items_status_deadline').on('feedback_items').columns(['status', 'deadline_on']).execute();
  await db.schema.createIndex('feedback_items_received').on('feedback_items').column('received_on').execute();
  await db.schema.createIndex('feedback_items_published').on('feedback_items').column('published_at').execute();
  await db.schema.createIndex('feedback_items_merged').on('feedback_items').column('merged_into_id').execute();

  await db.schema
    .createTable('feedback_history')
    .addColumn('id', id.type, id.build)
    .addColumn('feedback_id', 'integer', (c) => c.notNull().references('feedback_items.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('feedback_history_item').on('feedback_history').columns(['feedback_id', 'id']).execute();

  await db.schema
    .createTable('feedback_templates')
    .addColumn('id', id.type, id.build)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('feedback_calendar')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_outbox')
    .addColumn('id', id.type, id.build)
    .addColumn('feedback_id', 'integer', (c) => c.references('feedback_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('feedback_outbox_due').on('feedback_outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('feedback_api_keys')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('feedback_idempotency')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response_body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_idempotency_pk', ['key', 'route'])
    .execute();
  await db.schema.createIndex('feedback_idempotency_created').on('feedback_idempotency').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'feedback_idempotency',
    'feedback_api_keys',
    'feedback_outbox',
    'feedback_calendar',
    'feedback_templates',
    'feedback_history',
    'feedback_items',
    'feedback_routing_rules',
    'feedback_categories',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
