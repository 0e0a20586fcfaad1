import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from '../../database.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A Kysely instance or an open transaction: repository functions take either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /** SQLite only: a copy of the whole database. */
  serialize?: () => Buffer;
}

export interface DbOptions {
  /** postgres://... or empty for SQLite. */
  databaseUrl: string;
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate each file in its own schema). */
  pgSchema?: string;
  /** Start an in-memory SQLite database from a serialized copy (tests reuse a seeded template). */
  sqliteImage?: Buffer;
}

/**
 * Open the database: SQLite (WAL, foreign keys, full sync) by default, PostgreSQL when a URL is given.
 *
 * @example
 * const { db, close } = openDb({ databaseUrl: '', sqliteFile: 'data/dvc.sqlite' });
 */
export function openDb(opts: DbOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = opts.sqliteImage ? new SQLite(opts.sqliteImage) : new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // FULL: a transaction acknowledged to a client survives a crash or power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy(), serialize: () => sqlite.serialize() };
}

// pg returns int8 (count) and numeric as strings; numbers in this app fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
