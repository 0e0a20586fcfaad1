// The whole database type, composed from each module's tables (kysely example/src/database.ts).
import type { PlatformTables } from './platform/tables.js';
import type { OrgTables } from './modules/org/org.table.js';
import type { GuideTables } from './modules/guides/guides.table.js';
import type { AssistantTables } from './modules/assistant/assistant.table.js';
import type { FeedbackTables } from './modules/feedback/feedback.table.js';
import type { SurveysTables } from './modules/surveys/surveys.table.js';
import type { CampaignTables } from './modules/campaign/campaign.table.js';
import type { ReportsTables } from './modules/reports/reports.table.js';
import type { KpiTables } from './modules/kpi/kpi.table.js';

export interface Database
  extends
    PlatformTables,
    OrgTables,
    GuideTables,
    AssistantTables,
    FeedbackTables,
    SurveysTables,
    CampaignTables,
    ReportsTables,
    KpiTables {}
