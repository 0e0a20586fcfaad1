import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/index.js';
import type { AudiencesTable, OrgUnitsTable, UnitType } from './org.table.js';

export type OrgUnitRow = Selectable<OrgUnitsTable>;

export async function findUnit(db: DbOrTrx, id: number): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUnits(
  db: DbOrTrx,
  opts: { types?: UnitType[]; activeOn?: string; parentId?: number } = {},
): Promise<OrgUnitRow[]> {
  let q = db.selectFrom('org_units').selectAll();
  if (opts.types?.length) q = q.where('type', 'in', opts.types);
  if (opts.parentId !== undefined) q = q.where('parent_id', '=', opts.parentId);
  if (opts.activeOn) {
    const d = opts.activeOn;
    q = q.where('valid_from', '<=', d).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', d)]));
  }
  return q.orderBy('type').orderBy('name').execute();
}

/** The unit that carried this code on a date (codes were reused in July 2025). */
export async function unitByCode(db: DbOrTrx, code: string, onDate: string): Promise<OrgUnitRow | undefined> {
  return db
    .selectFrom('org_units')
    .selectAll()
    .where('code', '=', code)
    .where('valid_from', '<=', onDate)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', onDate)]))
    .executeTakeFirst();
}

export async function childrenIds(db: DbOrTrx, parentIds: number[]): Promise<number[]> {
  if (!parentIds.length) return [];
  const rows = await db.selectFrom('org_units').select('id').where('parent_id', 'in', parentIds).execute();
  return rows.map((r) => r.id);
}

export async function successions(db: DbOrTrx) {
  return db.selectFrom('org_successions').selectAll().execute();
}

export async function listAudiences(db: DbOrTrx): Promise<Array<Selectable<AudiencesTable>>> {
  return db.selectFrom('audiences').selectAll().orderBy('sort').execute();
}
