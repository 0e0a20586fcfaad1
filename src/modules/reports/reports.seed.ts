import type { AppDeps } from '../../platform/module.js';
import type { FieldDef } from './reports.table.js';
import { periodsForYear } from './reports.periods.js';

/**
 * The stable field keys of the starter monthly form. Other modules (the KPI dashboard, the plan's targets) refer to
 * these keys; a form may add more, and reportTotals() sums every numeric key it finds.
 */
export const STARTER_FIELDS: FieldDef[] = [
  {
    key: 'people_guided',
    label: 'Số người dân, doanh nghiệp được hướng dẫn trực tiếp',
    type: 'integer',
    hint: 'Tại Bộ phận một cửa, đại lý, Tổ công nghệ số cộng đồng, tại nhà.',
  },
  { key: 'trainings_held', label: 'Số hội nghị, buổi tập huấn, tọa đàm đã tổ chức', type: 'integer', hint: '' },
  {
    key: 'people_trained',
    label: 'Số người tham dự tập huấn',
    type: 'integer',
    hint: 'Tổng số lượt người dự các buổi tập huấn trong kỳ.',
  },
  { key: 'officials_trained', label: 'Số cán bộ, công chức được tập huấn về dịch vụ công trực tuyến', type: 'integer', hint: '' },
  { key: 'students_trained', label: 'Số học sinh THPT, sinh viên được tập huấn', type: 'integer', hint: '' },
  { key: 'community_team_trained', label: 'Số thành viên Tổ công nghệ số cộng đồng được bồi dưỡng', type: 'integer', hint: '' },
  { key: 'leaflets_distributed', label: 'Số tờ rơi, sổ tay đã phát', type: 'integer', hint: '' },
  { key: 'posters_banners', label: 'Số áp phích, băng rôn, pano đã treo', type: 'integer', hint: '' },
  { key: 'portal_articles', label: 'Số tin, bài trên cổng/trang thông tin điện tử của đơn vị', type: 'integer', hint: '' },
  { key: 'guides_videos_posted', label: 'Số tài liệu, video hướng dẫn đã đăng tải', type: 'integer', hint: '' },
  {
    key: 'info_channels',
    label: 'Số kênh thông tin kết nối đang hoạt động',
    type: 'integer',
    hint: 'Nhóm Zalo, Zalo OA, fanpage, loa truyền thanh...',
  },
  { key: 'radio_broadcasts', label: 'Số lượt phát trên loa truyền thanh cơ sở', type: 'integer', hint: '' },
  { key: 'livestreams', label: 'Số buổi livestream hướng dẫn, giải đáp', type: 'integer', hint: '' },
  {
    key: 'posts_published',
    label: 'Bài đăng trên mạng xã hội, báo chí (kèm đường link)',
    type: 'links',
    hint: 'Mỗi bài một dòng: tên bài và đường link.',
  },
  { key: 'difficulties', label: 'Khó khăn, vướng mắc', type: 'text', hint: '' },
  { key: 'proposals', label: 'Đề xuất, kiến nghị', type: 'text', hint: '' },
];

export const STARTER_UNIT_TYPES = ['district', 'commune', 'department', 'press', 'mass_org'];

/** The monthly report form of the 2025 plan, with its periods from February to December 2025. */
export async function seedReports({ db }: AppDeps): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const form = await trx
      .insertInto('report_forms')
      .values({
        name: 'Báo cáo tháng kết quả thông tin, tuyên truyền dịch vụ công trực tuyến',
        frequency: 'monthly',
        description:
          'Các sở, ban, ngành, UBND xã, phường, cơ quan báo chí và tổ chức chính trị - xã hội báo cáo kết quả hằng tháng về Trung tâm Phục vụ hành chính công để tổng hợp (Kế hoạch năm 2025, mục V).',
        fields: JSON.stringify(STARTER_FIELDS),
        unit_types: JSON.stringify(STARTER_UNIT_TYPES),
        deadline_days: 5,
        active: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const p of periodsForYear('monthly', 2025, 5).filter((x) => x.start_date >= '2025-02-01')) {
      await trx
        .insertInto('report_periods')
        .values({ ...p, form_id: form.id })
        .execute();
    }
  });
}
