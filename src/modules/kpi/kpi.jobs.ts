// Upload imports run as background jobs inside the server, one at a time, their progress kept in kpi_imports.
import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps } from '../../platform/module.js';
import { importDossiers } from './kpi.import.js';
import type { ColumnMapping } from './kpi.parse.js';
import * as repo from './kpi.repository.js';

export interface ImportJobInput {
  /** The uploaded file, already on disk; deleted when the job ends. */
  file: string;
  fileName: string;
  mapping?: ColumnMapping;
  actorId: number;
}

/** Where uploads wait for their job. */
export function uploadDir(deps: AppDeps): string {
  return path.join(deps.config.dataDir, 'kpi-uploads');
}

/**
 * One queue per application instance: jobs run in order so two imports never compete for the writer.
 * `idle()` resolves once every queued job has ended (tests and shutdown wait on it).
 */
export class ImportQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(private readonly deps: AppDeps) {}

  /** Record the import as queued and run it after the ones before it. */
  async enqueue(input: ImportJobInput): Promise<number> {
    const importId = await repo.createImport(this.deps.db, {
      source: 'upload',
      file_name: input.fileName.slice(0, 200),
      status: 'queued',
      bytes_total: fs.statSync(input.file).size,
      mapping: input.mapping ? JSON.stringify(input.mapping) : null,
      created_by: input.actorId,
      created_at: new Date().toISOString(),
      finished_at: null,
      message: null,
    });
    this.tail = this.tail.then(async () => {
      try {
        await importDossiers(this.deps.db, input.file, {
          importId,
          source: 'upload',
          fileName: input.fileName,
          mapping: input.mapping,
          actorId: input.actorId,
          signal: this.abort.signal,
        });
      } catch {
        // importDossiers records its own failures; a failure to record them must not stop the queue.
      } finally {
        fs.rmSync(input.file, { force: true });
      }
    });
    return importId;
  }

  idle(): Promise<void> {
    return this.tail;
  }

  /** Stop the running job (it records itself as failed, importing nothing) and wait for the queue to drain. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.tail;
  }
}

/** Upload jobs left unfinished by a previous run of the server are marked failed; nothing of them was imported. */
export async function failInterruptedUploads(deps: AppDeps): Promise<void> {
  const ids = await repo.unfinishedImports(deps.db, 'upload');
  for (const id of ids) {
    await repo.clearStaging(deps.db, id);
    await repo.updateImport(deps.db, id, {
      status: 'failed',
      message: 'Máy chủ khởi động lại khi đang nhập. Không có hồ sơ nào được nhập; hãy tải tệp lên lại.',
      finished_at: new Date().toISOString(),
    });
  }
  fs.rmSync(uploadDir(deps), { recursive: true, force: true });
}
