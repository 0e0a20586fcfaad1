// The whole database type, composed from each module's tables (kysely example/src/database.ts).
import type { PlatformTables } from './platform/tables.js';
import type { OrgTables } from './modules/org/org.table.js';
import type { GuideTables } from './modules/guides/guides.table.js';

export interface Database extends PlatformTables, OrgTables, GuideTables {}
