import type { DbOrTrx } from '../../platform/db/index.js';
import type { SignedInUser } from '../../platform/html/context.js';
import type { AppModule } from '../../platform/module.js';
import * as repo from './org.repository.js';
import { orgRoutes } from './org.routes.js';
import { seedOrg } from './org.seed.js';

export type { OrgUnitRow } from './org.repository.js';
export type { UnitType } from './org.table.js';
export { REORG_2025, AUDIENCES } from './org.seed.js';
export const { findUnit, listUnits, unitByCode, listAudiences, successions } = repo;

export { UNIT_TYPE_LABELS } from './org.labels.js';

/**
 * A unit and all units below it (a district and its communes, say).
 *
 * @example
 * const ids = await unitScopeIds(db, officer.unitId);
 */
export async function unitScopeIds(db: DbOrTrx, unitId: number): Promise<number[]> {
  const all = [unitId];
  let frontier = [unitId];
  while (frontier.length) {
    frontier = await repo.childrenIds(db, frontier);
    all.push(...frontier);
  }
  return all;
}

/**
 * May this user see or act for this unit? Admins, editors and viewers see every unit; a unit officer only
 * their unit and the units below it.
 */
export async function canActForUnit(db: DbOrTrx, user: SignedInUser, unitId: number): Promise<boolean> {
  if (user.role !== 'unit_officer') return true;
  if (user.unitId === null) return false;
  if (user.unitId === unitId) return true;
  return (await unitScopeIds(db, user.unitId)).includes(unitId);
}

export const orgModule: AppModule = {
  name: 'org',
  routes: orgRoutes,
  seed: seedOrg,
};
