// Group commit for survey responses: durable acknowledgements at a high rate.
//
// SQLite runs with synchronous=FULL, so every COMMIT waits for an fsync of the WAL; one transaction per response
// caps throughput at the disk's fsync rate. Responses that arrive within a few milliseconds of each other are
// therefore written in ONE transaction, and each caller's promise resolves only after that transaction has
// committed: no response is acknowledged before it is durable. If a batch fails, each of its responses is retried
// in a transaction of its own, so one bad response cannot make the others fail.
import type { Db, DbOrTrx } from '../../platform/db/index.js';
import * as repo from './surveys.repository.js';

export interface PendingResponse {
  response: repo.NewResponse;
  answers: Array<Omit<repo.NewAnswer, 'response_id'>>;
}

export interface WriteOutcome {
  id: number;
  /** True when an earlier response with the same idempotency key was found (nothing new was stored). */
  replayed: boolean;
  /** For a replay: did the earlier request carry the same body? */
  sameRequest: boolean;
}

interface Job {
  item: PendingResponse;
  resolve: (o: WriteOutcome) => void;
  reject: (e: unknown) => void;
}

export interface WriterOptions {
  /** How long the first response of a batch waits for others (ms). */
  windowMs: number;
  /** Largest batch written in one transaction. */
  maxBatch: number;
}

export const DEFAULT_WRITER_OPTIONS: WriterOptions = { windowMs: 2, maxBatch: 256 };

export class ResponseWriter {
  private queue: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Figures for the benchmark and the docs: transactions and responses written. */
  readonly stats = { batches: 0, responses: 0, largestBatch: 0 };

  constructor(
    private readonly db: Db,
    private readonly opts: WriterOptions = DEFAULT_WRITER_OPTIONS,
  ) {}

  /** Queue one response; resolves after the transaction that holds it has committed. */
  write(item: PendingResponse): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Write whatever is queued and wait for it (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running || this.queue.length) {
      if (!this.running) this.running = this.drain();
      await this.running;
    }
  }

  private schedule(): void {
    if (this.running) return; // the running drain picks new jobs up when it finishes its batch
    if (this.queue.length >= this.opts.maxBatch) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.running = this.drain();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running) this.running = this.drain();
    }, this.opts.windowMs);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.opts.maxBatch);
        await this.writeBatch(batch);
      }
    } finally {
      this.running = null;
    }
  }

  private async writeBatch(batch: Job[]): Promise<void> {
    let outcomes: WriteOutcome[];
    try {
      outcomes = await this.db.transaction().execute((trx) =>
        writeAll(
          trx,
          batch.map((j) => j.item),
        ),
      );
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // Isolate the failure: each response in its own transaction.
      for (const job of batch) await this.writeBatch([job]);
      return;
    }
    this.stats.batches += 1;
    this.stats.responses += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    batch.forEach((job, i) => job.resolve(outcomes[i]!));
  }
}

/** Insert responses and their answers in the given transaction; idempotency keys already used are replays. */
async function writeAll(trx: DbOrTrx, items: PendingResponse[]): Promise<WriteOutcome[]> {
  const out: WriteOutcome[] = [];
  const answers: repo.NewAnswer[] = [];
  // Keys already stored (one query per survey in the batch), then keys seen earlier in this batch.
  const seen = new Map<string, { id: number; hash: string | null }>();
  const keysBySurvey = new Map<number, string[]>();
  for (const { response: r } of items) {
    if (r.idempotency_key) keysBySurvey.set(r.survey_id, [...(keysBySurvey.get(r.survey_id) ?? []), r.idempotency_key]);
  }
  for (const [surveyId, keys] of keysBySurvey) {
    for (const e of await repo.findByIdempotencyKeys(trx, surveyId, keys)) {
      seen.set(`${surveyId}\u0000${e.idempotency_key}`, { id: e.id, hash: e.request_hash });
    }
  }
  for (const { response, answers: given } of items) {
    const key = response.idempotency_key ? `${response.survey_id}\u0000${response.idempotency_key}` : null;
    const earlier = key ? seen.get(key) : undefined;
    if (earlier) {
      out.push({ id: earlier.id, replayed: true, sameRequest: earlier.hash === (response.request_hash ?? null) });
      continue;
    }
    const id = await repo.insertResponse(trx, response);
    if (key) seen.set(key, { id, hash: response.request_hash ?? null });
    out.push({ id, replayed: false, sameRequest: true });
    for (const a of given) answers.push({ ...a, response_id: id });
  }
  await repo.insertAnswers(trx, answers);
  return out;
}

const writers = new WeakMap<Db, ResponseWriter>();

/**
 * The writer of a database (one per process and database, so batches span all requests). The options apply when
 * the writer is created (the module passes config.surveyCommit at start-up).
 */
export function writerFor(db: Db, opts?: WriterOptions): ResponseWriter {
  let w = writers.get(db);
  if (!w) {
    w = new ResponseWriter(db, opts ?? DEFAULT_WRITER_OPTIONS);
    writers.set(db, w);
  }
  return w;
}
