import { Fragment } from 'preact';
import {
  Button,
  ButtonForm,
  Choices,
  DataTable,
  ErrorSummary,
  FilterForm,
  FilterSelect,
  FlashNotice,
  Form,
  Layout,
  Notice,
  TextArea,
  TextInput,
  errorFor,
  viDate,
  viDateTime,
  viNumber,
  type FormErrors,
} from '../../../platform/html/index.js';
import { UNIT_TYPE_LABELS, type OrgUnitRow, type UnitType } from '../../org/index.js';
import { GRID_STATUS_FILTERS, UNIT_STATUS_FILTERS, listUrl, type Paged } from '../reports.paging.js';
import type * as repo from '../reports.repository.js';
import {
  CELL_LABELS,
  FIELD_TYPE_LABELS,
  FREQUENCY_LABELS,
  REPORTING_TYPES,
  submissionUrl,
  type CellStatus,
  type Consolidation,
  type FormForm,
  type LinkRow,
  type ReportData,
  type SubmissionContext,
  unitLabel,
} from '../reports.service.js';
import type { FieldDef } from '../reports.table.js';
import { PageSummary, Pager, UnitFilterFields } from './list-parts.js';

export const CRUMBS = [
  { href: '/quan-tri', label: 'Quản trị' },
  { href: '/quan-tri/bao-cao', label: 'Báo cáo định kỳ' },
];

/** Status in words and a symbol, never color alone. */
const SYMBOL: Record<CellStatus, string> = {
  on_time: '✓',
  late: '⏱',
  draft: '✎',
  draft_overdue: '✗',
  missing: '✗',
  pending: '…',
};

export function StatusText({ status }: { status: CellStatus }) {
  return (
    <span class={`tag status-${status}`}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {CELL_LABELS[status]}
    </span>
  );
}

type DueItem = { form: repo.FormRow; period: repo.PeriodRow; unit: OrgUnitRow; status: CellStatus };

export function ReportsHomePage(props: {
  isOfficer: boolean;
  isCenter: boolean;
  forms: repo.FormRow[];
  mine: DueItem[];
  unread: number;
  flash?: string;
}) {
  return (
    <Layout title="Báo cáo định kỳ" admin crumbs={CRUMBS.slice(0, 1)}>
      <h1>Báo cáo định kỳ</h1>
      <FlashNotice message={props.flash} />
      <p>
        <a href="/quan-tri/thong-bao">Thông báo của bạn{props.unread ? ` (${props.unread} chưa đọc)` : ''}</a>
      </p>
      {props.isOfficer ? (
        <section aria-labelledby="bc-don-vi">
          <h2 id="bc-don-vi">Báo cáo của đơn vị bạn</h2>
          {props.mine.length ? (
            <DataTable caption="Các kỳ báo cáo của đơn vị bạn">
              <thead>
                <tr>
                  <th scope="col">Kỳ</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Hạn nộp</th>
                  <th scope="col">Tình trạng</th>
                  <th scope="col">Mở</th>
                </tr>
              </thead>
              <tbody>
                {props.mine.map((d) => (
                  <tr key={`${d.period.id}-${d.unit.id}`}>
                    <td>
                      {d.period.label}
                      <br />
                      <span class="muted">{d.form.name}</span>
                    </td>
                    <td>{unitLabel(d.unit)}</td>
                    <td>{viDate(d.period.deadline)}</td>
                    <td>
                      <StatusText status={d.status} />
                    </td>
                    <td>
                      <a href={submissionUrl(d.period.id, d.unit.id)}>
                        {d.status === 'on_time' || d.status === 'late' ? 'Xem' : 'Điền báo cáo'}
                        <span class="visually-hidden">
                          {' '}
                          {d.period.label} của {d.unit.full_name}
                        </span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ) : (
            <p>Đơn vị bạn chưa có kỳ báo cáo nào.</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="mau-bc">
        <h2 id="mau-bc">Mẫu báo cáo</h2>
        <ul class="cards">
          {props.forms.map((f) => (
            <li class="card" key={f.id}>
              <h3 class="card-title">{f.name}</h3>
              <p>
                {FREQUENCY_LABELS[f.frequency]}; hạn nộp {f.deadline_days} ngày sau ngày cuối kỳ.
                {f.active ? '' : ' Đã ngừng dùng.'}
              </p>
              <p>
                <a href={`/quan-tri/bao-cao/mau/${f.id}/tinh-hinh`}>Tình hình nộp</a> ·{' '}
                <a href={`/quan-tri/bao-cao/mau/${f.id}/tong-hop`}>Tổng hợp số liệu</a>
                {props.isOfficer ? null : (
                  <>
                    {' · '}
                    <a href={`/quan-tri/bao-cao/mau/${f.id}`}>Trường và kỳ báo cáo</a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
        {props.isCenter ? (
          <p>
            <a class="button button-secondary" href="/quan-tri/bao-cao/mau/moi">
              Tạo mẫu báo cáo mới
            </a>
          </p>
        ) : null}
      </section>
    </Layout>
  );
}

export function FormEditPage({
  action,
  title,
  form,
  errors,
}: {
  action: string;
  title: string;
  form: FormForm;
  errors?: FormErrors;
}) {
  const rows = [...form.fields, ...Array.from({ length: 3 }, () => ({ key: '', label: '', type: 'integer', hint: '' }))];
  return (
    <Layout title={title} admin crumbs={CRUMBS}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Form action={action}>
        <TextInput name="name" label="Tên mẫu báo cáo" value={form.name} errors={errors} required />
        <Choices
          name="frequency"
          type="radio"
          label="Kỳ báo cáo"
          inline
          options={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))}
          value={form.frequency}
          errors={errors}
          required
        />
        <TextArea name="description" label="Hướng dẫn cho đơn vị" value={form.description} rows={3} errors={errors} />
        <Choices
          name="unitTypes"
          type="checkbox"
          label="Đơn vị phải báo cáo"
          options={REPORTING_TYPES.map((t) => ({ value: t, label: UNIT_TYPE_LABELS[t] }))}
          value={form.unitTypes}
          errors={errors}
          required
        />
        <TextInput
          name="deadlineDays"
          label="Hạn nộp: số ngày sau ngày cuối kỳ"
          inputMode="numeric"
          width="short"
          value={form.deadlineDays}
          errors={errors}
          required
        />
        <Choices
          name="active"
          type="checkbox"
          label="Trạng thái"
          options={[{ value: '1', label: 'Đang dùng' }]}
          value={form.active ? '1' : ''}
        />
        <h2>Các trường số liệu</h2>
        <p class="hint">
          Mã trường không đổi sau khi đã có báo cáo: bảng chỉ số và chỉ tiêu kế hoạch dùng mã này (ví dụ people_guided). Để trống
          cả dòng để bỏ một trường.
        </p>
        <DataTable caption="Các trường của mẫu báo cáo">
          <thead>
            <tr>
              <th scope="col">Mã trường</th>
              <th scope="col">Tên trường</th>
              <th scope="col">Kiểu</th>
              <th scope="col">Gợi ý cho người điền</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f, i) => {
              const sfx = i === 0 ? '' : `-${i + 1}`;
              const keyErr = errorFor(errors, `f_key${sfx}`);
              const labelErr = errorFor(errors, `f_label${sfx}`);
              return (
                <tr key={i}>
                  <td>
                    <label class="visually-hidden" for={`f_key${sfx}`}>
                      Mã trường dòng {i + 1}
                    </label>
                    <input
                      id={`f_key${sfx}`}
                      name="f_key"
                      class="input"
                      value={f.key}
                      aria-invalid={keyErr ? 'true' : undefined}
                    />
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f_label${sfx}`}>
                      Tên trường dòng {i + 1}
                    </label>
                    <input
                      id={`f_label${sfx}`}
                      name="f_label"
                      class="input"
                      value={f.label}
                      aria-invalid={labelErr ? 'true' : undefined}
                    />
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f_type${sfx}`}>
                      Kiểu dòng {i + 1}
                    </label>
                    <select id={`f_type${sfx}`} name="f_type" class="input">
                      {Object.entries(FIELD_TYPE_LABELS).map(([v, l]) => (
                        <option key={v} value={v} selected={v === f.type}>
                          {l}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f_hint${sfx}`}>
                      Gợi ý dòng {i + 1}
                    </label>
                    <input id={`f_hint${sfx}`} name="f_hint" class="input" value={f.hint} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
        <p class="hint">Cần thêm trường? Lưu mẫu, rồi mở lại trang này: luôn có 3 dòng trống ở cuối.</p>
        <Button>Lưu mẫu báo cáo</Button>
      </Form>
    </Layout>
  );
}

export function FormPage(props: {
  form: repo.FormRow;
  fields: FieldDef[];
  periods: repo.PeriodRow[];
  canEdit: boolean;
  flash?: string;
  errors?: FormErrors;
}) {
  const { form } = props;
  const nextYear = props.periods.length
    ? Number(props.periods[props.periods.length - 1]!.start_date.slice(0, 4)) + 1
    : new Date().getFullYear();
  return (
    <Layout title={form.name} admin crumbs={CRUMBS}>
      <h1>{form.name}</h1>
      <FlashNotice message={props.flash} />
      <ErrorSummary errors={props.errors} />
      <p>{form.description}</p>
      <p>
        {FREQUENCY_LABELS[form.frequency]}; hạn nộp {form.deadline_days} ngày sau ngày cuối kỳ. Đơn vị phải báo cáo:{' '}
        {(JSON.parse(form.unit_types) as UnitType[]).map((t) => UNIT_TYPE_LABELS[t]).join(', ')}.
      </p>
      <p>
        <a href={`/quan-tri/bao-cao/mau/${form.id}/tinh-hinh`}>Tình hình nộp</a> ·{' '}
        <a href={`/quan-tri/bao-cao/mau/${form.id}/tong-hop`}>Tổng hợp</a>
        {props.canEdit ? (
          <>
            {' · '}
            <a href={`/quan-tri/bao-cao/mau/${form.id}/sua`}>Sửa mẫu</a>
          </>
        ) : null}
      </p>
      <h2>Các trường</h2>
      <DataTable caption="Các trường của mẫu báo cáo">
        <thead>
          <tr>
            <th scope="col">Mã trường</th>
            <th scope="col">Tên trường</th>
            <th scope="col">Kiểu</th>
          </tr>
        </thead>
        <tbody>
          {props.fields.map((f) => (
            <tr key={f.key}>
              <td>
                <code>{f.key}</code>
              </td>
              <td>{f.label}</td>
              <td>{FIELD_TYPE_LABELS[f.type]}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <h2 id="ky">Kỳ báo cáo</h2>
      <DataTable caption="Các kỳ báo cáo">
        <thead>
          <tr>
            <th scope="col">Kỳ</th>
            <th scope="col">Từ ngày</th>
            <th scope="col">Đến ngày</th>
            <th scope="col">Hạn nộp</th>
            {props.canEdit ? <th scope="col">Sửa</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.periods.map((p) => (
            <tr key={p.id}>
              <td>{p.label}</td>
              <td>{viDate(p.start_date)}</td>
              <td>{viDate(p.end_date)}</td>
              <td>{viDate(p.deadline)}</td>
              {props.canEdit ? (
                <td>
                  <a href={`/quan-tri/bao-cao/ky/${p.id}/sua`}>
                    Sửa<span class="visually-hidden"> {p.label}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </DataTable>
      {props.canEdit ? (
        <Form action={`/quan-tri/bao-cao/mau/${form.id}/ky`}>
          <TextInput
            name="year"
            label="Tạo các kỳ báo cáo của năm"
            inputMode="numeric"
            width="short"
            value={String(nextYear)}
            errors={props.errors}
            required
          />
          <Button variant="secondary">Tạo kỳ báo cáo</Button>
        </Form>
      ) : null}
    </Layout>
  );
}

export function PeriodEditPage({
  period,
  form,
  errors,
}: {
  period: repo.PeriodRow;
  form: { label: string; deadline: string };
  errors?: FormErrors;
}) {
  return (
    <Layout
      title={`Sửa ${period.label}`}
      admin
      crumbs={[...CRUMBS, { href: `/quan-tri/bao-cao/mau/${period.form_id}`, label: 'Mẫu báo cáo' }]}
    >
      <h1>Sửa kỳ {period.label}</h1>
      <ErrorSummary errors={errors} />
      <p>
        Từ {viDate(period.start_date)} đến {viDate(period.end_date)}.
      </p>
      <Form action={`/quan-tri/bao-cao/ky/${period.id}/sua`}>
        <TextInput name="label" label="Tên kỳ" value={form.label} errors={errors} required />
        <TextInput name="deadline" label="Hạn nộp" type="date" width="short" value={form.deadline} errors={errors} required />
        <Button>Lưu</Button>
      </Form>
    </Layout>
  );
}

type GridRow = {
  unit: OrgUnitRow;
  cells: Array<{ period: repo.PeriodRow; status: CellStatus | null; remindedAt?: string }>;
};
type GridCounts = Map<
  number,
  { expected: number; on_time: number; late: number; missing: number; draft: number; pending: number }
>;

/** The grid's filters, as they travel in its links and forms. */
export interface GridFilters {
  nam: number;
  loai: string;
  q: string;
  'trang-thai': string;
  ky: string;
}

export function GridPage(props: {
  form: repo.FormRow;
  years: number[];
  filters: GridFilters;
  periods: repo.PeriodRow[];
  counts: GridCounts;
  /** Units of the chosen type, before the name and status filters: what the per-period figures count. */
  unitCount: number;
  paged: Paged<GridRow>;
  canRemind: boolean;
  flash?: string;
}) {
  const { form, periods, counts, filters, paged } = props;
  const year = filters.nam;
  const path = `/quan-tri/bao-cao/mau/${form.id}/tinh-hinh`;
  const pageUrl = (trang: number) => listUrl(path, { ...filters, trang: trang > 1 ? trang : undefined });
  const filtered = Boolean(filters.q || filters['trang-thai']);
  return (
    <Layout title={`Tình hình nộp báo cáo năm ${year}`} admin crumbs={CRUMBS}>
      <h1>Tình hình nộp báo cáo năm {year}</h1>
      <FlashNotice message={props.flash} />
      <p>{form.name}</p>
      <FilterForm action={path} submitLabel="Xem" inline>
        <FilterSelect
          name="nam"
          label="Năm"
          options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year)}
          noAll
        />
        <UnitFilterFields type={filters.loai} q={filters.q} status={filters['trang-thai']} statuses={GRID_STATUS_FILTERS} />
        <FilterSelect
          name="ky"
          label="Ở kỳ"
          options={periods.map((p) => ({ value: String(p.id), label: p.label }))}
          value={filters.ky}
          allLabel="Bất kỳ kỳ nào"
        />
      </FilterForm>
      <p>
        Ký hiệu: ✓ đã nộp đúng hạn · ⏱ nộp muộn · ✗ chưa nộp khi đã quá hạn · ✎ đang soạn · … chưa đến hạn · — đơn vị không phải
        nộp kỳ này.
      </p>
      <h2>Tổng hợp theo kỳ</h2>
      <p>
        Các số dưới đây tính trên tất cả {viNumber(props.unitCount)} đơn vị
        {filters.loai ? ` loại ${UNIT_TYPE_LABELS[filters.loai as UnitType].toLowerCase()}` : ''}, không phụ thuộc trang đang xem
        {filtered ? ' hay bộ lọc tên, tình trạng' : ''}.
      </p>
      <DataTable caption="Số đơn vị đã nộp, nộp muộn và chưa nộp theo kỳ">
        <thead>
          <tr>
            <th scope="col">Kỳ</th>
            <th scope="col">Hạn nộp</th>
            <th scope="col" class="num">
              Phải nộp
            </th>
            <th scope="col" class="num">
              Đúng hạn
            </th>
            <th scope="col" class="num">
              Nộp muộn
            </th>
            <th scope="col" class="num">
              Chưa nộp (quá hạn)
            </th>
            <th scope="col" class="num">
              Chưa đến hạn
            </th>
            {props.canRemind ? <th scope="col">Nhắc</th> : null}
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => {
            const c = counts.get(p.id)!;
            const outstanding = c.expected - c.on_time - c.late;
            return (
              <tr key={p.id}>
                <th scope="row">{p.label}</th>
                <td>{viDate(p.deadline)}</td>
                <td class="num">{c.expected}</td>
                <td class="num">{c.on_time}</td>
                <td class="num">{c.late}</td>
                <td class="num">{c.missing}</td>
                <td class="num">{c.pending + c.draft}</td>
                {props.canRemind ? (
                  <td>
                    {outstanding > 0 ? (
                      <ButtonForm
                        action={`/quan-tri/bao-cao/ky/${p.id}/nhac`}
                        variant="secondary"
                        srLabel={`kỳ ${p.label}`}
                        fields={{ back: pageUrl(paged.page), ...(filters.loai ? { loai: filters.loai } : {}) }}
                      >
                        Nhắc {outstanding} đơn vị
                      </ButtonForm>
                    ) : (
                      'Đủ'
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <h2 id="tung-don-vi">Từng đơn vị</h2>
      <PageSummary paged={paged} noun="đơn vị" filtered={filtered} resetHref={listUrl(path, { nam: year, loai: filters.loai })} />
      {paged.rows.length ? (
        <>
          <p>Bấm vào một ô để xem báo cáo.</p>
          <div class="table-wrap">
            <table class="grid">
              <caption class="visually-hidden">Tình trạng báo cáo của từng đơn vị theo kỳ</caption>
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  {periods.map((p) => (
                    <th scope="col" key={p.id}>
                      {p.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {paged.rows.map((r) => (
                  <tr key={r.unit.id}>
                    <th scope="row">{unitLabel(r.unit)}</th>
                    {r.cells.map((c) =>
                      c.status === null ? (
                        <td key={c.period.id} class="muted">
                          <span aria-hidden="true">—</span>
                          <span class="visually-hidden">Không phải nộp</span>
                        </td>
                      ) : (
                        <td key={c.period.id}>
                          {/* The row and column headers name the unit and the period; the cell says the status. */}
                          <a href={submissionUrl(c.period.id, r.unit.id)}>
                            <span aria-hidden="true">{SYMBOL[c.status]}</span>
                            <span class="visually-hidden">{CELL_LABELS[c.status]}</span>
                          </a>
                          {c.remindedAt ? <span class="visually-hidden"> (đã nhắc {viDateTime(c.remindedAt)})</span> : null}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <Pager paged={paged} href={pageUrl} label="Các trang của bảng từng đơn vị" />
    </Layout>
  );
}

function FieldInput({ f, data, errors, extraRows }: { f: FieldDef; data: ReportData; errors?: FormErrors; extraRows: number }) {
  const name = `v_${f.key}`;
  if (f.type === 'integer') {
    const v = data[f.key];
    return (
      <TextInput
        name={name}
        label={f.label}
        hint={f.hint || undefined}
        inputMode="numeric"
        width="short"
        value={typeof v === 'number' ? v : ''}
        errors={errors}
        required
      />
    );
  }
  if (f.type === 'text') {
    return (
      <TextArea
        name={name}
        label={f.label}
        hint={f.hint || undefined}
        value={typeof data[f.key] === 'string' ? (data[f.key] as string) : ''}
        rows={4}
        errors={errors}
      />
    );
  }
  const rows: LinkRow[] = Array.isArray(data[f.key]) ? (data[f.key] as LinkRow[]) : [];
  const all = [...rows, ...Array.from({ length: Math.max(2, extraRows) }, () => ({ title: '', url: '' }))];
  return (
    <fieldset class="field">
      <legend>
        {f.label}
        <span class="optional"> (không bắt buộc)</span>
      </legend>
      {f.hint ? <p class="hint">{f.hint}</p> : null}
      <DataTable caption={f.label}>
        <thead>
          <tr>
            <th scope="col">TT</th>
            <th scope="col">Tên bài</th>
            <th scope="col">Đường link</th>
          </tr>
        </thead>
        <tbody>
          {all.map((r, i) => {
            const err = errorFor(errors, `${name}__url_${i}`);
            return (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <label class="visually-hidden" for={`${name}__title_${i}`}>
                    Tên bài dòng {i + 1}
                  </label>
                  <input id={`${name}__title_${i}`} name={`${name}__title`} class="input" value={r.title} />
                </td>
                <td>
                  <label class="visually-hidden" for={`${name}__url_${i}`}>
                    Đường link dòng {i + 1}
                  </label>
                  {err ? (
                    <p class="error-message" id={`${name}__url_${i}-error`}>
                      <span class="visually-hidden">Lỗi: </span>
                      {err}
                    </p>
                  ) : null}
                  <input
                    id={`${name}__url_${i}`}
                    name={`${name}__url`}
                    type="url"
                    class="input"
                    value={r.url}
                    aria-invalid={err ? 'true' : undefined}
                    aria-describedby={err ? `${name}__url_${i}-error` : undefined}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <button type="submit" name="action" value="add-rows" class="button button-secondary">
        Lưu nháp và thêm dòng<span class="visually-hidden"> cho {f.label}</span>
      </button>
    </fieldset>
  );
}

function ReadOnlyValue({ f, data }: { f: FieldDef; data: ReportData }) {
  const v = data[f.key];
  if (f.type === 'links') {
    const rows = Array.isArray(v) ? (v as LinkRow[]) : [];
    return rows.length ? (
      <ol>
        {rows.map((r, i) => (
          <li key={i}>
            <a href={r.url} rel="noopener noreferrer nofollow">
              {r.title}
            </a>
          </li>
        ))}
      </ol>
    ) : (
      <>Không có</>
    );
  }
  if (f.type === 'integer') return <>{typeof v === 'number' ? viNumber(v) : 'Chưa nhập'}</>;
  return <span class="plain">{typeof v === 'string' && v ? v : 'Không có'}</span>;
}

export function SubmissionPage(props: {
  ctx: SubmissionContext;
  data: ReportData;
  errors?: FormErrors;
  extraRows: number;
  flash?: string;
  reopenErrors?: FormErrors;
}) {
  const { ctx, data, errors } = props;
  const url = submissionUrl(ctx.period.id, ctx.unit.id);
  return (
    <Layout title={`Báo cáo ${ctx.period.label} - ${ctx.unit.full_name}`} admin crumbs={CRUMBS}>
      <h1>
        Báo cáo {ctx.period.label}: {unitLabel(ctx.unit)}
      </h1>
      <FlashNotice message={props.flash} />
      <ErrorSummary errors={errors ?? props.reopenErrors} />
      <p>{ctx.form.name}</p>
      <p>
        Hạn nộp: <strong>{viDate(ctx.period.deadline)}</strong>. Tình trạng: <StatusText status={ctx.status} />
        {ctx.submission?.submitted_at ? ` (nộp lúc ${viDateTime(ctx.submission.submitted_at)})` : ''}.
      </p>
      {ctx.canEdit ? (
        <Form action={url}>
          {ctx.form.description ? <p class="hint">{ctx.form.description}</p> : null}
          {ctx.fields.map((f) => (
            <FieldInput key={f.key} f={f} data={data} errors={errors} extraRows={props.extraRows} />
          ))}
          <p class="hint">Lưu nháp để điền tiếp sau. Khi nộp, mọi ô số phải có giá trị (nhập 0 nếu không có).</p>
          <div class="button-row">
            <button type="submit" name="action" value="save" class="button button-secondary">
              Lưu nháp
            </button>
            <button type="submit" name="action" value="submit" class="button button-primary">
              Nộp báo cáo
            </button>
          </div>
        </Form>
      ) : (
        <>
          {ctx.submission ? null : <p>Đơn vị chưa điền báo cáo này.</p>}
          <div class="facts">
            <dl>
              {ctx.fields.map((f) => (
                <Fragment key={f.key}>
                  <dt>{f.label}</dt>
                  <dd>
                    <ReadOnlyValue f={f} data={data} />
                  </dd>
                </Fragment>
              ))}
            </dl>
          </div>
          {ctx.canReopen ? (
            <Form action={`${url}/mo-lai`}>
              <TextArea name="note" label="Trả lại để đơn vị sửa: cần sửa gì" rows={3} errors={props.reopenErrors} required />
              <Button variant="warning">Mở lại báo cáo</Button>
            </Form>
          ) : null}
        </>
      )}
    </Layout>
  );
}

function Fig({ href, n }: { href: string; n: number }) {
  return <a href={href}>{viNumber(n)}</a>;
}

/** The consolidation's filters, as they travel in its links and forms. */
export interface ConsolidationFilters {
  tu: string;
  den: string;
  loai: string;
  q: string;
  'trang-thai': string;
}

export function ConsolidationPage({
  c,
  filters,
  paged,
  canExport,
  isOfficer,
}: {
  c: Consolidation;
  filters: ConsolidationFilters;
  paged: Paged<Consolidation['units'][number]>;
  canExport: boolean;
  isOfficer: boolean;
}) {
  const base = `/quan-tri/bao-cao/mau/${c.form.id}/tong-hop`;
  const q = `tu=${c.from}&den=${c.to}`;
  const drill = (key: string, extra = '') => `${base}/chi-tiet?${q}&truong=${key}${extra}`;
  const pageUrl = (trang: number) => `${listUrl(base, { ...filters, trang: trang > 1 ? trang : undefined })}#tung-don-vi`;
  const filtered = Boolean(filters.loai || filters.q || filters['trang-thai']);
  const communes = paged.rows.filter((u) => u.unit.type === 'commune');
  const others = paged.rows.filter((u) => u.unit.type !== 'commune');
  const onPage = new Set(paged.rows.map((u) => u.unit.id));
  const texts = c.texts.map((t) => ({ ...t, items: t.items.filter((i) => onPage.has(i.unit.id)) }));
  const UnitTable = ({ rows, caption }: { rows: Consolidation['units']; caption: string }) => (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Đơn vị</th>
          <th scope="col" class="num">
            Đã nộp / phải nộp
          </th>
          {c.numeric.map((f) => (
            <th scope="col" class="num" key={f.key}>
              {f.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.unit.id}>
            <th scope="row">{unitLabel(u.unit)}</th>
            <td class="num">
              {u.submitted}/{u.expected}
              {u.late ? ` (${u.late} muộn)` : ''}
            </td>
            {c.numeric.map((f) => (
              <td class="num" key={f.key}>
                <Fig href={drill(f.key, `&don-vi=${u.unit.id}`)} n={u.totals[f.key] ?? 0} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
  return (
    <Layout title="Tổng hợp báo cáo" admin crumbs={CRUMBS}>
      <h1>Tổng hợp báo cáo</h1>
      <p>{c.form.name}</p>
      <FilterForm action={base} submitLabel="Xem" inline>
        <label for="tu">Từ tháng</label>
        <input id="tu" name="tu" type="month" class="input" value={c.from} />
        <label for="den">Đến tháng</label>
        <input id="den" name="den" type="month" class="input" value={c.to} />
      </FilterForm>
      <p>
        Gồm {c.periods.length} kỳ: {c.periods.map((p) => p.label).join(', ') || 'không có kỳ nào'}.
        {isOfficer ? ' Bạn chỉ thấy số liệu của đơn vị mình.' : ''} Mỗi con số là đường link đến các báo cáo tạo nên nó.
      </p>
      {canExport ? (
        <p class="button-row">
          <a class="button button-primary" href={`${base}.docx?${q}`}>
            Tải báo cáo Word (.docx)
          </a>
          <a class="button button-secondary" href={`${base}.xlsx?${q}`}>
            Tải bảng số liệu Excel (.xlsx)
          </a>
        </p>
      ) : null}
      <p>
        Số liệu tổng hợp (tình hình nộp, theo loại đơn vị) tính trên tất cả {viNumber(c.units.length)} đơn vị
        {isOfficer ? ' bạn phụ trách' : ''}, không phụ thuộc trang đang xem hay bộ lọc ở phần "Từng đơn vị".
        {canExport ? ' Bản Word và Excel luôn có đủ mọi đơn vị.' : ''}
      </p>
      <h2>Tình hình nộp</h2>
      <p>
        Phải nộp {viNumber(c.counts.expected)} lượt báo cáo; đã nộp {viNumber(c.counts.submitted)} (nộp muộn{' '}
        {viNumber(c.counts.late)}); chưa nộp khi đã quá hạn {viNumber(c.counts.missing)}
        {c.counts.pending ? `; chưa đến hạn ${viNumber(c.counts.pending)}` : ''}.
      </p>
      <h2>Theo loại đơn vị</h2>
      <DataTable caption="Tổng số liệu theo loại đơn vị">
        <thead>
          <tr>
            <th scope="col">Nội dung</th>
            {c.byType.map((t) => (
              <th scope="col" class="num" key={t.type}>
                {t.label}
              </th>
            ))}
            <th scope="col" class="num">
              Tổng cộng
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Đã nộp / phải nộp</th>
            {c.byType.map((t) => (
              <td class="num" key={t.type}>
                {t.submitted}/{t.expected}
              </td>
            ))}
            <td class="num">
              {c.counts.submitted}/{c.counts.expected}
            </td>
          </tr>
          {c.numeric.map((f) => (
            <tr key={f.key}>
              <th scope="row">{f.label}</th>
              {c.byType.map((t) => (
                <td class="num" key={t.type}>
                  <Fig href={drill(f.key, `&loai=${t.type}`)} n={t.totals[f.key] ?? 0} />
                </td>
              ))}
              <td class="num">
                <Fig href={drill(f.key)} n={c.total[f.key] ?? 0} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <h2 id="tung-don-vi">Từng đơn vị</h2>
      <FilterForm action={`${base}#tung-don-vi`} inline>
        <input type="hidden" name="tu" value={c.from} />
        <input type="hidden" name="den" value={c.to} />
        <UnitFilterFields type={filters.loai} q={filters.q} status={filters['trang-thai']} statuses={UNIT_STATUS_FILTERS} />
      </FilterForm>
      <PageSummary
        paged={paged}
        noun="đơn vị"
        filtered={filtered}
        resetHref={`${listUrl(base, { tu: c.from, den: c.to })}#tung-don-vi`}
      />
      {communes.length ? (
        <>
          <h3 id="xa-phuong">Theo xã, phường</h3>
          <UnitTable rows={communes} caption="Số liệu theo xã, phường" />
        </>
      ) : null}
      {others.length ? (
        <>
          <h3 id="don-vi-khac">Sở, ngành, báo chí, đoàn thể và các đơn vị khác</h3>
          <UnitTable rows={others} caption="Số liệu của các đơn vị khác" />
        </>
      ) : null}
      <Pager paged={paged} href={pageUrl} label="Các trang của bảng từng đơn vị" />
      {texts.map((t) => (
        <section key={t.key} aria-labelledby={`txt-${t.key}`}>
          <h2 id={`txt-${t.key}`}>{t.label}</h2>
          <p class="hint">
            Ý kiến của các đơn vị đang hiện ở phần "Từng đơn vị"
            {paged.pages > 1 ? ` (trang ${paged.page}/${paged.pages})` : ''}.
            {canExport ? ' Bản Word có ý kiến của mọi đơn vị.' : ''}
          </p>
          {t.items.length ? (
            <ul>
              {t.items.map((i, k) => (
                <li key={k}>
                  <a href={submissionUrl(i.period.id, i.unit.id)}>
                    {i.unit.full_name} ({i.period.label})
                  </a>
                  : {i.text}
                </li>
              ))}
            </ul>
          ) : (
            <p>Không có.</p>
          )}
        </section>
      ))}
    </Layout>
  );
}

type DrillRow = { unit_id: number; period_id: number; value: number; full_name: string; label: string };

export function DrillDownPage(props: {
  c: { formId: number; from: string; to: string };
  field: FieldDef;
  label: string;
  /** The query of this page without the page number, to build the page links. */
  query: Record<string, string>;
  paged: Paged<DrillRow>;
  total: number;
}) {
  const { paged } = props;
  const back = `/quan-tri/bao-cao/mau/${props.c.formId}/tong-hop?tu=${props.c.from}&den=${props.c.to}`;
  const path = `/quan-tri/bao-cao/mau/${props.c.formId}/tong-hop/chi-tiet`;
  const pageUrl = (trang: number) => listUrl(path, { ...props.query, trang: trang > 1 ? trang : undefined });
  return (
    <Layout title={`Chi tiết: ${props.field.label}`} admin crumbs={[...CRUMBS, { href: back, label: 'Tổng hợp' }]}>
      <h1>Chi tiết: {props.field.label}</h1>
      <p>
        {props.label}. Tổng: <strong>{viNumber(props.total)}</strong> từ {paged.total} báo cáo đã nộp.
      </p>
      {paged.notice ? <Notice kind="info">{paged.notice}</Notice> : null}
      {paged.pages > 1 ? (
        <p>
          Đang hiện báo cáo {viNumber(paged.first)}–{viNumber(paged.last)} (trang {paged.page}/{paged.pages}); dòng Tổng tính trên
          cả {paged.total} báo cáo.
        </p>
      ) : null}
      <DataTable caption={`Các báo cáo tạo nên số liệu ${props.field.label}`}>
        <thead>
          <tr>
            <th scope="col">Đơn vị</th>
            <th scope="col">Kỳ</th>
            <th scope="col" class="num">
              Số liệu
            </th>
          </tr>
        </thead>
        <tbody>
          {paged.rows.map((r) => (
            <tr key={`${r.unit_id}-${r.period_id}`}>
              <th scope="row">{r.full_name}</th>
              <td>
                <a href={submissionUrl(r.period_id, r.unit_id)}>{r.label}</a>
              </td>
              <td class="num">{viNumber(r.value)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Tổng
            </th>
            <td class="num">{viNumber(props.total)}</td>
          </tr>
        </tfoot>
      </DataTable>
      <Pager paged={paged} href={pageUrl} label="Các trang của danh sách báo cáo" />
      <p>
        <a href={back}>Quay lại bảng tổng hợp</a>
      </p>
    </Layout>
  );
}

export function NotificationsPage({ items, flash }: { items: repo.NotificationRow[]; flash?: string }) {
  return (
    <Layout title="Thông báo" admin crumbs={CRUMBS.slice(0, 1)}>
      <h1>Thông báo</h1>
      <FlashNotice message={flash} />
      {items.some((n) => !n.read_at) ? (
        <Form action="/quan-tri/thong-bao/da-doc-het">
          <Button variant="secondary">Đánh dấu đã đọc tất cả</Button>
        </Form>
      ) : null}
      {items.length ? (
        <ul class="results">
          {items.map((n) => (
            <li key={n.id}>
              <h2 class="card-title">
                {n.read_at ? null : <span class="tag">Mới</span>} {n.link ? <a href={n.link}>{n.title}</a> : n.title}
              </h2>
              <p>{n.body}</p>
              <p class="muted">{viDateTime(n.created_at)}</p>
              {n.read_at ? null : (
                <ButtonForm action={`/quan-tri/thong-bao/${n.id}/da-doc`} variant="secondary" srLabel={`thông báo: ${n.title}`}>
                  Đã đọc
                </ButtonForm>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Bạn chưa có thông báo nào.</p>
      )}
    </Layout>
  );
}

/** The block on the back-office home page: unread notifications and, for an officer, reports still due. */
export function DashboardPanel({ unread, due }: { unread: repo.NotificationRow[]; due: DueItem[] }) {
  if (!unread.length && !due.length) return null;
  return (
    <section class="panel" aria-labelledby="viec-can-lam">
      <h2 id="viec-can-lam">Việc cần làm</h2>
      {due.length ? (
        <>
          <h3>Báo cáo chưa nộp</h3>
          <ul>
            {due.map((d) => (
              <li key={`${d.period.id}-${d.unit.id}`}>
                <a href={submissionUrl(d.period.id, d.unit.id)}>
                  {d.period.label}, {d.unit.full_name}
                </a>
                : <StatusText status={d.status} /> (hạn {viDate(d.period.deadline)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unread.length ? (
        <>
          <h3>Thông báo mới</h3>
          <ul>
            {unread.map((n) => (
              <li key={n.id}>
                {n.link ? <a href={n.link}>{n.title}</a> : n.title}
                <span class="muted"> ({viDateTime(n.created_at)})</span>
              </li>
            ))}
          </ul>
          <p>
            <a href="/quan-tri/thong-bao">Xem tất cả thông báo</a>
          </p>
        </>
      ) : null}
    </section>
  );
}
