import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db, Dialect } from './db/index.js';

/** What app.ts hands every module. */
export interface AppDeps {
  db: Db;
  dialect: Dialect;
  config: Config;
}

/**
 * A module: its routes (a Fastify plugin) and optionally its starter content.
 * `seed` runs once, on the first start of an empty database, in app.ts order.
 */
export interface AppModule {
  name: string;
  routes: (app: FastifyInstance, deps: AppDeps) => Promise<void>;
  seed?: (deps: AppDeps) => Promise<void>;
  /** Work to do after start-up (warm caches); must be quick. */
  ready?: (deps: AppDeps) => Promise<void>;
  /** Release resources on shutdown (timers, flush counters). */
  close?: (deps: AppDeps) => Promise<void>;
}
