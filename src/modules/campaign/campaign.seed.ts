// The 2025 plan ("Kế hoạch thông tin, tuyên truyền đẩy mạnh dịch vụ công trực tuyến gắn với Đề án 06", UBND Thành phố
// Hà Nội) as starter data: ../shared/plan/ke-hoach-dvctt-2025.txt, sections I, III.2, III.4, III.6 and V.
import type { AppDeps } from '../../platform/module.js';
import { unitByCode } from '../org/index.js';
import type { TargetDef } from './campaign.service.js';
import type { CampaignChannelsTable } from './campaign.table.js';

export const CENTER_CODE = 'HN-TTPVHCC';

/** The channels of section III.4 (keys are stable: reports and the KPI dashboard use them). */
export const STARTER_CHANNELS: Array<Pick<CampaignChannelsTable, 'key' | 'name' | 'grp'>> = [
  { key: 'bao-chi', name: 'Báo in, báo điện tử', grp: 'press' },
  { key: 'truyen-hinh', name: 'Truyền hình', grp: 'press' },
  { key: 'phat-thanh', name: 'Phát thanh, loa truyền thanh cơ sở', grp: 'press' },
  { key: 'cong-ttdt', name: 'Cổng/Trang thông tin điện tử của cơ quan', grp: 'portal' },
  { key: 'facebook', name: 'Facebook', grp: 'social' },
  { key: 'zalo-oa', name: 'Zalo OA', grp: 'social' },
  { key: 'youtube', name: 'YouTube', grp: 'social' },
  { key: 'tiktok', name: 'TikTok', grp: 'social' },
  { key: 'livestream', name: 'Livestream', grp: 'social' },
  { key: 'ihanoi', name: 'Ứng dụng iHanoi', grp: 'app' },
  { key: 'sms', name: 'Tin nhắn SMS', grp: 'app' },
  { key: 'email', name: 'Thư điện tử (email)', grp: 'app' },
  { key: 'to-roi', name: 'Tờ rơi, sổ tay', grp: 'print' },
  { key: 'ap-phich', name: 'Áp phích, poster', grp: 'print' },
  { key: 'bang-ron', name: 'Băng rôn, pano, banner', grp: 'print' },
  { key: 'man-hinh-led', name: 'Bảng tin điện tử, màn hình LED', grp: 'print' },
  { key: 'hoi-nghi', name: 'Hội nghị, tập huấn, tọa đàm', grp: 'direct' },
  { key: 'truc-tiep', name: 'Hướng dẫn trực tiếp (một cửa, đại lý, Tổ công nghệ số cộng đồng)', grp: 'direct' },
];

export interface PlanSeed {
  year: number;
  title: string;
  mainMessage: string;
  goals: string[];
  targets: TargetDef[];
  phases: Array<{
    no: number;
    name: string;
    start: string;
    end: string;
    goals: string;
    units: string;
    activities: Array<{ title: string; lead: string; coop: string[]; channels: string[]; audiences: string[] }>;
  }>;
  messages: Array<{ audience: string | null; text: string; emphasis: string }>;
  duties: Array<{ label: string; unitType: string | null; unitCode: string | null; duties: string[] }>;
}

export const PLAN_2025: PlanSeed = {
  year: 2025,
  title: 'Kế hoạch thông tin, tuyên truyền đẩy mạnh dịch vụ công trực tuyến gắn với thực hiện Đề án 06 năm 2025',
  mainMessage: 'Hành chính thông minh - Tận tâm phục vụ',
  goals: [
    'Cán bộ, công chức, viên chức, người lao động và nhân dân Thủ đô hiểu và thực hiện các thủ tục hành chính qua hình thức dịch vụ công trực tuyến.',
    'Hình thành thói quen sử dụng dịch vụ công trực tuyến, từng bước thay thế phương thức truyền thống, góp phần thúc đẩy chuyển đổi số trên địa bàn Thành phố.',
    'Xây dựng niềm tin của người dân và doanh nghiệp đối với dịch vụ công trực tuyến thông qua truyền thông minh bạch, rõ ràng về quy trình, thủ tục.',
    'Tăng cường chất lượng dịch vụ công trực tuyến dựa trên phản hồi của người dân, doanh nghiệp, đảm bảo dịch vụ thuận tiện, dễ tiếp cận, thân thiện với mọi đối tượng.',
    'Đẩy mạnh truyền thông đa nền tảng, tận dụng các kênh truyền thông hiện đại để mở rộng phạm vi tiếp cận, phổ cập kiến thức và kỹ năng sử dụng dịch vụ công trực tuyến.',
    'Xác định việc triển khai Đề án 06 là nhiệm vụ trọng tâm, xuyên suốt, huy động sự tham gia của toàn dân và cả hệ thống chính trị, hướng tới xây dựng chính phủ số và xã hội số.',
  ],
  targets: [
    {
      text: '100% cơ quan nhà nước trên địa bàn Thành phố thực hiện tuyên truyền dịch vụ công trực tuyến trên cổng/trang thông tin điện tử của đơn vị.',
      metricKey: 'agencies_portal_info',
      targetValue: 100,
      unit: '%',
      source: 'reports_share',
      sourceKey: 'portal_articles',
      measure:
        'Tỷ lệ đơn vị phải báo cáo (sở, ngành, xã, phường) có ít nhất 1 tin, bài về dịch vụ công trực tuyến trên cổng/trang thông tin điện tử trong kỳ (trường báo cáo portal_articles > 0).',
    },
    {
      text: '100% sở, ban, ngành, UBND quận, huyện, thị xã (từ 01/7/2025: UBND xã, phường) đăng tải tài liệu, video hướng dẫn người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến.',
      metricKey: 'units_guides_videos',
      targetValue: 100,
      unit: '%',
      source: 'reports_share',
      sourceKey: 'guides_videos_posted',
      measure:
        'Tỷ lệ sở, ngành và xã, phường có đăng tải ít nhất 1 tài liệu hoặc video hướng dẫn trong kỳ (trường báo cáo guides_videos_posted > 0).',
    },
    {
      text: 'Các cơ quan báo chí, truyền thông của Thành phố xây dựng chuyên trang, chuyên mục về dịch vụ công trực tuyến.',
      metricKey: 'press_dvc_columns',
      targetValue: 100,
      unit: '%',
      source: 'reports_share',
      sourceKey: 'posts_published',
      measure:
        'Tỷ lệ cơ quan báo chí có bài đăng về dịch vụ công trực tuyến trong kỳ, kèm đường link (trường báo cáo posts_published > 0, chỉ tính đơn vị loại báo chí).',
    },
    {
      text: 'Thành viên Tổ công nghệ số cộng đồng được bồi dưỡng, tập huấn về kỹ năng số để hỗ trợ người dân.',
      metricKey: 'community_team_trained',
      targetValue: 100,
      unit: '%',
      source: 'reports_share',
      sourceKey: 'community_team_trained',
      measure:
        'Tỷ lệ xã, phường báo cáo có bồi dưỡng, tập huấn cho Tổ công nghệ số cộng đồng (trường báo cáo community_team_trained > 0); số người được tập huấn là tổng của trường này.',
    },
    {
      text: 'Mỗi xã, phường có các kênh thông tin kết nối nhằm hỗ trợ tuyên truyền, hướng dẫn sử dụng dịch vụ công trực tuyến.',
      metricKey: 'communes_info_channels',
      targetValue: 100,
      unit: '%',
      source: 'reports_share',
      sourceKey: 'info_channels',
      measure:
        'Tỷ lệ xã, phường báo cáo có ít nhất 1 kênh thông tin kết nối đang hoạt động (nhóm Zalo, Zalo OA, fanpage, loa truyền thanh...; trường báo cáo info_channels > 0).',
    },
    {
      text: 'Các ý kiến phản hồi của người dân về dịch vụ công trực tuyến được tiếp thu và công khai nhằm cải thiện chất lượng dịch vụ.',
      metricKey: 'feedback_published',
      targetValue: 100,
      unit: '%',
      source: 'feedback',
      sourceKey: 'answered_public_rate',
      measure: 'Số phản ánh, góp ý đã trả lời và công khai chia cho số phản ánh, góp ý nhận được (phân hệ Phản ánh, góp ý).',
    },
    {
      text: 'Phổ cập kiến thức và kỹ năng sử dụng dịch vụ công trực tuyến cho đa số học sinh THPT, sinh viên trên địa bàn Thành phố thông qua hoạt động học tập, tập huấn.',
      metricKey: 'students_trained',
      targetValue: 50,
      unit: '%',
      source: 'reports_sum',
      sourceKey: 'students_trained',
      measure:
        'Tổng số học sinh, sinh viên được tập huấn (trường báo cáo students_trained) chia cho tổng số học sinh THPT, sinh viên trên địa bàn do Sở Giáo dục và Đào tạo cung cấp; "đa số" là trên 50%.',
    },
    {
      text: 'Đội ngũ cán bộ phụ trách thiết kế, vận hành, khai thác dịch vụ công trực tuyến được đào tạo, bồi dưỡng về công nghệ số và kỹ năng số.',
      metricKey: 'officials_trained',
      targetValue: 100,
      unit: '%',
      source: 'reports_sum',
      sourceKey: 'officials_trained',
      measure:
        'Tổng số cán bộ, công chức được tập huấn (trường báo cáo officials_trained) chia cho số cán bộ phụ trách dịch vụ công trực tuyến do Sở Nội vụ cung cấp.',
    },
  ],
  phases: [
    {
      no: 1,
      name: 'Tăng cường thông tin, tuyên truyền và việc sử dụng dịch vụ công trực tuyến',
      start: '2025-02-01',
      end: '2025-03-31',
      goals:
        'Mở rộng tiếp cận thông tin, giúp người dân, doanh nghiệp hiểu lợi ích và cách sử dụng dịch vụ công trực tuyến. Xây dựng niềm tin, khuyến khích thói quen sử dụng dịch vụ công trực tuyến. Đưa dịch vụ đến gần hơn với mọi người bằng nhiều hình thức đa dạng, nội dung phù hợp từng nhóm đối tượng.',
      units:
        'Trung tâm Phục vụ Hành chính công, Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ), UBND các cấp, các cơ quan báo chí, truyền hình.',
      activities: [
        {
          title: 'Truyền thông trên báo chí, truyền hình, mạng xã hội để nâng cao tỷ lệ sử dụng dịch vụ công trực tuyến',
          lead: CENTER_CODE,
          coop: ['HN-SKHCN', 'HN-HNM', 'HN-KTDT', 'HN-HANOITV'],
          channels: ['bao-chi', 'truyen-hinh', 'facebook'],
          audiences: ['nguoi-dan', 'doanh-nghiep'],
        },
        {
          title: 'Phát động chiến dịch truyền thông trực tuyến, đăng tải tin bài, video hướng dẫn, infographic',
          lead: CENTER_CODE,
          coop: ['HN-SKHCN'],
          channels: ['cong-ttdt', 'facebook', 'zalo-oa', 'youtube', 'tiktok'],
          audiences: ['nguoi-dan', 'do-thi', 'hoc-sinh-sinh-vien'],
        },
        {
          title: 'Phối hợp với UBND các cấp, sở, ban, ngành tổ chức hội nghị, tọa đàm, phát hành tài liệu tuyên truyền',
          lead: CENTER_CODE,
          coop: ['HN-SNV', 'HN-VPUB'],
          channels: ['hoi-nghi', 'to-roi'],
          audiences: ['can-bo', 'nguoi-dan'],
        },
      ],
    },
    {
      no: 2,
      name: 'Hướng dẫn kỹ năng và thúc đẩy sử dụng',
      start: '2025-04-01',
      end: '2025-10-31',
      goals:
        'Trang bị kỹ năng sử dụng dịch vụ công trực tuyến cho người dân, doanh nghiệp, nâng cao tỷ lệ sử dụng; tăng số lượng người dân, doanh nghiệp thực hiện thủ tục trực tuyến; tăng tỷ lệ hồ sơ được xử lý trên môi trường điện tử.',
      units:
        'UBND cấp huyện, xã; Trung tâm Phục vụ Hành chính công, Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ); Sở Nội vụ; các tổ chức chính trị - xã hội.',
      activities: [
        {
          title:
            'Tổ chức tập huấn, hội thảo, tọa đàm hướng dẫn thao tác trên Cổng Thông tin điện tử Thành phố, Cổng/Trang thông tin điện tử Trung tâm Phục vụ Hành chính công',
          lead: CENTER_CODE,
          coop: ['HN-SNV'],
          channels: ['hoi-nghi', 'livestream'],
          audiences: ['can-bo', 'nguoi-dan', 'doanh-nghiep'],
        },
        {
          title:
            'Bố trí cán bộ, nhân viên hỗ trợ tại đại lý dịch vụ công, Bộ phận một cửa các cấp/chi nhánh, điểm tiếp nhận, Tổ công nghệ số cộng đồng',
          lead: CENTER_CODE,
          coop: ['HN-SNV', 'HN-TD', 'HN-HLHPN'],
          channels: ['truc-tiep'],
          audiences: ['nguoi-cao-tuoi', 'nong-thon'],
        },
        {
          title: 'Triển khai truyền thông đa kênh: phát tờ rơi, poster, infographic, gửi tin nhắn SMS, email hướng dẫn',
          lead: CENTER_CODE,
          coop: ['HN-SKHCN', 'HN-MTTQ'],
          channels: ['to-roi', 'ap-phich', 'sms', 'email', 'zalo-oa'],
          audiences: ['nguoi-dan', 'nguoi-cao-tuoi', 'doanh-nghiep'],
        },
      ],
    },
    {
      no: 3,
      name: 'Đánh giá kết quả và duy trì',
      start: '2025-11-01',
      end: '2025-12-31',
      goals:
        'Đánh giá hiệu quả truyền thông, duy trì thói quen sử dụng dịch vụ công trực tuyến (đánh giá chính xác mức độ hiệu quả của kế hoạch truyền thông, đề xuất giải pháp cải thiện dịch vụ công trực tuyến cho năm tiếp theo).',
      units:
        'Trung tâm Phục vụ Hành chính công, Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ), Sở Nội vụ, Văn phòng UBND Thành phố, UBND các cấp.',
      activities: [
        {
          title: 'Khảo sát mức độ hài lòng, đánh giá hiệu quả truyền thông',
          lead: CENTER_CODE,
          coop: ['HN-SNV'],
          channels: ['cong-ttdt', 'zalo-oa'],
          audiences: ['nguoi-dan', 'doanh-nghiep'],
        },
        {
          title: 'Đánh giá chỉ số tiếp cận, số lượng hồ sơ xử lý trực tuyến',
          lead: CENTER_CODE,
          coop: ['HN-VPUB'],
          channels: [],
          audiences: ['can-bo'],
        },
        {
          title: 'Điều chỉnh nội dung tuyên truyền dựa trên phản hồi thực tế',
          lead: CENTER_CODE,
          coop: ['HN-SKHCN'],
          channels: ['cong-ttdt', 'facebook'],
          audiences: ['nguoi-dan'],
        },
        {
          title: 'Tiếp tục duy trì hoạt động truyền thông, đảm bảo hiệu quả lâu dài',
          lead: CENTER_CODE,
          coop: ['HN-HNM', 'HN-HANOITV'],
          channels: ['bao-chi', 'truyen-hinh', 'facebook', 'zalo-oa'],
          audiences: ['nguoi-dan', 'doanh-nghiep', 'can-bo'],
        },
      ],
    },
  ],
  messages: [
    { audience: null, text: 'Hành chính thông minh - Tận tâm phục vụ', emphasis: 'Thông điệp chính' },
    {
      audience: 'nguoi-dan',
      text: 'Dịch vụ công trực tuyến - Đơn giản thủ tục, tiết kiệm thời gian',
      emphasis: 'Nhấn mạnh vào sự tiện lợi',
    },
    {
      audience: 'nguoi-dan',
      text: 'Đăng ký khai sinh trực tuyến - Nhanh chóng, dễ dàng, mọi lúc mọi nơi',
      emphasis: 'Nhấn mạnh vào tính linh hoạt',
    },
    { audience: 'nguoi-dan', text: 'Cùng Hà Nội bước vào kỷ nguyên mới với dịch vụ công trực tuyến', emphasis: '' },
    { audience: 'doanh-nghiep', text: 'Nộp thuế điện tử - Tiết kiệm chi phí, nâng cao hiệu quả kinh doanh', emphasis: '' },
    { audience: 'doanh-nghiep', text: 'Kết nối dữ liệu trực tuyến - Đồng hành phát triển doanh nghiệp', emphasis: '' },
    {
      audience: 'can-bo',
      text: 'Dịch vụ công trực tuyến: Giải pháp tiết kiệm thời gian, nâng cao chất lượng phục vụ',
      emphasis: '',
    },
  ],
  duties: [
    {
      label: 'Trung tâm Phục vụ Hành chính công Thành phố',
      unitType: null,
      unitCode: CENTER_CODE,
      duties: [
        'Chủ trì, điều phối và hướng dẫn các cơ quan, đơn vị trong việc triển khai kế hoạch.',
        'Xây dựng, triển khai các chiến dịch truyền thông, theo dõi hiệu quả và tổng hợp báo cáo UBND Thành phố theo quy định.',
        'Phối hợp với các sở, ban, ngành, UBND quận, huyện, thị xã trong công tác tuyên truyền, đảm bảo nội dung phù hợp với từng đối tượng.',
        'Cung cấp thông tin, hỗ trợ báo chí và các đơn vị liên quan để đảm bảo tính thống nhất trong tuyên truyền.',
        'Tiếp nhận và xử lý phản hồi từ người dân, doanh nghiệp về dịch vụ công trực tuyến và công tác truyền thông.',
        'Huy động nguồn tài trợ từ doanh nghiệp, tổ chức nhằm xã hội hóa công tác tuyên truyền.',
      ],
    },
    {
      label: 'Sở Thông tin và Truyền thông (nay là Sở Khoa học và Công nghệ)',
      unitType: null,
      unitCode: 'HN-SKHCN',
      duties: [
        'Hướng dẫn các cơ quan báo chí, truyền thông triển khai nội dung tuyên truyền theo kế hoạch.',
        'Phối hợp với Trung tâm Phục vụ Hành chính công Thành phố xây dựng nội dung truyền thông phù hợp với các nền tảng số.',
        'Chỉ đạo hệ thống thông tin cơ sở tăng cường tuyên truyền về dịch vụ công trực tuyến.',
        'Đảm bảo an toàn thông tin, bảo mật thông tin trong quá trình tuyên truyền và thực hiện dịch vụ công trực tuyến.',
      ],
    },
    {
      label: 'Công an Thành phố',
      unitType: null,
      unitCode: 'HN-CATP',
      duties: [
        'Phối hợp thông tin, tuyên truyền về các dịch vụ công trực tuyến do Bộ Công an cung cấp (cấp căn cước công dân, đăng ký xe, quản lý cư trú, phòng cháy chữa cháy…), Đề án 06 của Chính phủ.',
        'Đảm bảo an toàn thông tin, an ninh mạng trong quá trình tuyên truyền và thực hiện dịch vụ công trực tuyến.',
        'Phối hợp với các đơn vị liên quan kiểm tra, phát hiện, xử lý theo thẩm quyền các hành vi vi phạm pháp luật trong hoạt động giao dịch điện tử.',
      ],
    },
    {
      label: 'Các sở, ban, ngành Thành phố',
      unitType: 'department',
      unitCode: null,
      duties: [
        'Phối hợp với Trung tâm Phục vụ Hành chính công Thành phố xây dựng nội dung thông tin, tuyên truyền phù hợp với lĩnh vực quản lý.',
        'Cung cấp thông tin chi tiết về các dịch vụ công trực tuyến thuộc phạm vi quản lý của đơn vị, bao gồm quy trình, thủ tục, biểu mẫu, hướng dẫn sử dụng.',
        'Tổ chức tập huấn cho cán bộ, công chức, viên chức trực thuộc để nâng cao kỹ năng hỗ trợ người dân sử dụng dịch vụ công trực tuyến.',
        'Báo cáo định kỳ về tình hình triển khai công tác truyền thông trong phạm vi quản lý của đơn vị (báo cáo gửi về Trung tâm Phục vụ Hành chính công để tổng hợp).',
      ],
    },
    {
      label: 'UBND quận, huyện, thị xã (từ 01/7/2025: UBND xã, phường)',
      unitType: 'commune',
      unitCode: null,
      duties: [
        'Xây dựng và thực hiện kế hoạch thông tin, tuyên truyền dịch vụ công trực tuyến tại địa phương, đảm bảo tiếp cận mọi nhóm đối tượng.',
        'Phối hợp với các sở, ban, ngành, tổ chức đoàn thể trong công tác tuyên truyền.',
        'Tổ chức các buổi hướng dẫn trực tiếp, tập huấn cho cán bộ cấp xã về hỗ trợ người dân sử dụng dịch vụ công trực tuyến.',
        'Bố trí địa điểm, nhân lực hỗ trợ tại các Bộ phận một cửa để hướng dẫn người dân.',
        'Chỉ đạo triển khai thực hiện các nội dung kế hoạch; các Tổ công nghệ số cộng đồng trực tiếp tham gia hỗ trợ, hướng dẫn người dân.',
        'Báo cáo kết quả thực hiện định kỳ và đề xuất giải pháp khắc phục khó khăn (báo cáo gửi về Trung tâm Phục vụ Hành chính công để tổng hợp).',
      ],
    },
    {
      label: 'Các cơ quan báo chí, truyền thông của Thành phố',
      unitType: 'press',
      unitCode: null,
      duties: [
        'Xây dựng chuyên trang, chuyên mục về dịch vụ công trực tuyến, Đề án 06 trên các nền tảng truyền thông.',
        'Phối hợp với Trung tâm Phục vụ Hành chính công Thành phố để sản xuất và phát sóng các nội dung tuyên truyền.',
        'Tăng cường các hình thức truyền thông sáng tạo: phóng sự, video hướng dẫn, talkshow, livestream tương tác với người dân.',
        'Đảm bảo thông tin truyền tải chính xác, kịp thời, dễ tiếp cận với mọi đối tượng.',
      ],
    },
    {
      label: 'Các tổ chức xã hội, đoàn thể',
      unitType: 'mass_org',
      unitCode: null,
      duties: [
        'Phối hợp với UBND các cấp để tuyên truyền về dịch vụ công trực tuyến trong cộng đồng.',
        'Tổ chức các hoạt động hỗ trợ, hướng dẫn người dân tiếp cận và sử dụng dịch vụ công trực tuyến, đặc biệt là nhóm yếu thế (người cao tuổi, người khuyết tật, dân cư vùng sâu vùng xa).',
        'Triển khai các chương trình tập huấn cho hội viên về cách sử dụng dịch vụ công trực tuyến.',
      ],
    },
    {
      label: 'Các doanh nghiệp, tổ chức kinh tế - xã hội',
      unitType: 'enterprise',
      unitCode: null,
      duties: [
        'Phối hợp với cơ quan nhà nước trong công tác tuyên truyền, hướng dẫn sử dụng dịch vụ công trực tuyến cho người lao động trong doanh nghiệp.',
        'Hỗ trợ về nguồn lực (tài chính, công nghệ, nhân sự) nhằm tăng cường hiệu quả thông tin, tuyên truyền.',
        'Triển khai quảng bá về dịch vụ công trực tuyến trên các nền tảng truyền thông của doanh nghiệp.',
      ],
    },
  ],
};

/** Channels and the 2025 plan, once, on an empty database. */
export async function seedCampaign({ db }: AppDeps): Promise<void> {
  const now = new Date().toISOString();
  const p = PLAN_2025;
  await db.transaction().execute(async (trx) => {
    for (const [i, c] of STARTER_CHANNELS.entries()) {
      await trx
        .insertInto('campaign_channels')
        .values({ ...c, sort: i })
        .execute();
    }
    const plan = await trx
      .insertInto('campaign_plans')
      .values({
        year: p.year,
        title: p.title,
        main_message: p.mainMessage,
        goals: JSON.stringify(p.goals),
        copied_from: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, t] of p.targets.entries()) {
      await trx
        .insertInto('campaign_targets')
        .values({
          plan_id: plan.id,
          sort: i,
          text: t.text,
          metric_key: t.metricKey,
          target_value: t.targetValue,
          unit: t.unit,
          source: t.source,
          source_key: t.sourceKey,
          measure: t.measure,
        })
        .execute();
    }
    const unitId = async (code: string) => (await unitByCode(trx, code, p.phases[0]!.start))?.id;
    for (const ph of p.phases) {
      const phase = await trx
        .insertInto('campaign_phases')
        .values({
          plan_id: plan.id,
          no: ph.no,
          name: ph.name,
          start_date: ph.start,
          end_date: ph.end,
          goals: ph.goals,
          units: ph.units,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const a of ph.activities) {
        const lead = await unitId(a.lead);
        // Without the org starter data (units) there is no lead unit to attach the activity to.
        if (lead === undefined) continue;
        const act = await trx
          .insertInto('campaign_activities')
          .values({
            plan_id: plan.id,
            phase_id: phase.id,
            title: a.title,
            description: '',
            lead_unit_id: lead,
            channels: JSON.stringify(a.channels),
            audiences: JSON.stringify(a.audiences),
            due_date: ph.end,
            status: 'planned',
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const code of a.coop) {
          const uid = await unitId(code);
          if (uid !== undefined)
            await trx.insertInto('campaign_activity_units').values({ activity_id: act.id, unit_id: uid }).execute();
        }
      }
    }
    for (const [i, m] of p.messages.entries()) {
      await trx
        .insertInto('campaign_messages')
        .values({ plan_id: plan.id, audience_id: m.audience, text: m.text, emphasis: m.emphasis, sort: i })
        .execute();
    }
    for (const [i, d] of p.duties.entries()) {
      await trx
        .insertInto('campaign_duties')
        .values({
          plan_id: plan.id,
          sort: i,
          label: d.label,
          unit_type: d.unitType,
          unit_code: d.unitCode,
          duties: JSON.stringify(d.duties),
        })
        .execute();
    }
  });
}
