import { Layout } from '../../../platform/html/index.js';
import type { PublishedGuide, SearchResponse } from '../guides.service.js';
import { GuideSummaryList } from './guide-list.js';

export const AUDIENCE_SECTIONS = [
  { id: 'nguoi-dan', title: 'Người dân' },
  { id: 'doanh-nghiep', title: 'Doanh nghiệp' },
  { id: 'can-bo', title: 'Cán bộ, công chức' },
] as const;

export const SEGMENT_SECTIONS = [
  { id: 'nguoi-cao-tuoi', title: 'Người cao tuổi, người ít dùng công nghệ' },
  { id: 'nong-thon', title: 'Người dân nông thôn' },
  { id: 'do-thi', title: 'Người dân đô thị, dân văn phòng' },
  { id: 'hoc-sinh-sinh-vien', title: 'Học sinh, sinh viên' },
] as const;

export function GuidesIndexPage({ guides, audience }: { guides: (id: string) => PublishedGuide[]; audience?: string }) {
  const sections = [...AUDIENCE_SECTIONS, ...SEGMENT_SECTIONS];
  const chosen = sections.find((s) => s.id === audience);
  const title = chosen ? `Hướng dẫn cho ${chosen.title.toLowerCase()}` : 'Tất cả hướng dẫn';
  return (
    <Layout title={title} crumbs={[{ href: '/', label: 'Trang chủ' }]}>
      <h1>{title}</h1>
      <nav aria-label="Chọn đối tượng" class="pills">
        <ul>
          <li>
            <a href="/huong-dan" aria-current={!chosen ? 'page' : undefined}>
              Tất cả
            </a>
          </li>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`/huong-dan?doi-tuong=${s.id}`} aria-current={chosen?.id === s.id ? 'page' : undefined}>
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {chosen ? (
        <GuideSummaryList guides={guides(chosen.id)} headingLevel={2} />
      ) : (
        AUDIENCE_SECTIONS.map((s) => (
          <section key={s.id} aria-labelledby={`nhom-${s.id}`}>
            <h2 id={`nhom-${s.id}`}>{s.title}</h2>
            <GuideSummaryList guides={guides(s.id)} />
          </section>
        ))
      )}
    </Layout>
  );
}

export function SearchBox({ value = '', id = 'q' }: { value?: string; id?: string }) {
  return (
    <form method="get" action="/tim-kiem" role="search" class="search-box">
      <label for={id}>Bạn cần làm thủ tục gì?</label>
      <div class="search-row">
        <input
          id={id}
          name="q"
          type="search"
          value={value}
          class="input"
          maxLength={200}
          placeholder="Ví dụ: làm căn cước, đăng ký khai sinh"
          autocomplete="off"
        />
        <button type="submit" class="button button-primary">
          Tìm
        </button>
      </div>
    </form>
  );
}

export function SearchPage({ res, popular }: { res: SearchResponse; popular: PublishedGuide[] }) {
  const title = res.query ? `Kết quả tìm kiếm: ${res.query}` : 'Tìm hướng dẫn';
  return (
    <Layout title={title} crumbs={[{ href: '/', label: 'Trang chủ' }]}>
      <h1>Tìm hướng dẫn</h1>
      <SearchBox value={res.query} />
      {res.query ? (
        res.results.length ? (
          <>
            <h2 aria-live="polite">
              Có {res.results.length} hướng dẫn phù hợp với “{res.query}”
            </h2>
            <ol class="results">
              {res.results.map((r) => (
                <li key={r.topic}>
                  <h3>
                    <a href={r.url}>{r.title}</a>
                  </h3>
                  <p>{r.summary}</p>
                </li>
              ))}
            </ol>
          </>
        ) : (
          <div class="no-results">
            <h2 aria-live="polite">Chưa tìm thấy hướng dẫn cho “{res.query}”</h2>
            {res.didYouMean ? (
              <p>
                Có phải bạn muốn tìm: <a href={`/tim-kiem?q=${encodeURIComponent(res.didYouMean)}`}>{res.didYouMean}</a>?
              </p>
            ) : null}
            <p>Bạn có thể thử:</p>
            <ul>
              <li>Gõ ngắn hơn, chỉ tên thủ tục, ví dụ “khai sinh”, “căn cước”, “tạm trú”.</li>
              <li>
                Xem <a href="/huong-dan">tất cả hướng dẫn</a> theo nhóm người dùng.
              </li>
              <li>
                Gọi đường dây nóng <a href="tel:02401022">024.1022</a> hoặc đến Bộ phận một cửa UBND xã, phường.
              </li>
            </ul>
          </div>
        )
      ) : null}
      {!res.query || !res.results.length ? (
        <section aria-labelledby="xem-nhieu">
          <h2 id="xem-nhieu">Hướng dẫn được xem nhiều</h2>
          <GuideSummaryList guides={popular} />
        </section>
      ) : null}
    </Layout>
  );
}
