// The back-office KPI dashboard.
import { ErrorSummary, Layout, type FormErrors } from '../../../platform/html/index.js';
import type { OrgUnitRow } from '../../org/index.js';
import type { IndicatorResult } from '../kpi.indicators.js';
import { RATE_DEFS, type Dashboard, type D766Row, type RateKey, type TargetProgress } from '../kpi.service.js';
import { BarChart } from './charts.js';
import {
  CompareCharts,
  HeadlineFigures,
  MonthFields,
  sortUnits,
  TrendSection,
  UNIT_SORTS,
  UnitsTable,
  type UnitSort,
} from './figures.js';
import { count, monthLabel, pct, qs } from './format.js';

export interface DashboardPageProps {
  data: Dashboard;
  /** Units the user may pick (city, communes, bodies). */
  choices: OrgUnitRow[];
  sort: UnitSort;
  canImport: boolean;
  /** Set when the filter was invalid: the form is shown again with the messages. */
  errors?: FormErrors;
  input: { don_vi: string; tu: string; den: string };
}

const SORT_RATE: Record<UnitSort, RateKey> = {
  'truc-tuyen': 'online_rate',
  'dung-han': 'on_time_rate',
  'thanh-toan': 'online_payment_rate',
  'ho-so': 'online_rate',
  ten: 'online_rate',
};

function FilterForm({ choices, input, errors, sort }: Pick<DashboardPageProps, 'choices' | 'input' | 'errors' | 'sort'>) {
  return (
    <form method="get" action="/quan-tri/so-lieu" class="panel no-print">
      <div class="field">
        <label for="don-vi">Đơn vị</label>
        <select id="don-vi" name="don-vi" class="input">
          {choices.map((u) => (
            <option key={u.id} value={u.code ?? ''} selected={u.code === input.don_vi}>
              {u.type === 'city' ? `${u.full_name} (toàn Thành phố)` : u.full_name}
            </option>
          ))}
        </select>
      </div>
      <MonthFields from={input.tu} to={input.den} errors={errors?.map((e) => ({ ...e, field: e.field }))} />
      <input type="hidden" name="sap-xep" value={sort} />
      <button type="submit" class="button button-secondary">
        Xem số liệu
      </button>
    </form>
  );
}

function Indicators({ list }: { list: IndicatorResult[] }) {
  return (
    <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng các chỉ số khác">
      <table>
        <caption>Các chỉ số từ báo cáo, kế hoạch truyền thông, khảo sát và phản ánh</caption>
        <thead>
          <tr>
            <th scope="col">Chỉ số</th>
            <th scope="col">Giá trị</th>
            <th scope="col">Cách tính và nguồn</th>
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr key={i.key}>
              <th scope="row">{i.label}</th>
              <td>
                {!i.value ? (
                  <span class="muted">{i.note}</span>
                ) : i.value.kind === 'count' ? (
                  count(i.value.value)
                ) : i.value.kind === 'rate' ? (
                  <>
                    {pct(i.value.value)} ({count(i.value.numerator)} / {count(i.value.denominator)})
                  </>
                ) : i.value.rows.length ? (
                  <ul class="plain">
                    {i.value.rows.map((r) => (
                      <li key={r.label}>
                        {r.label}: {count(r.count)} lần đăng, {count(r.views)} lượt xem
                      </li>
                    ))}
                  </ul>
                ) : (
                  'Chưa có sản phẩm nào được đăng trong kỳ.'
                )}
              </td>
              <td>
                {i.definition} <span class="muted">Nguồn: {i.source}.</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function fmtTarget(v: number | null, unit: string): string {
  if (v === null) return 'chưa đo được';
  const n = Math.round(v * 10) / 10;
  return unit === '%' ? `${String(n).replace('.', ',')} %` : count(n);
}

function Targets({ targets, year }: { targets: TargetProgress[] | null; year: string }) {
  if (targets === null) {
    return <p class="muted">Chưa có chỉ tiêu: phân hệ Kế hoạch truyền thông chưa cung cấp danh sách chỉ tiêu.</p>;
  }
  if (!targets.length) return <p>Kế hoạch năm {year} chưa có chỉ tiêu nào.</p>;
  const measured = targets.filter((t) => t.progress !== null);
  return (
    <>
      {measured.length ? (
        <div class="kpi-chart">
          <p>
            <strong>Mức hoàn thành chỉ tiêu đo được</strong> (100 % là đạt chỉ tiêu)
          </p>
          <BarChart
            id="chi-tieu"
            title={`Mức hoàn thành ${measured.length} chỉ tiêu kế hoạch năm ${year}`}
            desc={measured.map((t) => `${t.text}: đạt ${pct(t.progress)} chỉ tiêu`).join('; ')}
            max={1}
            items={measured.map((t) => ({ label: t.text, value: Math.min(1, t.progress!), display: pct(t.progress) }))}
          />
        </div>
      ) : null}
      <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng chỉ tiêu kế hoạch">
        <table>
          <caption>Chỉ tiêu của kế hoạch năm {year}</caption>
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              <th scope="col" class="num">
                Mục tiêu
              </th>
              <th scope="col" class="num">
                Hiện đạt
              </th>
              <th scope="col" class="num">
                Mức hoàn thành
              </th>
              <th scope="col">Cách đo</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t, i) => (
              <tr key={i}>
                <th scope="row">{t.text}</th>
                <td class="num">{fmtTarget(t.targetValue, t.unit)}</td>
                <td class="num">
                  {fmtTarget(t.current, t.unit)}
                  {t.note ? <p class="hint">{t.note}</p> : null}
                </td>
                <td class="num">{t.progress === null ? '–' : pct(t.progress)}</td>
                <td>{t.measure}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Decision766({ rows, caveat }: { rows: D766Row[]; caveat: string }) {
  const groups = [...new Map(rows.map((r) => [r.group.id, r.group])).values()];
  return (
    <>
      <div class="callout">
        <p>
          <strong>Lưu ý:</strong> bộ chỉ số dưới đây được tổng hợp từ các nguồn thứ cấp, chưa đối chiếu với phụ lục của Quyết định
          766/QĐ-TTg. Điểm chỉ là ước tính để tham khảo, không phải điểm chính thức.
        </p>
        <p class="hint">{caveat}</p>
      </div>
      {groups.map((g) => {
        const list = rows.filter((r) => r.group.id === g.id);
        return (
          <div class="table-wrap" tabIndex={0} role="group" aria-label={`Bảng nhóm ${g.name}`} key={g.id}>
            <table>
              <caption>
                Nhóm {g.name} (tối đa {g.maxPoints} điểm)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Chỉ số</th>
                  <th scope="col">Công thức (Quyết định 766)</th>
                  <th scope="col" class="num">
                    Giá trị ở đây
                  </th>
                  <th scope="col" class="num">
                    Điểm ước tính
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.indicator.id}>
                    <th scope="row">
                      {r.indicator.id}. {r.indicator.name}
                      {typeof r.indicator.maxPoints === 'number' ? ` (${r.indicator.maxPoints} điểm)` : ''}
                    </th>
                    <td>
                      {r.indicator.formula ?? <span class="muted">Không có công thức trong tài liệu nguồn.</span>}
                      {r.indicator.threshold ? ` Ngưỡng: ${pct(r.indicator.threshold)}.` : ''}
                      {r.ours ? (
                        <p class="hint">
                          Tính từ: {r.ours.label}. {r.ours.difference}
                        </p>
                      ) : null}
                    </td>
                    <td class="num">{r.ours ? pct(r.value) : <span class="muted">Chưa có dữ liệu</span>}</td>
                    <td class="num">{r.points === null ? '–' : String(r.points).replace('.', ',')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}

export function DashboardPage(p: DashboardPageProps) {
  const { data } = p;
  const { scope, range } = data;
  const unit = scope.unit;
  const base = { 'don-vi': unit.code ?? undefined, tu: range.from, den: range.to };
  const rate = SORT_RATE[p.sort];
  const isCity = unit.type === 'city';
  return (
    <Layout title={`Số liệu KPI: ${unit.full_name}`} admin crumbs={[{ href: '/quan-tri', label: 'Quản trị' }]}>
      <h1>Số liệu KPI: {unit.full_name}</h1>
      <p class="lead">
        Từ tháng {monthLabel(range.from)} đến tháng {monthLabel(range.to)}.
      </p>
      {scope.resolvedFrom ? (
        <p class="callout">
          Mã {scope.resolvedFrom.code} là của {scope.resolvedFrom.full_name} (trước ngày 01/7/2025); số liệu của đơn vị này được
          tính vào {unit.full_name}.
        </p>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <FilterForm choices={p.choices} input={p.input} errors={p.errors} sort={p.sort} />
      <p class="no-print">
        {p.canImport ? (
          <>
            <a href="/quan-tri/so-lieu/nhap">Nhập hồ sơ từ hệ thống một cửa</a> ·{' '}
          </>
        ) : null}
        <a href="/quan-tri/so-lieu/quy-doi">Cách tính số liệu đơn vị cũ sau sắp xếp</a> ·{' '}
        <a href={`/api/v1/kpi/summary${qs({ unit: unit.code ?? undefined, from: range.from, to: range.to })}`}>
          Số liệu dạng JSON
        </a>
      </p>

      <h2>Hồ sơ thủ tục hành chính</h2>
      <HeadlineFigures totals={data.totals} rates={data.rates} />

      <h2>Diễn biến theo tháng</h2>
      <TrendSection months={data.months} id="xu-huong" />

      {data.units.length ? (
        <>
          <h2>So sánh giữa các đơn vị</h2>
          <p>
            Bấm tên một xã, phường để xem chi tiết. {isCity ? 'Dòng “cấp Thành phố” là hồ sơ do các sở, ngành tiếp nhận.' : ''}
          </p>
          <form method="get" action="/quan-tri/so-lieu" class="inline-form no-print">
            <input type="hidden" name="don-vi" value={unit.code ?? ''} />
            <input type="hidden" name="tu" value={range.from} />
            <input type="hidden" name="den" value={range.to} />
            <label for="sap-xep">Sắp xếp theo</label>
            <select id="sap-xep" name="sap-xep" class="input">
              {UNIT_SORTS.map((s) => (
                <option key={s.value} value={s.value} selected={s.value === p.sort}>
                  {s.label}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-secondary">
              Sắp xếp
            </button>
          </form>
          <CompareCharts units={data.units.filter((u) => u.unit.type === 'commune')} rate={rate} id="so-sanh" />
          <UnitsTable
            units={sortUnits(data.units, p.sort)}
            caption={`Số liệu từng đơn vị, sắp xếp theo ${UNIT_SORTS.find((s) => s.value === p.sort)!.label.toLowerCase()}`}
            href={(u) => (u.unit.code ? `/quan-tri/so-lieu${qs({ ...base, 'don-vi': u.unit.code })}` : null)}
          />
        </>
      ) : null}

      <h2>Tiến độ thực hiện chỉ tiêu kế hoạch</h2>
      <Targets targets={data.targets} year={range.to.slice(0, 4)} />

      <h2>Các chỉ số khác</h2>
      <Indicators list={data.indicators} />

      <h2>Theo nhóm chỉ số của Quyết định 766/QĐ-TTg</h2>
      <Decision766 rows={data.d766} caveat={data.d766Caveat} />
      <p class="hint">
        {RATE_DEFS.online_rate.short}, {RATE_DEFS.on_time_rate.short.toLowerCase()} và{' '}
        {RATE_DEFS.online_payment_rate.short.toLowerCase()} được tính từ tệp hồ sơ nhập từ hệ thống một cửa; số liệu trước
        01/7/2025 được tính vào xã, phường mới theo quy tắc quy đổi.
      </p>
    </Layout>
  );
}
