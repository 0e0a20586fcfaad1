// Group commit: submissions that arrive while a transaction is being written share the next one, so one
// durable commit (one fsync on SQLite) acknowledges many of them. Each caller still hears back only after the
// commit that holds its row. If a batch fails, its jobs are run again one by one, so one bad job (a unique
// key taken by a concurrent retry, say) never fails the others.
import type { Db, DbOrTrx } from '../../platform/db/index.js';

interface Job<T> {
  work: (trx: DbOrTrx) => Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

export class CommitBatcher {
  private queue: Array<Job<unknown>> = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 200,
  ) {}

  /** Run `work` inside a transaction shared with other jobs; resolves after that transaction commits. */
  run<T>(work: (trx: DbOrTrx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve, reject } as Job<unknown>);
      if (!this.running) {
        this.running = true;
        // Let the requests already parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        let results: unknown[] | null = null;
        try {
          results = await this.db.transaction().execute(async (trx) => {
            const out: unknown[] = [];
            for (const job of batch) out.push(await job.work(trx));
            return out;
          });
        } catch {
          results = null;
        }
        if (results) {
          batch.forEach((job, i) => job.resolve(results![i]));
          continue;
        }
        for (const job of batch) {
          try {
            job.resolve(await this.db.transaction().execute((trx) => job.work(trx)));
          } catch (e) {
            job.reject(e);
          }
        }
      }
    } finally {
      this.running = false;
      if (this.queue.length) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    }
  }
}
