// Parts shared by the back-office dashboard and the public /so-lieu pages.
import type { Counts } from '../kpi.repository.js';
import {
  DOSSIERS_DEF,
  partsOf,
  RATE_DEFS,
  type MonthFigures,
  type RateKey,
  type Rates,
  type UnitFigures,
} from '../kpi.service.js';
import { BarChart, ColumnChart } from './charts.js';
import { count, monthLabel, monthShort, pct } from './format.js';

export const RATE_KEYS: RateKey[] = ['online_rate', 'on_time_rate', 'online_payment_rate'];

/** A plain sentence for each rate ("out of 100 dossiers, 61 were sent online"). */
function plainSentence(key: RateKey, r: number | null): string {
  if (r === null) return 'Chưa có hồ sơ nào để tính.';
  const n = Math.round(r * 100);
  if (key === 'online_rate') return `Cứ 100 hồ sơ nhận được thì khoảng ${n} hồ sơ được nộp qua mạng.`;
  if (key === 'on_time_rate') return `Cứ 100 hồ sơ đã giải quyết xong thì khoảng ${n} hồ sơ trả kết quả đúng hẹn.`;
  return `Cứ 100 hồ sơ phải nộp phí, lệ phí thì khoảng ${n} hồ sơ được thanh toán qua mạng.`;
}

/** The four headline figures, each with its definition beside it. */
export function HeadlineFigures({ totals, rates, plain }: { totals: Counts; rates: Rates; plain?: boolean }) {
  const parts = partsOf(totals);
  return (
    <ul class="cards cards-2 kpi-figures">
      <li class="card">
        <h3 class="card-title">Hồ sơ tiếp nhận</h3>
        <p class="kpi-value">
          <strong>{count(rates.dossiers)}</strong> hồ sơ
        </p>
        <p class="hint">Cách tính: {DOSSIERS_DEF}</p>
      </li>
      {RATE_KEYS.map((k) => (
        <li class="card" key={k}>
          <h3 class="card-title">{RATE_DEFS[k].label}</h3>
          <p class="kpi-value">
            <strong>{pct(rates[k])}</strong>
            {rates[k] === null ? null : (
              <span>
                {' '}
                ({count(parts[k][0])} / {count(parts[k][1])} hồ sơ)
              </span>
            )}
          </p>
          {plain ? <p>{plainSentence(k, rates[k])}</p> : null}
          <p class="hint">Cách tính: {RATE_DEFS[k].definition}</p>
        </li>
      ))}
    </ul>
  );
}

/** Trends by month: one column chart per rate, then the table with every figure. */
export function TrendSection({ months, id, keys = RATE_KEYS }: { months: MonthFigures[]; id: string; keys?: RateKey[] }) {
  if (!months.length) return null;
  const span = `từ ${monthLabel(months[0]!.month)} đến ${monthLabel(months[months.length - 1]!.month)}`;
  return (
    <>
      {keys.map((k) => (
        <div key={k} class="kpi-chart">
          <p>
            <strong>{RATE_DEFS[k].label}</strong> theo tháng
          </p>
          <ColumnChart
            id={`${id}-${k}`}
            title={`${RATE_DEFS[k].label} theo tháng, ${span}`}
            desc={`Biểu đồ cột, mỗi cột là một tháng. ${months
              .map((m) => `${monthLabel(m.month)}: ${pct(m[k], 'không có số liệu')}`)
              .join('; ')}.`}
            max={1}
            items={months.map((m) => ({ label: monthShort(m.month), value: m[k], display: pct(m[k], '–') }))}
          />
        </div>
      ))}
      <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng số liệu theo tháng">
        <table>
          <caption>Số liệu theo tháng ({span})</caption>
          <thead>
            <tr>
              <th scope="col">Tháng</th>
              <th scope="col" class="num">
                Hồ sơ tiếp nhận
              </th>
              <th scope="col" class="num">
                Nộp trực tuyến
              </th>
              <th scope="col" class="num">
                Hoàn thành
              </th>
              <th scope="col" class="num">
                Đúng hạn
              </th>
              <th scope="col" class="num">
                Thanh toán trực tuyến
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month)}</th>
                <td class="num">{count(m.counts.received)}</td>
                <td class="num">
                  {count(m.counts.received_online)} ({pct(m.online_rate, '–')})
                </td>
                <td class="num">{count(m.counts.finished)}</td>
                <td class="num">
                  {count(m.counts.finished_on_time)} ({pct(m.on_time_rate, '–')})
                </td>
                <td class="num">
                  {count(m.counts.paid_online)} / {count(m.counts.fee_required)} ({pct(m.online_payment_rate, '–')})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export type UnitSort = 'ten' | 'ho-so' | 'truc-tuyen' | 'dung-han' | 'thanh-toan';
export const UNIT_SORTS: Array<{ value: UnitSort; label: string }> = [
  { value: 'truc-tuyen', label: 'Tỷ lệ nộp trực tuyến' },
  { value: 'dung-han', label: 'Tỷ lệ đúng hạn' },
  { value: 'thanh-toan', label: 'Tỷ lệ thanh toán trực tuyến' },
  { value: 'ho-so', label: 'Số hồ sơ' },
  { value: 'ten', label: 'Tên đơn vị' },
];

export function sortUnits(units: UnitFigures[], sort: UnitSort): UnitFigures[] {
  const byRate = (k: RateKey) => (a: UnitFigures, b: UnitFigures) => (b[k] ?? -1) - (a[k] ?? -1);
  const byName = (a: UnitFigures, b: UnitFigures) => a.unit.name.localeCompare(b.unit.name, 'vi');
  const cmp =
    sort === 'ten'
      ? byName
      : sort === 'ho-so'
        ? (a: UnitFigures, b: UnitFigures) => b.dossiers - a.dossiers
        : byRate(sort === 'dung-han' ? 'on_time_rate' : sort === 'thanh-toan' ? 'online_payment_rate' : 'online_rate');
  return [...units].sort((a, b) => cmp(a, b) || byName(a, b));
}

/** Compare units: the highest and lowest ten on one rate as bar charts. */
export function CompareCharts({ units, rate, id }: { units: UnitFigures[]; rate: RateKey; id: string }) {
  const withData = units.filter((u) => u[rate] !== null).sort((a, b) => b[rate]! - a[rate]!);
  if (!withData.length) return <p>Chưa có đơn vị nào có số liệu để so sánh.</p>;
  const top = withData.slice(0, 10);
  const bottom = withData.length > 10 ? withData.slice(-Math.min(10, withData.length - 10)).reverse() : [];
  const item = (u: UnitFigures) => ({ label: u.unit.name, value: u[rate], display: pct(u[rate], '–') });
  const label = RATE_DEFS[rate].label.toLowerCase();
  return (
    <>
      <div class="kpi-chart">
        <p>
          <strong>
            {top.length} đơn vị có {label} cao nhất
          </strong>
        </p>
        <BarChart
          id={`${id}-top`}
          title={`${top.length} đơn vị có ${label} cao nhất`}
          desc={top.map((u) => `${u.unit.full_name}: ${pct(u[rate])}`).join('; ')}
          max={1}
          items={top.map(item)}
        />
      </div>
      {bottom.length ? (
        <div class="kpi-chart">
          <p>
            <strong>
              {bottom.length} đơn vị có {label} thấp nhất
            </strong>
          </p>
          <BarChart
            id={`${id}-bottom`}
            title={`${bottom.length} đơn vị có ${label} thấp nhất`}
            desc={bottom.map((u) => `${u.unit.full_name}: ${pct(u[rate])}`).join('; ')}
            max={1}
            items={bottom.map(item)}
          />
        </div>
      ) : null}
    </>
  );
}

/** Every unit with its figures; the name links to its own page. */
export function UnitsTable({
  units,
  href,
  caption,
}: {
  units: UnitFigures[];
  href: (u: UnitFigures) => string | null;
  caption: string;
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="group" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col" class="num">
              Hồ sơ tiếp nhận
            </th>
            <th scope="col" class="num">
              Nộp trực tuyến
            </th>
            <th scope="col" class="num">
              Đúng hạn
            </th>
            <th scope="col" class="num">
              Thanh toán trực tuyến
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => {
            const link = href(u);
            return (
              <tr key={u.unit.id}>
                <th scope="row">{link ? <a href={link}>{u.unit.full_name}</a> : u.unit.full_name}</th>
                <td class="num">{count(u.dossiers)}</td>
                <td class="num">{pct(u.online_rate, '–')}</td>
                <td class="num">{pct(u.on_time_rate, '–')}</td>
                <td class="num">{pct(u.online_payment_rate, '–')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Month range fields for a GET filter form. */
export function MonthFields({
  from,
  to,
  errors,
}: {
  from: string;
  to: string;
  errors?: Array<{ field: string; message: string }>;
}) {
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  return (
    <>
      {(['tu', 'den'] as const).map((name) => {
        const e = err(name);
        return (
          <div class={e ? 'field field-error' : 'field'} key={name}>
            <label for={name}>{name === 'tu' ? 'Từ tháng' : 'Đến tháng'}</label>
            <p class="hint" id={`${name}-hint`}>
              Dạng năm-tháng, ví dụ 2025-07
            </p>
            {e ? (
              <p class="error-message" id={`${name}-error`}>
                <span class="visually-hidden">Lỗi: </span>
                {e}
              </p>
            ) : null}
            <input
              class="input"
              type="month"
              id={name}
              name={name}
              value={name === 'tu' ? from : to}
              aria-describedby={e ? `${name}-hint ${name}-error` : `${name}-hint`}
              aria-invalid={e ? 'true' : undefined}
            />
          </div>
        );
      })}
    </>
  );
}
