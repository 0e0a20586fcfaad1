import type { AppDeps } from '../../platform/module.js';
import type { FeedbackCalendarTable } from './feedback.table.js';

/**
 * Days off for public servants 2025-2027 (Labour Code 2019 art. 112 and the yearly notices of the Ministry of
 * Home Affairs), as weekdays off plus weekend days worked in exchange (ngày làm bù). Lunar dates checked with
 * date-holidays (VN). 2026 and 2027 bridge days follow the usual pattern and are marked "(dự kiến)" until the
 * yearly notice is out: editors correct them in the back office (/quan-tri/phan-anh/ngay-nghi).
 */
export const STARTER_CALENDAR: ReadonlyArray<FeedbackCalendarTable> = [
  { date: '2025-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((date) => ({
    date,
    kind: 'holiday' as const,
    name: 'Tết Nguyên đán Ất Tỵ',
  })),
  { date: '2025-04-07', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { date: '2025-04-30', kind: 'holiday', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2025-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động' },
  { date: '2025-05-02', kind: 'holiday', name: 'Nghỉ hoán đổi dịp 30/4 - 1/5' },
  { date: '2025-04-26', kind: 'workday', name: 'Làm bù cho ngày 02/5/2025' },
  { date: '2025-09-01', kind: 'holiday', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2025-09-02', kind: 'holiday', name: 'Quốc khánh' },

  { date: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => ({
    date,
    kind: 'holiday' as const,
    name: 'Tết Nguyên đán Bính Ngọ',
  })),
  { date: '2026-04-27', kind: 'holiday', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4/2026 là Chủ nhật)' },
  { date: '2026-04-30', kind: 'holiday', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2026-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động' },
  { date: '2026-09-01', kind: 'holiday', name: 'Quốc khánh (ngày liền kề, dự kiến)' },
  { date: '2026-09-02', kind: 'holiday', name: 'Quốc khánh' },

  { date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
  ...['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map((date) => ({
    date,
    kind: 'holiday' as const,
    name: 'Tết Nguyên đán Đinh Mùi (dự kiến)',
  })),
  { date: '2027-04-16', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { date: '2027-04-30', kind: 'holiday', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2027-05-03', kind: 'holiday', name: 'Nghỉ bù Quốc tế Lao động (1/5/2027 là thứ Bảy)' },
  { date: '2027-09-02', kind: 'holiday', name: 'Quốc khánh' },
  { date: '2027-09-03', kind: 'holiday', name: 'Quốc khánh (ngày liền kề, dự kiến)' },
];

/** Default answer deadline in working days (Decision 766/QĐ-TTg, indicator 5.2). */
export const DEFAULT_DEADLINE_DAYS = 15;

export const STARTER_CATEGORIES = [
  {
    id: 'thu-tuc-hanh-chinh',
    name: 'Thủ tục hành chính, giấy tờ',
    description: 'Quy định, giấy tờ phải nộp, hồ sơ bị trả lại, thời hạn giải quyết.',
    keywords: 'thủ tục, hồ sơ, giấy tờ, quy định',
  },
  {
    id: 'dich-vu-cong-truc-tuyen',
    name: 'Cổng dịch vụ công, tài khoản, nộp trực tuyến',
    description: 'Không đăng nhập được, lỗi khi nộp hồ sơ trực tuyến, không nhận được mã OTP.',
    keywords: 'dịch vụ công, tài khoản, đăng nhập, lỗi, OTP, VNeID',
  },
  {
    id: 'thai-do-can-bo',
    name: 'Thái độ, tác phong của cán bộ',
    description: 'Cán bộ tiếp nhận, hướng dẫn, giải quyết hồ sơ chưa đúng mực.',
    keywords: 'cán bộ, thái độ, một cửa',
  },
  {
    id: 'phi-le-phi',
    name: 'Phí, lệ phí, thanh toán',
    description: 'Thu phí chưa đúng, không thanh toán trực tuyến được, chưa nhận được biên lai.',
    keywords: 'phí, lệ phí, thanh toán, biên lai',
  },
  {
    id: 'tra-ket-qua',
    name: 'Trả kết quả chậm hoặc sai',
    description: 'Quá hẹn trả kết quả, kết quả có sai sót.',
    keywords: 'kết quả, trễ hẹn, sai sót',
  },
  {
    id: 'gop-y-cai-tien',
    name: 'Góp ý, đề xuất cải tiến',
    description: 'Ý kiến để dịch vụ công dễ dùng hơn.',
    keywords: 'góp ý, đề xuất, cải tiến',
  },
  { id: 'khac', name: 'Vấn đề khác', description: 'Nội dung không thuộc các nhóm trên.', keywords: '' },
] as const;

/** category/topic -> unit: the police for identity and residence, the tax office for taxes, communes for civil status... */
export const STARTER_RULES: ReadonlyArray<{ category?: string; topic?: string; target: 'unit' | 'commune'; unit?: string }> = [
  { category: 'dich-vu-cong-truc-tuyen', target: 'unit', unit: 'HN-TTPVHCC' },
  { category: 'thai-do-can-bo', target: 'commune', unit: 'HN-TTPVHCC' },
  ...['can-cuoc', 'vneid', 'thuong-tru', 'tam-tru', 'dang-ky-xe', 'doi-gplx'].map((topic) => ({
    topic,
    target: 'unit' as const,
    unit: 'HN-CATP',
  })),
  { topic: 'ly-lich-tu-phap', target: 'unit', unit: 'HN-STP' },
  { topic: 'thue-dien-tu', target: 'unit', unit: 'HN-THUE' },
  { topic: 'bhxh-doanh-nghiep', target: 'unit', unit: 'HN-BHXH' },
  { topic: 'bhyt-bhxh-ca-nhan', target: 'unit', unit: 'HN-BHXH' },
  { topic: 'thanh-lap-doanh-nghiep', target: 'unit', unit: 'HN-STC' },
  ...[
    'khai-sinh',
    'lien-thong-khai-sinh',
    'ket-hon',
    'khai-tu',
    'xac-nhan-hon-nhan',
    'chung-thuc',
    'ho-kinh-doanh',
    'giay-phep-xay-dung',
    'dat-dai',
  ].map((topic) => ({ topic, target: 'commune' as const, unit: 'HN-TTPVHCC' })),
  ...['tai-khoan-dvc', 'quen-mat-khau', 'nop-ho-so', 'tra-cuu-ho-so', 'thanh-toan', 'nhan-ket-qua'].map((topic) => ({
    topic,
    target: 'unit' as const,
    unit: 'HN-TTPVHCC',
  })),
];

export const STARTER_TEMPLATES = [
  {
    title: 'Hướng dẫn nộp hồ sơ trực tuyến',
    body:
      'Cảm ơn bạn đã gửi phản ánh (mã {ma}).\n\nBạn có thể nộp hồ sơ trực tuyến tại Cổng Dịch vụ công quốc gia ' +
      '(dichvucong.gov.vn), đăng nhập bằng tài khoản VNeID. Các bước có trong mục Hướng dẫn của trang này.' +
      '\n\nNếu cần người hướng dẫn trực tiếp, bạn mang căn cước đến Bộ phận một cửa ' +
      'UBND xã, phường nơi bạn ở, cán bộ sẽ giúp bạn nộp.\n\n{don-vi}',
  },
  {
    title: 'Lỗi đã được khắc phục',
    body:
      'Cảm ơn bạn đã báo lỗi (mã {ma}).\n\nLỗi bạn gặp đã được khắc phục ngày {ngay}. Bạn vui lòng thử lại. ' +
      'Nếu vẫn chưa được, bạn gọi tổng đài 1800 1096 (miễn phí) để được giúp.\n\n{don-vi}',
  },
  {
    title: 'Đã chuyển đúng cơ quan giải quyết',
    body:
      'Cảm ơn bạn đã gửi phản ánh (mã {ma}).\n\nNội dung bạn nêu thuộc thẩm quyền của {don-vi}. Chúng tôi đã chuyển ' +
      'để cơ quan này trả lời bạn. Bạn vẫn tra cứu bằng mã {ma} như cũ.',
  },
  {
    title: 'Ghi nhận góp ý',
    body:
      'Cảm ơn bạn đã góp ý (mã {ma}).\n\nÝ kiến của bạn đã được ghi nhận và chuyển tới bộ phận phụ trách để cải tiến ' +
      'dịch vụ.\n\n{don-vi}',
  },
] as const;

/** Starter categories, routing rules, answer templates and the 2025-2027 calendar. */
export async function seedFeedback({ db }: AppDeps): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [i, c] of STARTER_CATEGORIES.entries()) {
      await trx
        .insertInto('feedback_categories')
        .values({ ...c, deadline_days: DEFAULT_DEADLINE_DAYS, sort: i, active: 1, updated_at: at })
        .execute();
    }
    for (const [i, r] of STARTER_RULES.entries()) {
      await trx
        .insertInto('feedback_routing_rules')
        .values({
          category_id: r.category ?? null,
          topic_id: r.topic ?? null,
          target: r.target,
          unit_code: r.unit ?? null,
          sort: i,
          created_at: at,
        })
        .execute();
    }
    for (const t of STARTER_TEMPLATES) {
      await trx
        .insertInto('feedback_templates')
        .values({ title: t.title, body: t.body, updated_at: at, updated_by: null })
        .execute();
    }
    for (const d of STARTER_CALENDAR) await trx.insertInto('feedback_calendar').values(d).execute();
  });
}
