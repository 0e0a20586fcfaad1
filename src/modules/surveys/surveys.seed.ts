// Starter surveys: "Bạn đã biết sử dụng dịch vụ công trực tuyến chưa?" (plan III.5.5) and the satisfaction survey on
// online public services with the five SIPAS factors (plan II.6, 6.3).
import type { AppDeps } from '../../platform/module.js';
import { plainScale5, type ChoiceOption, type QuestionType, type SkipRule } from './surveys.model.js';
import * as repo from './surveys.repository.js';

interface SeedQuestion {
  key: string;
  type: QuestionType;
  vi: string;
  en: string;
  helpVi?: string;
  helpEn?: string;
  required?: boolean;
  options?: Array<[string, string]>;
  rules?: SkipRule[];
  next?: string;
  satisfaction?: boolean;
}

interface SeedSurvey {
  slug: string;
  titleVi: string;
  titleEn: string;
  introVi: string;
  introEn: string;
  audiences: string[];
  isSatisfaction: boolean;
  contactEnabled: boolean;
  questions: SeedQuestion[];
  placements: Array<{ name: string; source: string }>;
}

const opts = (list: Array<[string, string]>): ChoiceOption[] => list.map(([vi, en], i) => ({ v: String(i + 1), vi, en }));

const SIPAS: Array<[string, string, string, string]> = [
  [
    'Tiếp cận dịch vụ: tìm thông tin, vào trang dịch vụ công, đăng nhập và chọn đúng thủ tục',
    'Access to the service: finding information, opening the portal, signing in, choosing the right procedure',
    'Bạn hài lòng thế nào về việc tiếp cận dịch vụ?',
    'How satisfied are you with access to the service?',
  ],
  [
    'Thủ tục hành chính: giấy tờ cần nộp, thời hạn, phí và lệ phí được công khai rõ ràng, đúng quy định',
    'The procedure: required documents, time limits, fees published clearly and as regulated',
    'Bạn hài lòng thế nào về thủ tục hành chính?',
    'How satisfied are you with the administrative procedure?',
  ],
  [
    'Công chức giải quyết công việc: thái độ, sự hướng dẫn tận tình, đúng hẹn',
    'Civil servants handling your case: attitude, helpful guidance, keeping appointments',
    'Bạn hài lòng thế nào về cán bộ, công chức giải quyết hồ sơ?',
    'How satisfied are you with the civil servants who handled your case?',
  ],
  [
    'Kết quả giải quyết: đúng hạn, đúng quy định, thông tin chính xác',
    'The result: on time, as regulated, accurate',
    'Bạn hài lòng thế nào về kết quả giải quyết?',
    'How satisfied are you with the result?',
  ],
  [
    'Tiếp nhận và xử lý góp ý, phản ánh, kiến nghị',
    'Receiving and handling comments, complaints and suggestions',
    'Bạn hài lòng thế nào về việc tiếp nhận và xử lý góp ý, phản ánh?',
    'How satisfied are you with how comments and complaints are handled?',
  ],
];

export const STARTER_SURVEYS: SeedSurvey[] = [
  {
    slug: 'ban-da-biet-dvctt',
    titleVi: 'Bạn đã biết sử dụng dịch vụ công trực tuyến chưa?',
    titleEn: 'Do you know how to use online public services?',
    introVi:
      'Khảo sát ngắn, khoảng 2 phút, không cần cho biết tên. Ý kiến của bạn giúp Thành phố hướng dẫn người dân làm thủ tục trên mạng dễ hơn.',
    introEn: 'A short survey, about 2 minutes, no name needed. It helps the city guide people through online procedures.',
    audiences: ['nguoi-dan', 'doanh-nghiep', 'nguoi-cao-tuoi', 'nong-thon', 'do-thi', 'hoc-sinh-sinh-vien'],
    isSatisfaction: false,
    contactEnabled: true,
    questions: [
      {
        key: 'q1',
        type: 'single',
        vi: 'Bạn đã từng làm thủ tục hành chính trên mạng (dịch vụ công trực tuyến) chưa?',
        en: 'Have you ever completed an administrative procedure online?',
        required: true,
        options: [
          ['Rồi, tôi tự làm được', 'Yes, on my own'],
          ['Rồi, nhưng phải nhờ người giúp', 'Yes, but someone helped me'],
          ['Chưa', 'Not yet'],
        ],
        rules: [{ v: '3', goto: 'q4' }],
      },
      {
        key: 'q2',
        type: 'multiple',
        vi: 'Bạn đã làm trên trang hoặc ứng dụng nào?',
        en: 'Which website or app did you use?',
        options: [
          ['Cổng Dịch vụ công quốc gia', 'National Public Service Portal'],
          ['Cổng Dịch vụ công Hà Nội', 'Hanoi Public Service Portal'],
          ['Ứng dụng VNeID', 'VNeID app'],
          ['Ứng dụng iHanoi', 'iHanoi app'],
          ['Trang hoặc ứng dụng khác', 'Another website or app'],
        ],
      },
      {
        key: 'q3',
        type: 'scale5',
        vi: 'Bạn thấy làm thủ tục trên mạng dễ hay khó?',
        en: 'How easy was it to do the procedure online?',
        required: true,
        options: [
          ['Rất khó', 'Very hard'],
          ['Khó', 'Hard'],
          ['Bình thường', 'Neither'],
          ['Dễ', 'Easy'],
          ['Rất dễ', 'Very easy'],
        ],
        next: 'q5',
      },
      {
        key: 'q4',
        type: 'multiple',
        vi: 'Vì sao bạn chưa làm thủ tục trên mạng?',
        en: 'Why have you not done a procedure online yet?',
        options: [
          ['Chưa biết có cách làm này', 'I did not know it was possible'],
          ['Không biết cách làm', 'I do not know how'],
          ['Chưa có tài khoản định danh điện tử (VNeID)', 'I have no VNeID electronic identity account'],
          ['Không có điện thoại thông minh hoặc máy tính', 'I have no smartphone or computer'],
          ['Sợ làm sai, sợ lộ thông tin', 'I am afraid of mistakes or of my data leaking'],
          ['Thích đến nộp trực tiếp hơn', 'I prefer to go in person'],
          ['Lý do khác', 'Another reason'],
        ],
      },
      {
        key: 'q5',
        type: 'single',
        vi: 'Bạn có muốn được hướng dẫn thêm không?',
        en: 'Would you like more help?',
        options: [
          ['Có, hướng dẫn trực tiếp tại UBND xã, phường', 'Yes, in person at the commune office'],
          ['Có, qua video hoặc tài liệu', 'Yes, with videos or leaflets'],
          ['Có, qua tổng đài điện thoại', 'Yes, by phone'],
          ['Không cần', 'No, thank you'],
        ],
      },
      { key: 'q6', type: 'audience', vi: 'Bạn là', en: 'You are' },
      {
        key: 'q7',
        type: 'commune',
        vi: 'Bạn sống hoặc làm việc ở xã, phường nào?',
        en: 'Which commune or ward do you live or work in?',
      },
      {
        key: 'q8',
        type: 'text',
        vi: 'Bạn muốn nhắn gì thêm cho Trung tâm Phục vụ hành chính công?',
        en: 'Anything else you want to tell the Public Administrative Service Center?',
        helpVi: 'Không ghi số điện thoại, số căn cước ở đây.',
        helpEn: 'Please do not write phone or ID numbers here.',
      },
    ],
    placements: [
      { name: 'Trang chủ Cổng hướng dẫn', source: 'trang-chu' },
      { name: 'Tờ rơi tại Bộ phận một cửa', source: 'to-roi-mot-cua' },
      { name: 'Trang Zalo OA của Trung tâm', source: 'zalo-oa' },
    ],
  },
  {
    slug: 'hai-long-dvctt',
    titleVi: 'Khảo sát mức độ hài lòng về dịch vụ công trực tuyến',
    titleEn: 'Satisfaction survey on online public services',
    introVi:
      'Bạn chấm điểm 5 khía cạnh của dịch vụ công trực tuyến (theo bộ chỉ số SIPAS), khoảng 3 phút, không cần cho biết tên. Kết quả được công khai.',
    introEn: 'Rate five aspects of online public services (SIPAS index), about 3 minutes, no name needed. Results are published.',
    audiences: ['nguoi-dan', 'doanh-nghiep'],
    isSatisfaction: true,
    contactEnabled: false,
    questions: [
      {
        key: 'q1',
        type: 'single',
        vi: 'Trong 12 tháng qua, bạn đã làm thủ tục hành chính trực tuyến ở Hà Nội chưa?',
        en: 'In the last 12 months, have you done an administrative procedure online in Hanoi?',
        required: true,
        options: [
          ['Rồi', 'Yes'],
          ['Chưa', 'No'],
        ],
        rules: [{ v: '2', goto: 'q8' }],
      },
      ...SIPAS.map(([help, helpEn, vi, en], i) => ({
        key: `q${i + 2}`,
        type: 'scale5' as const,
        vi,
        en,
        helpVi: help,
        helpEn,
        required: true,
        satisfaction: true,
      })),
      {
        key: 'q7',
        type: 'scale10',
        vi: 'Bạn có sẵn lòng giới thiệu người thân, bạn bè dùng dịch vụ công trực tuyến không?',
        en: 'How likely are you to recommend online public services to family and friends?',
        helpVi: '0 là chắc chắn không, 10 là chắc chắn có.',
        helpEn: '0 = not at all likely, 10 = extremely likely.',
        required: true,
      },
      { key: 'q8', type: 'audience', vi: 'Bạn là', en: 'You are' },
      {
        key: 'q9',
        type: 'commune',
        vi: 'Bạn làm thủ tục ở xã, phường nào (hoặc nơi bạn sống)?',
        en: 'Which commune or ward was it (or where you live)?',
      },
      {
        key: 'q10',
        type: 'text',
        vi: 'Theo bạn, điều gì cần cải thiện nhất?',
        en: 'What should be improved first?',
        helpVi: 'Không ghi số điện thoại, số căn cước ở đây.',
        helpEn: 'Please do not write phone or ID numbers here.',
      },
    ],
    placements: [
      { name: 'Bộ phận một cửa (mã QR tại quầy)', source: 'quay-mot-cua' },
      { name: 'Tin nhắn sau khi trả kết quả', source: 'tin-nhan-ket-qua' },
    ],
  },
];

/** Insert the starter surveys (open, results not yet published). */
export async function seedSurveys(deps: AppDeps): Promise<void> {
  const now = new Date().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const s of STARTER_SURVEYS) {
      if (await repo.findSurveyBySlug(trx, s.slug)) continue;
      const id = await repo.insertSurvey(trx, {
        slug: s.slug,
        title_vi: s.titleVi,
        title_en: s.titleEn,
        intro_vi: s.introVi,
        intro_en: s.introEn,
        status: 'open',
        starts_on: null,
        ends_on: null,
        audiences: JSON.stringify(s.audiences),
        has_en: 1,
        is_satisfaction: s.isSatisfaction ? 1 : 0,
        contact_enabled: s.contactEnabled ? 1 : 0,
        results_public: 0,
        results_published_at: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      for (const [i, q] of s.questions.entries()) {
        const options =
          q.type === 'scale5' && !q.satisfaction ? plainScale5(opts(q.options ?? [])) : q.options ? opts(q.options) : [];
        await repo.insertQuestion(trx, {
          survey_id: id,
          position: i + 1,
          qkey: q.key,
          type: q.type,
          text_vi: q.vi,
          text_en: q.en,
          help_vi: q.helpVi ?? null,
          help_en: q.helpEn ?? null,
          required: q.required ? 1 : 0,
          options: JSON.stringify(options),
          rules: JSON.stringify(q.rules ?? []),
          next_goto: q.next ?? null,
          satisfaction: q.satisfaction ? 1 : 0,
          created_at: now,
        });
      }
      for (const p of s.placements) {
        await repo.insertPlacement(trx, {
          survey_id: id,
          name: p.name,
          source: p.source,
          unit_id: null,
          created_by: null,
          created_at: now,
        });
      }
    }
  });
}
