import {
  DataTable,
  ErrorSummary,
  FilterForm,
  Layout,
  Pager,
  TextInput,
  viDate,
  viNumber,
  type FormErrors,
} from '../../../platform/html/index.js';
import type { Figures, UnitFigures } from '../feedback.figures.js';

const pct = (r: number | null) => (r === null ? 'Chưa có' : `${Math.round(r * 1000) / 10}%`.replace('.', ','));
const days = (d: number | null) => (d === null ? 'Chưa có' : String(Math.round(d * 10) / 10).replace('.', ','));

export interface PublishedRow {
  code: string;
  received_at: string;
  first_answered_at: string | null;
  public_content: string | null;
  public_answer: string | null;
  unit_name: string | null;
  category_name: string | null;
}

const CRUMBS = [{ href: '/', label: 'Trang chủ' }];

/** Horizontal bars of the on-time rate of ranked units; the table below carries the same numbers. */
function OnTimeChart({ units }: { units: UnitFigures[] }) {
  const shown = units.filter((u) => u.rank !== null && u.onTimeRate !== null).slice(0, 15);
  if (!shown.length) return null;
  const rowH = 28;
  const labelW = 300;
  const barW = 300;
  const h = shown.length * rowH + 10;
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby="bieu-do-title bieu-do-desc"
        viewBox={`0 0 ${labelW + barW + 70} ${h}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="bieu-do-title">Tỷ lệ trả lời đúng hạn theo đơn vị</title>
        <desc id="bieu-do-desc">{shown.map((u) => `${u.unitName}: ${pct(u.onTimeRate)}`).join('; ')}</desc>
        {shown.map((u, i) => {
          const y = i * rowH + 5;
          const w = Math.max(2, Math.round((u.onTimeRate ?? 0) * barW));
          return (
            <g key={u.unitId}>
              <text x={labelW - 8} y={y + 17} text-anchor="end" class="chart-label">
                {u.unitName.length > 40 ? `${u.unitName.slice(0, 39)}…` : u.unitName}
              </text>
              <rect x={labelW} y={y + 4} width={w} height={rowH - 10} class="chart-bar" />
              <text x={labelW + w + 6} y={y + 17} class="chart-value">
                {pct(u.onTimeRate)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        Tỷ lệ trả lời đúng hạn của các đơn vị được xếp hạng (tối đa 15 đơn vị đầu). Số liệu đầy đủ ở bảng dưới.
      </figcaption>
    </figure>
  );
}

export function TransparencyPage(props: {
  from: string;
  to: string;
  units: UnitFigures[];
  total: Figures;
  minItems: number;
  recent: PublishedRow[];
  errors?: FormErrors;
}) {
  const t = props.total;
  return (
    <Layout
      title="Công khai kết quả xử lý phản ánh"
      crumbs={CRUMBS}
      description="Số liệu tiếp nhận, trả lời phản ánh, kiến nghị theo đơn vị."
    >
      <h1>Công khai kết quả xử lý phản ánh, kiến nghị</h1>
      <ErrorSummary errors={props.errors} />
      <p class="lead">
        Mọi phản ánh, kiến nghị của người dân và doanh nghiệp đều được ghi nhận và trả lời. Trang này công khai số liệu của từng
        đơn vị và các câu trả lời đã được xem xét (đã ẩn thông tin cá nhân).
      </p>
      <FilterForm action="/cong-khai" submitLabel="Xem">
        <TextInput name="tu" label="Từ tháng" type="month" value={props.from} errors={props.errors} width="short" />
        <TextInput name="den" label="Đến tháng" type="month" value={props.to} errors={props.errors} width="short" />
      </FilterForm>
      <h2>Tổng cộng</h2>
      <ul class="stats">
        <li>
          <strong>{viNumber(t.received)}</strong> phản ánh đã nhận
        </li>
        <li>
          <strong>{viNumber(t.answered)}</strong> đã trả lời
        </li>
        <li>
          <strong>{pct(t.onTimeRate)}</strong> trả lời đúng hạn
        </li>
        <li>
          <strong>{days(t.medianDays)}</strong> ngày làm việc (trung vị) để trả lời
        </li>
        <li>
          <strong>{pct(t.satisfiedRate)}</strong> người đánh giá hài lòng
        </li>
      </ul>
      <h2>Theo đơn vị</h2>
      <OnTimeChart units={props.units} />
      <DataTable
        visibleCaption
        caption={
          <>
            Kết quả xử lý phản ánh theo đơn vị, tháng {props.from.split('-').reverse().join('/')} đến tháng{' '}
            {props.to.split('-').reverse().join('/')}. Đơn vị có dưới {props.minItems} phản ánh không được xếp hạng.
          </>
        }
        columns={[
          { label: 'Hạng', num: true },
          'Đơn vị',
          { label: 'Đã nhận', num: true },
          { label: 'Đã trả lời', num: true },
          { label: 'Đúng hạn', num: true },
          { label: 'Số ngày trả lời (trung vị)', num: true },
          { label: 'Hài lòng', num: true },
        ]}
        rows={props.units}
        row={(u) => (
          <tr key={u.unitId}>
            <td class="num">{u.rank ?? 'Chưa xếp hạng'}</td>
            <th scope="row">
              <a href={`/cong-khai/phan-anh?don-vi=${u.unitId}`}>{u.unitName}</a>
            </th>
            <td class="num">{viNumber(u.received)}</td>
            <td class="num">{viNumber(u.answered)}</td>
            <td class="num">{pct(u.onTimeRate)}</td>
            <td class="num">{days(u.medianDays)}</td>
            <td class="num">
              {pct(u.satisfiedRate)}
              {u.rated ? <span class="muted"> ({viNumber(u.rated)} đánh giá)</span> : null}
            </td>
          </tr>
        )}
      />
      <details>
        <summary>Cách tính</summary>
        <ul>
          <li>Theo ngày nhận phản ánh. Phản ánh trùng đã gộp không tính.</li>
          <li>
            Đúng hạn: trả lời trong thời hạn (mặc định 15 ngày làm việc, không tính thứ Bảy, Chủ nhật, ngày lễ và thời gian chờ
            người gửi bổ sung), trên số phản ánh đã trả lời cộng số phản ánh đã quá hạn mà chưa trả lời.
          </li>
          <li>Số ngày trả lời: số ngày làm việc từ khi nhận đến lần trả lời đầu tiên; trung vị là giá trị ở giữa.</li>
          <li>Hài lòng: số người chọn “hài lòng” trên số người đã đánh giá câu trả lời.</li>
        </ul>
      </details>
      <h2>Câu trả lời mới công khai</h2>
      <PublishedList rows={props.recent} />
      <p>
        <a href="/cong-khai/phan-anh">Xem tất cả phản ánh đã công khai</a>
      </p>
    </Layout>
  );
}

function PublishedList({ rows }: { rows: PublishedRow[] }) {
  if (!rows.length) return <p>Chưa có phản ánh nào được công khai.</p>;
  return (
    <ol class="results">
      {rows.map((r) => (
        <li key={r.code}>
          <h3>
            <a href={`/cong-khai/phan-anh/${r.code}`}>{r.category_name ?? 'Phản ánh, kiến nghị'}</a>
          </h3>
          <p class="muted">
            {r.code} · {r.unit_name} · nhận {viDate(r.received_at)}
            {r.first_answered_at ? ` · trả lời ${viDate(r.first_answered_at)}` : ''}
          </p>
          <p>{(r.public_content ?? '').slice(0, 300)}</p>
        </li>
      ))}
    </ol>
  );
}

export function PublishedListPage(props: {
  rows: PublishedRow[];
  page: number;
  pages: number;
  unitName: string | null;
  query: string;
}) {
  const title = props.unitName ? `Phản ánh đã công khai: ${props.unitName}` : 'Phản ánh đã công khai';
  const link = (p: number) => `/cong-khai/phan-anh?${props.query ? `${props.query}&` : ''}trang=${p}`;
  return (
    <Layout title={title} crumbs={[...CRUMBS, { href: '/cong-khai', label: 'Công khai' }]}>
      <h1>{title}</h1>
      <PublishedList rows={props.rows} />
      <Pager page={props.page} pages={props.pages} href={link} showPosition />
    </Layout>
  );
}

export function PublishedItemPage({ r }: { r: PublishedRow }) {
  return (
    <Layout title={`Phản ánh ${r.code}`} crumbs={[...CRUMBS, { href: '/cong-khai', label: 'Công khai' }]}>
      <h1>{r.category_name ?? 'Phản ánh, kiến nghị'}</h1>
      <p class="muted">
        Mã {r.code} · {r.unit_name} · nhận {viDate(r.received_at)}
        {r.first_answered_at ? ` · trả lời ${viDate(r.first_answered_at)}` : ''}
      </p>
      <h2>Nội dung phản ánh</h2>
      <blockquote class="quote pre-line">{r.public_content}</blockquote>
      <h2>Câu trả lời</h2>
      <div class="answer pre-line">{r.public_answer}</div>
      <p class="hint">Thông tin cá nhân của người gửi đã được ẩn.</p>
    </Layout>
  );
}
