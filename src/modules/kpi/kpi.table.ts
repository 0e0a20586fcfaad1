import type { Generated } from 'kysely';

export type Channel = 'online' | 'direct' | 'postal';

/** Columns shared by a stored dossier and a staged (not yet swapped in) one. */
export interface DossierColumns {
  dossier_id: string;
  unit_code: string;
  /** The unit that carried unit_code on the received date (codes were reused in July 2025). */
  unit_id: number;
  /** The current unit the dossier counts under: a new commune, or a city-level body itself. */
  commune_id: number;
  procedure_code: string;
  /** Vietnam local time 'YYYY-MM-DDTHH:MM:SS'. */
  received_at: string;
  /** 'YYYY-MM' of received_at. */
  received_month: string;
  channel: Channel;
  due_at: string;
  finished_at: string | null;
  finished_month: string | null;
  /** 1 when finished_at <= due_at, 0 when late, null while unfinished. */
  on_time: number | null;
  fee_required: number;
  paid_online: number;
  import_id: number;
}

export interface KpiDossiersTable extends DossierColumns {
  updated_at: string;
}

export type KpiDossierStagingTable = DossierColumns;

/** Counts per counting unit and month, recomputed for the months an import touches. */
export interface KpiMonthlyTable {
  /** The counting unit; 0 for the rows holding the whole city's totals. */
  commune_id: number;
  month: string;
  /** Dossiers received in the month (by received_at). */
  received: Generated<number>;
  received_online: Generated<number>;
  /** Received in the month with fee_required = 1. */
  fee_required: Generated<number>;
  /** Received in the month with fee_required = 1 and paid_online = 1. */
  paid_online: Generated<number>;
  /** Dossiers finished in the month (by finished_at). */
  finished: Generated<number>;
  finished_on_time: Generated<number>;
}

export type ImportStatus = 'queued' | 'validating' | 'writing' | 'done' | 'rejected' | 'failed';

export interface KpiImportsTable {
  id: Generated<number>;
  source: 'upload' | 'cli' | 'api';
  file_name: string;
  status: ImportStatus;
  rows_read: Generated<number>;
  rows_bad: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  bytes_total: Generated<number>;
  bytes_read: Generated<number>;
  /** JSON array of RowError (the first ones). */
  errors: Generated<string>;
  message: string | null;
  mapping: string | null;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

export interface KpiStateTable {
  key: string;
  value: string;
}

export interface KpiTables {
  kpi_dossiers: KpiDossiersTable;
  kpi_dossier_staging: KpiDossierStagingTable;
  kpi_monthly: KpiMonthlyTable;
  kpi_imports: KpiImportsTable;
  kpi_state: KpiStateTable;
}
