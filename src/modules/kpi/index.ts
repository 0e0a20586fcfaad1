import type { AppModule } from '../../platform/module.js';
import { failInterruptedUploads } from './kpi.jobs.js';
import { importQueue, kpiRoutes } from './kpi.routes.js';

export {
  importDossiers,
  detectFormat,
  MAX_ERRORS,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from './kpi.import.js';
export { parseMapping, FIELDS, DEFAULT_MAPPING, type ColumnMapping, type RowError } from './kpi.parse.js';
export { kpiSummary, RATE_DEFS, type Summary } from './kpi.service.js';
export { registerIndicatorSource, type IndicatorSource, type IndicatorQuery, type IndicatorValue } from './kpi.indicators.js';
export { buildAttribution, type Attribution, type AttributionRule } from './kpi.attribution.js';

export const kpiModule: AppModule = {
  name: 'kpi',
  routes: kpiRoutes,
  /** Upload jobs cut short by a restart are marked failed (nothing of them was imported). */
  ready: failInterruptedUploads,
  /** Stop a running upload job (it imports nothing) and wait for the queue. */
  close: (deps) => importQueue(deps).close(),
};
