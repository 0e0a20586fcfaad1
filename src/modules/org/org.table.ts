import type { Generated } from 'kysely';

export type UnitType = 'city' | 'department' | 'district' | 'commune' | 'press' | 'mass_org' | 'enterprise';

export interface OrgUnitsTable {
  id: Generated<number>;
  code: string | null;
  name: string;
  full_name: string;
  type: UnitType;
  parent_id: number | null;
  /** ISO date (YYYY-MM-DD) from which the unit exists. */
  valid_from: string;
  /** Last ISO date on which the unit existed; null while it still exists. */
  valid_to: string | null;
}

export interface OrgSuccessionsTable {
  predecessor_id: number;
  successor_id: number;
  /** full: the whole old unit went into the successor; partial: part of it did. */
  kind: 'full' | 'partial';
  /** ISO date the succession took effect. */
  effective: string;
}

export interface AudiencesTable {
  id: string;
  kind: 'audience' | 'segment';
  name: string;
  description: string;
  sort: number;
}

export interface OrgTables {
  org_units: OrgUnitsTable;
  org_successions: OrgSuccessionsTable;
  audiences: AudiencesTable;
}
