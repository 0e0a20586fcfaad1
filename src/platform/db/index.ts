import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
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
  /**
   * SQLite file only: copy the write-ahead log into the database from a worker thread instead of during a commit on
   * the main thread (the running server sets this; short CLI runs do not need it).
   */
  checkpointInBackground?: boolean;
}

/** How often the background checkpointer copies the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

/**
 * The checkpointer's thread: its own connection, a PASSIVE checkpoint every second (it never blocks a writer or
 * reader; frames still in use wait for the next round). Kept as source text so it runs the same under tsx and dist.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
// A writer starts the log over only if every frame was copied when it began; under steady writes a long
// checkpoint always overlaps a commit, so repeat the (now short) checkpoint until nothing new arrived meanwhile.
const run = () => {
  let before = -1;
  for (let i = 0; i < 8; i++) {
    let r;
    try {
      [r] = db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      if (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED') return;
      throw err;
    }
    if (r.busy || r.log === before) return;
    before = r.log;
  }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Start the background checkpointer for a WAL database and turn off checkpoints on commit. If the thread fails,
 * commits checkpoint again as SQLite does by default, so the log never grows without bound.
 */
function startCheckpointer(sqlite: SQLite.Database, file: string): () => Promise<void> {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS },
  });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', (err) => {
    if (stopped) return;
    process.emitWarning(`database: background checkpointer stopped (${String(err)}); checkpointing on commit instead`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });
  return async () => {
    stopped = true;
    worker.ref(); // keep the process alive until the thread has closed its connection
    worker.postMessage('stop');
    await exited;
  };
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
  // The write-ahead log is reused after each checkpoint; truncate it if a burst made it larger than 64 MB.
  sqlite.pragma('journal_size_limit = 67108864');
  const stopCheckpointer =
    opts.checkpointInBackground && file !== ':memory:' && !opts.sqliteImage ? startCheckpointer(sqlite, file) : null;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await stopCheckpointer?.();
      // Closing the last connection checkpoints what is left and removes the log.
      await db.destroy();
    },
    serialize: () => sqlite.serialize(),
  };
}

/**
 * A transaction whose commit returns before it reaches the disk: for records the app already keeps in memory and
 * writes in batches (the assistant's conversation log), never for anything acknowledged to a user. A process crash
 * loses nothing committed; a power loss may lose the last batches. SQLite: this connection's commits skip the fsync
 * (synchronous NORMAL in WAL mode) for this one transaction, holding the connection so no other write runs relaxed;
 * the next ordinary commit's fsync covers them. PostgreSQL: synchronous_commit off for this transaction.
 *
 * @example
 * await relaxedTransaction(deps.db, deps.dialect, (trx) => repo.insertMessages(trx, batch));
 */
export function relaxedTransaction<T>(db: Db, dialect: Dialect, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`SET LOCAL synchronous_commit = off`.execute(trx);
      return fn(trx);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`PRAGMA synchronous = NORMAL`.execute(conn);
    try {
      return await conn.transaction().execute(fn);
    } finally {
      await sql`PRAGMA synchronous = FULL`.execute(conn);
    }
  });
}

// pg returns int8 (count) and numeric as strings; numbers in this app fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
