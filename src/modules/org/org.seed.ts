import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AppDeps } from '../../platform/module.js';
import { CONTENT_DIR } from '../../platform/content.js';
import type { UnitType } from './org.table.js';

/** Dates of the reorganizations encoded in the starter data. */
export const REORG_2025 = '2025-07-01';
const PRE_2025_FROM = '2025-01-01';
const PRE_2025_TO = '2025-06-30';
const CITY_FROM = '2008-08-01';

interface NewCommuneRow {
  code: string;
  name: string;
  full_name: string;
  type: string;
}
interface OldToNewRow {
  old_district_code: string;
  old_district_name: string;
  old_commune_code: string;
  old_commune_name: string;
  new_commune_code: string;
  merge_type: 'full' | 'partial';
}

/** Bodies named in section V of the plan, and the city's departments after the 2025 restructuring. */
const BODIES: Array<{ code: string; name: string; type: UnitType }> = [
  { code: 'HN-TTPVHCC', name: 'Trung tâm Phục vụ hành chính công Thành phố', type: 'department' },
  { code: 'HN-VPUB', name: 'Văn phòng UBND Thành phố', type: 'department' },
  { code: 'HN-SKHCN', name: 'Sở Khoa học và Công nghệ (phụ trách chuyển đổi số, thông tin và truyền thông)', type: 'department' },
  { code: 'HN-CATP', name: 'Công an Thành phố', type: 'department' },
  { code: 'HN-SNV', name: 'Sở Nội vụ', type: 'department' },
  { code: 'HN-STP', name: 'Sở Tư pháp', type: 'department' },
  { code: 'HN-STC', name: 'Sở Tài chính', type: 'department' },
  { code: 'HN-SXD', name: 'Sở Xây dựng', type: 'department' },
  { code: 'HN-SNNMT', name: 'Sở Nông nghiệp và Môi trường', type: 'department' },
  { code: 'HN-SYT', name: 'Sở Y tế', type: 'department' },
  { code: 'HN-SGDDT', name: 'Sở Giáo dục và Đào tạo', type: 'department' },
  { code: 'HN-SVHTT', name: 'Sở Văn hóa và Thể thao', type: 'department' },
  { code: 'HN-SCT', name: 'Sở Công Thương', type: 'department' },
  { code: 'HN-SDL', name: 'Sở Du lịch', type: 'department' },
  { code: 'HN-SDTTG', name: 'Sở Dân tộc và Tôn giáo', type: 'department' },
  { code: 'HN-SQHKT', name: 'Sở Quy hoạch - Kiến trúc', type: 'department' },
  { code: 'HN-TTTP', name: 'Thanh tra Thành phố', type: 'department' },
  { code: 'HN-BHXH', name: 'Bảo hiểm xã hội Thành phố Hà Nội', type: 'department' },
  { code: 'HN-THUE', name: 'Thuế Thành phố Hà Nội', type: 'department' },
  { code: 'HN-HNM', name: 'Báo Hà Nội Mới', type: 'press' },
  { code: 'HN-KTDT', name: 'Báo Kinh tế & Đô thị', type: 'press' },
  { code: 'HN-TTTD', name: 'Báo Tuổi trẻ Thủ đô', type: 'press' },
  { code: 'HN-HANOITV', name: 'Đài Phát thanh và Truyền hình Hà Nội', type: 'press' },
  { code: 'HN-VOVGT', name: 'Kênh VOV Giao thông', type: 'press' },
  { code: 'HN-MTTQ', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố', type: 'mass_org' },
  { code: 'HN-TD', name: 'Thành đoàn Hà Nội', type: 'mass_org' },
  { code: 'HN-HLHPN', name: 'Hội Liên hiệp Phụ nữ Thành phố', type: 'mass_org' },
  { code: 'HN-HND', name: 'Hội Nông dân Thành phố', type: 'mass_org' },
  { code: 'HN-HCCB', name: 'Hội Cựu chiến binh Thành phố', type: 'mass_org' },
  { code: 'HN-LDLD', name: 'Liên đoàn Lao động Thành phố', type: 'mass_org' },
];

export const AUDIENCES = [
  { id: 'nguoi-dan', kind: 'audience', name: 'Người dân', description: 'Thủ tục cho cá nhân và gia đình' },
  { id: 'doanh-nghiep', kind: 'audience', name: 'Doanh nghiệp', description: 'Đăng ký kinh doanh, thuế, bảo hiểm' },
  {
    id: 'can-bo',
    kind: 'audience',
    name: 'Cán bộ, công chức, viên chức',
    description: 'Tiếp nhận, xử lý hồ sơ và hướng dẫn người dân',
  },
  {
    id: 'nguoi-cao-tuoi',
    kind: 'segment',
    name: 'Người cao tuổi, người ít dùng công nghệ',
    description: 'Hướng dẫn từng bước, nơi được hỗ trợ tận nơi',
  },
  { id: 'nong-thon', kind: 'segment', name: 'Người dân nông thôn', description: 'Được hỗ trợ tại UBND xã và điểm công cộng' },
  {
    id: 'do-thi',
    kind: 'segment',
    name: 'Người dân đô thị, văn phòng',
    description: 'Làm nhanh trên điện thoại, mọi lúc mọi nơi',
  },
  {
    id: 'hoc-sinh-sinh-vien',
    kind: 'segment',
    name: 'Học sinh, sinh viên',
    description: 'Tài khoản VNeID, tạm trú, cuộc thi tìm hiểu',
  },
] as const;

function readCsv<T>(file: string): T[] {
  return parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as T[];
}

/** Hanoi, its 30 districts and 526 communes before July 2025, its 126 communes after, the succession, the bodies. */
export async function seedOrg({ db }: AppDeps): Promise<void> {
  const dir = path.join(CONTENT_DIR, 'reference', 'admin-units');
  const newCommunes = readCsv<NewCommuneRow>(path.join(dir, 'hanoi_new_communes_2025.csv'));
  const oldToNew = readCsv<OldToNewRow>(path.join(dir, 'hanoi_old_to_new_communes.csv'));

  await db.transaction().execute(async (trx) => {
    const city = await trx
      .insertInto('org_units')
      .values({
        code: '01',
        name: 'Hà Nội',
        full_name: 'Thành phố Hà Nội',
        type: 'city',
        parent_id: null,
        valid_from: CITY_FROM,
        valid_to: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const b of BODIES) {
      await trx
        .insertInto('org_units')
        .values({
          code: b.code,
          name: b.name,
          full_name: b.name,
          type: b.type,
          parent_id: city.id,
          valid_from: CITY_FROM,
          valid_to: null,
        })
        .execute();
    }

    const newIds = new Map<string, number>();
    for (const c of newCommunes) {
      const row = await trx
        .insertInto('org_units')
        .values({
          code: c.code,
          name: c.name,
          full_name: c.full_name,
          type: 'commune',
          parent_id: city.id,
          valid_from: REORG_2025,
          valid_to: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      newIds.set(c.code, row.id);
    }

    const districtIds = new Map<string, number>();
    const oldIds = new Map<string, number>();
    for (const r of oldToNew) {
      let districtId = districtIds.get(r.old_district_code);
      if (districtId === undefined) {
        const short = r.old_district_name.replace(/^(Quận|Huyện|Thị xã)\s+/, '');
        const d = await trx
          .insertInto('org_units')
          .values({
            code: r.old_district_code,
            name: short,
            full_name: r.old_district_name,
            type: 'district',
            parent_id: city.id,
            valid_from: PRE_2025_FROM,
            valid_to: PRE_2025_TO,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        districtId = d.id;
        districtIds.set(r.old_district_code, districtId);
      }
      let oldId = oldIds.get(r.old_commune_code);
      if (oldId === undefined) {
        const short = r.old_commune_name.replace(/^(Phường|Xã|Thị trấn)\s+/, '');
        const o = await trx
          .insertInto('org_units')
          .values({
            code: r.old_commune_code,
            name: short,
            full_name: r.old_commune_name,
            type: 'commune',
            parent_id: districtId,
            valid_from: PRE_2025_FROM,
            valid_to: PRE_2025_TO,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        oldId = o.id;
        oldIds.set(r.old_commune_code, oldId);
      }
      const successor = newIds.get(r.new_commune_code);
      if (successor === undefined) throw new Error(`Unknown new commune ${r.new_commune_code} in mapping`);
      await trx
        .insertInto('org_successions')
        .values({ predecessor_id: oldId, successor_id: successor, kind: r.merge_type, effective: REORG_2025 })
        .execute();
    }

    for (const [i, a] of AUDIENCES.entries()) {
      await trx
        .insertInto('audiences')
        .values({ ...a, sort: i })
        .execute();
    }
  });
}
