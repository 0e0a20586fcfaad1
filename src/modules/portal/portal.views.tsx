import { Button, Choices, Form, Layout, MAIN_MESSAGE } from '../../platform/html/index.js';
import { GuideSummaryList, type PublishedGuide } from '../guides/index.js';

const AUDIENCES = [
  {
    href: '/huong-dan?doi-tuong=nguoi-dan',
    title: 'Người dân',
    text: 'Khai sinh, cư trú, căn cước, bằng lái, đất đai, bảo hiểm...',
  },
  {
    href: '/huong-dan?doi-tuong=doanh-nghiep',
    title: 'Doanh nghiệp',
    text: 'Đăng ký kinh doanh, thuế điện tử, bảo hiểm cho người lao động.',
  },
  {
    href: '/huong-dan?doi-tuong=can-bo',
    title: 'Cán bộ, công chức',
    text: 'Tiếp nhận, xử lý hồ sơ trực tuyến và hướng dẫn người dân.',
  },
];

const SEGMENTS = [
  { href: '/huong-dan?doi-tuong=nguoi-cao-tuoi', title: 'Người cao tuổi' },
  { href: '/huong-dan?doi-tuong=nong-thon', title: 'Người dân nông thôn' },
  { href: '/huong-dan?doi-tuong=do-thi', title: 'Dân văn phòng, đô thị' },
  { href: '/huong-dan?doi-tuong=hoc-sinh-sinh-vien', title: 'Học sinh, sinh viên' },
];

const PORTAL_STEPS = [
  { id: 'tai-khoan-dvc', label: 'Đăng nhập Cổng Dịch vụ công' },
  { id: 'nop-ho-so', label: 'Nộp hồ sơ trực tuyến' },
  { id: 'tra-cuu-ho-so', label: 'Theo dõi hồ sơ' },
  { id: 'thanh-toan', label: 'Thanh toán lệ phí' },
  { id: 'nhan-ket-qua', label: 'Nhận kết quả' },
];

export function HomePage({ popular }: { popular: PublishedGuide[] }) {
  return (
    <Layout
      title="Trang chủ"
      description="Hướng dẫn từng bước làm thủ tục hành chính trực tuyến ở Hà Nội, dễ hiểu cho mọi người."
    >
      <section class="hero">
        <p class="motto-big">{MAIN_MESSAGE}</p>
        <h1>Làm thủ tục trực tuyến, từng bước dễ hiểu</h1>
        <p class="lead">Tìm hướng dẫn cho việc bạn cần làm: giấy tờ cần có, lệ phí, thời gian và nơi nộp.</p>
        <form method="get" action="/tim-kiem" role="search" class="search-box">
          <label for="q">Bạn cần làm thủ tục gì?</label>
          <div class="search-row">
            <input
              id="q"
              name="q"
              type="search"
              class="input"
              maxLength={200}
              placeholder="Ví dụ: làm căn cước, khai sinh cho con"
            />
            <button type="submit" class="button button-primary">
              Tìm
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="ban-la-ai">
        <h2 id="ban-la-ai">Bạn là ai?</h2>
        <ul class="cards cards-3">
          {AUDIENCES.map((a) => (
            <li class="card" key={a.href}>
              <h3 class="card-title">
                <a href={a.href}>{a.title}</a>
              </h3>
              <p>{a.text}</p>
            </li>
          ))}
        </ul>
        <p>Hướng dẫn riêng cho:</p>
        <ul class="pills-list">
          {SEGMENTS.map((s) => (
            <li key={s.href}>
              <a href={s.href}>{s.title}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="xem-nhieu">
        <h2 id="xem-nhieu">Hướng dẫn được xem nhiều</h2>
        <GuideSummaryList guides={popular} />
        <p>
          <a href="/huong-dan">Xem tất cả hướng dẫn</a>
        </p>
      </section>

      <section aria-labelledby="dung-cong">
        <h2 id="dung-cong">Dùng Cổng Dịch vụ công trong 5 bước</h2>
        <ol class="steps steps-compact">
          {PORTAL_STEPS.map((s) => (
            <li key={s.id}>
              <a href={`/huong-dan/${s.id}`}>{s.label}</a>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="an-toan" class="callout">
        <h2 id="an-toan">Cảnh giác lừa đảo</h2>
        <p>
          Cơ quan nhà nước không gọi điện đòi mã OTP, mật khẩu hay bắt cài ứng dụng lạ. Chỉ làm thủ tục trên trang có đuôi{' '}
          <strong>.gov.vn</strong> và ứng dụng VNeID chính thức.
        </p>
        <p>
          <a href="/huong-dan/lua-dao">Cách nhận biết lừa đảo</a> · <a href="/huong-dan/xu-ly-su-co">Bị lừa thì làm gì</a>
        </p>
      </section>
    </Layout>
  );
}

export function DisplayPage({ back, largeText, contrast }: { back: string; largeText: boolean; contrast: boolean }) {
  const value = [largeText ? 'lt' : '', contrast ? 'hc' : ''].filter(Boolean);
  return (
    <Layout title="Cỡ chữ và màu sắc">
      <h1>Cỡ chữ và màu sắc</h1>
      <p>Chọn cách hiển thị dễ đọc nhất với bạn. Lựa chọn được nhớ trên máy này.</p>
      <Form action="/hien-thi">
        <input type="hidden" name="back" value={back} />
        <Choices
          name="prefs"
          type="checkbox"
          label="Hiển thị"
          options={[
            { value: 'lt', label: 'Chữ to' },
            { value: 'hc', label: 'Tương phản cao (chữ trắng trên nền đen)' },
          ]}
          value={value}
        />
        <Button>Lưu và quay lại</Button>
      </Form>
    </Layout>
  );
}
