import type { Kysely } from 'kysely';
import { idColumn } from './_schema.js';

// Frozen: surveys (builder, placements for distribution, anonymous responses and their answers).
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('surveys')
    .addColumn('id', id.type, id.build)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title_vi', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('intro_vi', 'text', (c) => c.notNull())
    .addColumn('intro_en', 'text')
    // draft | open | closed
    .addColumn('status', 'text', (c) => c.notNull())
    // ISO dates (YYYY-MM-DD), inclusive, Vietnam time; null = no limit.
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    // JSON array of audience ids (table audiences).
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('has_en', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_satisfaction', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results_published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', id.type, id.build)
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // Stable key used by the form fields and the JSON API (q1, q2...).
    .addColumn('qkey', 'text', (c) => c.notNull())
    // single | multiple | scale5 | scale10 | text | audience | commune
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('text_vi', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text')
    .addColumn('help_vi', 'text')
    .addColumn('help_en', 'text')
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON [{ "v": "1", "vi": "...", "en": "..." }]
    .addColumn('options', 'text', (c) => c.notNull())
    // JSON [{ "v": "1", "goto": "q5" | "end" }]
    .addColumn('rules', 'text', (c) => c.notNull())
    // After this question, whatever the answer: a question key, "end", or null (the next question).
    .addColumn('next_goto', 'text')
    // 1 on 1-5 satisfaction-scale questions (Rất không hài lòng .. Rất hài lòng).
    .addColumn('satisfaction', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_questions_key', ['survey_id', 'qkey'])
    .execute();
  await db.schema.createIndex('survey_questions_survey').on('survey_questions').columns(['survey_id', 'position']).execute();

  await db.schema
    .createTable('survey_placements')
    .addColumn('id', id.type, id.build)
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_placements_source', ['survey_id', 'source'])
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', id.type, id.build)
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    // web (the HTML form) | api
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('placement_id', 'integer', (c) => c.references('survey_placements.id'))
    .addColumn('audience_id', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('org_units.id'))
    // Only with explicit consent; never exported to viewers, never published.
    .addColumn('contact', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addUniqueConstraint('survey_responses_idem', ['survey_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('survey_responses_survey').on('survey_responses').columns(['survey_id', 'submitted_at']).execute();
  await db.schema.createIndex('survey_responses_at').on('survey_responses').column('submitted_at').execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('survey_questions.id'))
    // Option value, scale value as text, audience id, commune code, or (redacted) free text.
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('num', 'integer')
    .execute();
  await db.schema.createIndex('survey_answers_response').on('survey_answers').column('response_id').execute();
  await db.schema.createIndex('survey_answers_question').on('survey_answers').columns(['question_id', 'value']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['survey_answers', 'survey_responses', 'survey_placements', 'survey_questions', 'surveys']) {
    await db.schema.dropTable(t).execute();
  }
}
