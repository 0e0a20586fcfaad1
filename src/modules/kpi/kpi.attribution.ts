// The July 2025 reorganization: which current unit a dossier recorded under any unit (old or new) counts under.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CONTENT_DIR } from '../../platform/content.js';
import type { DbOrTrx } from '../../platform/db/index.js';
import { listUnits, successions, unitByCode, type OrgUnitRow } from '../org/index.js';

/** Why a unit's figures go where they go (shown on the back-office rules page). */
export type AttributionRule =
  | 'self' // a current unit: counts under itself
  | 'full' // an old commune merged whole into one new commune
  | 'split_first_listed' // an old commune split between several: all to the first successor listed in the resolution
  | 'district_most_communes' // an old district: to the new commune that took most of its old communes
  | 'none'; // nothing to attribute to (no successor known)

export interface Attribution {
  unit: OrgUnitRow;
  /** The current unit the figures count under, or null (rule 'none'). */
  target: OrgUnitRow | null;
  rule: AttributionRule;
  /** For split communes and districts: every current unit involved, in attribution order. */
  candidates: OrgUnitRow[];
}

export interface AttributionMap {
  byUnitId: Map<number, Attribution>;
  /** Current units that figures can count under: new communes, the city, city-level bodies. */
  counting: OrgUnitRow[];
  /** The first day any unit in the reference data is valid (older dossiers resolve against that day). */
  earliestDay: string;
  city: OrgUnitRow | undefined;
  /** Every code any unit ever carried. */
  knownCodes: Set<string>;
}

const MAPPING_FILE = path.join(CONTENT_DIR, 'reference', 'admin-units', 'hanoi_old_to_new_communes.csv');

let listedOrder: Map<string, number> | null = null;
/**
 * Position of each (old commune code, new commune code) pair in the official mapping. The file lists an old
 * commune's successors in the order of the clauses of Resolution 1656/NQ-UBTVQH15 that name it.
 */
function mappingOrder(): Map<string, number> {
  if (listedOrder) return listedOrder;
  const order = new Map<string, number>();
  try {
    const rows = parse(fs.readFileSync(MAPPING_FILE, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Array<
      Record<string, string>
    >;
    rows.forEach((r, i) => {
      const key = `${r.old_commune_code}|${r.new_commune_code}`;
      if (!order.has(key)) order.set(key, i);
    });
  } catch {
    // Without the file the rule falls back to the lowest successor code (still deterministic).
  }
  listedOrder = order;
  return order;
}

const isCurrent = (u: OrgUnitRow): boolean => u.valid_to === null;

/**
 * Build the attribution of every unit. Rules (docs/kpi.md, "Reorganization"):
 * a current unit counts under itself; an old commune merged whole counts under its successor; a split old commune
 * counts wholly under the successor listed first in the resolution (ties: lowest code); an old district counts under
 * the new commune that most of its old communes went to (ties: the one listed first).
 *
 * @example
 * const map = await buildAttribution(db);
 * map.byUnitId.get(oldCommuneId)?.target?.code // '00008'
 */
export async function buildAttribution(db: DbOrTrx): Promise<AttributionMap> {
  const units = await listUnits(db);
  const succ = await successions(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const order = mappingOrder();
  const rank = (oldU: OrgUnitRow, newU: OrgUnitRow): number =>
    order.get(`${oldU.code ?? ''}|${newU.code ?? ''}`) ?? Number.MAX_SAFE_INTEGER;

  const successorsOf = new Map<number, OrgUnitRow[]>();
  for (const s of succ) {
    const to = byId.get(s.successor_id);
    if (!to) continue;
    const list = successorsOf.get(s.predecessor_id) ?? [];
    list.push(to);
    successorsOf.set(s.predecessor_id, list);
  }

  const byUnitId = new Map<number, Attribution>();
  // Old communes first (districts are decided from their communes).
  const communeTarget = (u: OrgUnitRow, depth = 0): Attribution => {
    const cached = byUnitId.get(u.id);
    if (cached) return cached;
    let a: Attribution;
    if (isCurrent(u)) a = { unit: u, target: u, rule: 'self', candidates: [] };
    else {
      const list = [...(successorsOf.get(u.id) ?? [])].sort(
        (x, y) => rank(u, x) - rank(u, y) || (x.code ?? '').localeCompare(y.code ?? ''),
      );
      const first = list[0];
      if (!first || depth > 5) a = { unit: u, target: null, rule: 'none', candidates: [] };
      else {
        // Follow a chain of reorganizations until a current unit.
        const end = isCurrent(first) ? first : communeTarget(first, depth + 1).target;
        a = { unit: u, target: end, rule: list.length > 1 ? 'split_first_listed' : 'full', candidates: list };
      }
    }
    byUnitId.set(u.id, a);
    return a;
  };
  for (const u of units) if (u.type !== 'district' || isCurrent(u)) communeTarget(u);

  const childrenOf = new Map<number, OrgUnitRow[]>();
  for (const u of units) {
    if (u.parent_id === null) continue;
    const list = childrenOf.get(u.parent_id) ?? [];
    list.push(u);
    childrenOf.set(u.parent_id, list);
  }
  for (const d of units) {
    if (d.type !== 'district' || isCurrent(d)) continue;
    const tally = new Map<number, { unit: OrgUnitRow; n: number; first: number }>();
    for (const c of childrenOf.get(d.id) ?? []) {
      const a = byUnitId.get(c.id);
      if (!a?.target) continue;
      const t = tally.get(a.target.id) ?? { unit: a.target, n: 0, first: Number.MAX_SAFE_INTEGER };
      t.n += 1;
      t.first = Math.min(t.first, rank(c, a.target));
      tally.set(a.target.id, t);
    }
    const ranked = [...tally.values()].sort(
      (x, y) => y.n - x.n || x.first - y.first || (x.unit.code ?? '').localeCompare(y.unit.code ?? ''),
    );
    byUnitId.set(d.id, {
      unit: d,
      target: ranked[0]?.unit ?? null,
      rule: ranked[0] ? 'district_most_communes' : 'none',
      candidates: ranked.map((r) => r.unit),
    });
  }

  const ended = units.filter((u) => !isCurrent(u)).map((u) => u.valid_from);
  return {
    byUnitId,
    counting: units.filter(isCurrent),
    earliestDay: ended.length ? ended.reduce((a, b) => (a < b ? a : b)) : '1990-01-01',
    city: units.find((u) => u.type === 'city' && isCurrent(u)),
    knownCodes: new Set(units.map((u) => u.code).filter((c): c is string => c !== null)),
  };
}

/**
 * Resolves (unit_code, received date) to the recorded unit and the unit it counts under, with a cache per code
 * holding each validity interval found, so a million rows make about as many org lookups as there are codes.
 */
export class UnitResolver {
  private intervals = new Map<string, OrgUnitRow[]>();
  private misses = new Set<string>();

  constructor(
    private readonly db: DbOrTrx,
    private readonly map: AttributionMap,
  ) {}

  /** Without touching the database: the answer when this code's interval for `day` is already known. */
  cached(code: string, day: string): { unit: OrgUnitRow; countsUnder: OrgUnitRow } | undefined {
    const on = day < this.map.earliestDay ? this.map.earliestDay : day;
    const unit = this.intervals.get(code)?.find((u) => u.valid_from <= on && (u.valid_to === null || u.valid_to >= on));
    const target = unit ? this.map.byUnitId.get(unit.id)?.target : undefined;
    return unit && target ? { unit, countsUnder: target } : undefined;
  }

  /** The unit valid on `day` (YYYY-MM-DD) under this code and where it counts; or a reason it cannot. */
  async resolve(code: string, day: string): Promise<{ unit: OrgUnitRow; countsUnder: OrgUnitRow } | { problem: string }> {
    // Before the reference data starts, a code means the unit that carried it on the first known day.
    const on = day < this.map.earliestDay ? this.map.earliestDay : day;
    const known = this.intervals.get(code);
    let unit = known?.find((u) => u.valid_from <= on && (u.valid_to === null || u.valid_to >= on));
    if (!unit && !this.map.knownCodes.has(code)) return { problem: `Không có đơn vị nào mang mã "${code}".` };
    if (!unit) {
      const missKey = `${code}|${on}`;
      if (!this.misses.has(missKey)) {
        unit = await unitByCode(this.db, code, on);
        if (unit) this.intervals.set(code, [...(known ?? []), unit]);
        else this.misses.add(missKey);
      }
    }
    if (!unit) return { problem: `Không có đơn vị nào mang mã "${code}" vào ngày ${day.split('-').reverse().join('/')}.` };
    const a = this.map.byUnitId.get(unit.id);
    if (!a?.target) {
      return { problem: `Đơn vị "${unit.full_name}" (mã ${code}) không có đơn vị kế thừa để tính số liệu.` };
    }
    return { unit, countsUnder: a.target };
  }
}
