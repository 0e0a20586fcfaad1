// Public figures (/so-lieu): the city and each commune. Aggregates only; no dossier is ever shown.
import { ErrorSummary, Layout, type FormErrors } from '../../../platform/html/index.js';
import type { Dashboard } from '../kpi.service.js';
import { HeadlineFigures, MonthFields, sortUnits, TrendSection, UnitsTable } from './figures.js';
import { monthLabel, qs } from './format.js';

interface PublicProps {
  data: Dashboard;
  errors?: FormErrors;
  input: { tu: string; den: string };
}

function PeriodForm({ action, input, errors }: { action: string; input: PublicProps['input']; errors?: FormErrors }) {
  return (
    <form method="get" action={action} class="panel">
      <MonthFields from={input.tu} to={input.den} errors={errors} />
      <button type="submit" class="button button-secondary">
        Xem số liệu
      </button>
    </form>
  );
}

function About() {
  return (
    <>
      <h2>Số liệu này lấy từ đâu?</h2>
      <p>
        Số liệu được tính tự động từ hồ sơ thủ tục hành chính mà các xã, phường, sở, ngành đã tiếp nhận trên hệ thống giải quyết
        thủ tục hành chính của Thành phố. Trang này chỉ có số tổng hợp, không có thông tin của người nộp hồ sơ.
      </p>
      <p>
        Từ ngày 01/7/2025, Hà Nội có 126 xã, phường mới. Hồ sơ nhận trước ngày đó ở xã, phường cũ được tính vào xã, phường mới
        tiếp nhận địa bàn của xã, phường cũ.
      </p>
    </>
  );
}

export function PublicCityPage({ data, errors, input }: PublicProps) {
  const { range } = data;
  const base = { tu: range.from, den: range.to };
  return (
    <Layout
      title="Số liệu dịch vụ công trực tuyến"
      description="Tỷ lệ hồ sơ nộp trực tuyến, giải quyết đúng hạn và thanh toán trực tuyến của Hà Nội và từng xã, phường."
    >
      <h1>Số liệu dịch vụ công trực tuyến Hà Nội</h1>
      <p class="lead">
        Từ tháng {monthLabel(range.from)} đến tháng {monthLabel(range.to)}.
      </p>
      <ErrorSummary errors={errors} />
      <PeriodForm action="/so-lieu" input={input} errors={errors} />
      <h2>Toàn Thành phố</h2>
      <HeadlineFigures totals={data.totals} rates={data.rates} plain />
      <h2>Theo từng tháng</h2>
      <TrendSection months={data.months} id="thanh-pho" keys={['online_rate']} />
      <h2>Từng xã, phường</h2>
      <p>Bấm tên xã, phường để xem số liệu theo từng tháng.</p>
      <UnitsTable
        units={sortUnits(
          data.units.filter((u) => u.unit.type === 'commune'),
          'ten',
        )}
        caption="Số liệu của 126 xã, phường (xếp theo tên)"
        href={(u) => `/so-lieu/${encodeURIComponent(u.unit.code ?? '')}${qs(base)}`}
      />
      <About />
      <p>
        Số liệu dạng máy đọc được:{' '}
        <a href={`/api/v1/kpi/summary${qs({ from: range.from, to: range.to })}`}>/api/v1/kpi/summary</a> (xem{' '}
        <a href="/api/docs">tài liệu API</a>).
      </p>
    </Layout>
  );
}

export function PublicUnitPage({ data, errors, input }: PublicProps) {
  const { range, scope } = data;
  const unit = scope.unit;
  const code = unit.code ?? '';
  return (
    <Layout
      title={`Số liệu ${unit.full_name}`}
      description={`Tỷ lệ hồ sơ nộp trực tuyến, đúng hạn và thanh toán trực tuyến của ${unit.full_name}.`}
      crumbs={[{ href: `/so-lieu${qs({ tu: range.from, den: range.to })}`, label: 'Số liệu' }]}
    >
      <h1>Số liệu {unit.full_name}</h1>
      <p class="lead">
        Từ tháng {monthLabel(range.from)} đến tháng {monthLabel(range.to)}.
      </p>
      <ErrorSummary errors={errors} />
      <PeriodForm action={`/so-lieu/${encodeURIComponent(code)}`} input={input} errors={errors} />
      <HeadlineFigures totals={data.totals} rates={data.rates} plain />
      <h2>Theo từng tháng</h2>
      <TrendSection months={data.months} id="don-vi" />
      <About />
    </Layout>
  );
}
