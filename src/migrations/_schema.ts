// Frozen helpers for migrations only: never import application code from here.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-increment integer primary key on both dialects. */
export function idColumn(db: Kysely<unknown>) {
  return isPostgres(db)
    ? { type: sql`bigserial`, build: (c: ColumnDefinitionBuilder) => c.primaryKey() }
    : { type: sql`integer`, build: (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement() };
}
