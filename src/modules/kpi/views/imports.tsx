// Dossier import pages: the upload form with recent imports, and one import's progress or result.
import { Button, ErrorSummary, Layout, usePage, viDateTime, type FormErrors } from '../../../platform/html/index.js';
import type { RowError } from '../kpi.parse.js';
import { FIELDS } from '../kpi.parse.js';
import type { ImportRow } from '../kpi.repository.js';
import { count } from './format.js';

export const STATUS_LABELS: Record<ImportRow['status'], string> = {
  queued: 'Đang chờ',
  validating: 'Đang kiểm tra từng dòng',
  writing: 'Đang ghi vào cơ sở dữ liệu',
  done: 'Đã nhập xong',
  rejected: 'Không nhập: tệp có dòng lỗi',
  failed: 'Không nhập: lỗi hệ thống',
};

const MAPPING_EXAMPLE = `{
  "columns": {
    "dossier_id": "Mã hồ sơ",
    "unit_code": "Mã đơn vị",
    "procedure_code": "Mã thủ tục",
    "received_at": "Ngày tiếp nhận",
    "channel": "Hình thức nộp",
    "due_at": "Ngày hẹn trả",
    "finished_at": "Ngày có kết quả",
    "fee_required": "Có phí",
    "paid_online": "Thanh toán trực tuyến"
  },
  "values": {
    "channel": { "Trực tuyến": "online", "Trực tiếp": "direct", "Bưu chính": "postal" },
    "fee_required": { "Có": "1", "Không": "0" },
    "paid_online": { "Có": "1", "Không": "0" }
  },
  "dateFormat": "dmy"
}`;

function FileField({
  name,
  label,
  hint,
  error,
  accept,
}: {
  name: string;
  label: string;
  hint: string;
  error?: string;
  accept: string;
}) {
  const ids = [`${name}-hint`, error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>{label}</label>
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
      {error ? (
        <p class="error-message" id={`${name}-error`}>
          <span class="visually-hidden">Lỗi: </span>
          {error}
        </p>
      ) : null}
      <input type="file" id={name} name={name} accept={accept} aria-describedby={ids} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/**
 * The upload form posts multipart data, which the server reads only after the CSRF check; so the token also travels
 * in the action's query string (the hidden field is there for the house page checks and for consistency).
 */
function UploadForm({ errors, mapping }: { errors?: FormErrors; mapping: string }) {
  const ctx = usePage();
  const token = ctx.csrf();
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  return (
    <form
      action={`/quan-tri/so-lieu/nhap?_csrf=${encodeURIComponent(token)}`}
      method="post"
      enctype="multipart/form-data"
      novalidate
      class="panel"
    >
      <input type="hidden" name="_csrf" value={token} />
      <FileField
        name="file"
        label="Tệp hồ sơ (CSV hoặc Excel .xlsx)"
        hint="Tệp xuất từ hệ thống một cửa, dòng đầu là tiêu đề cột. Tệp CSV lưu mã UTF-8."
        error={err('file')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      />
      <div class={err('mapping') ? 'field field-error' : 'field'}>
        <label for="mapping">
          Bảng ánh xạ cột (JSON)<span class="optional"> (không bắt buộc)</span>
        </label>
        <p class="hint" id="mapping-hint">
          Chỉ cần khi tệp dùng tên cột khác mẫu chuẩn. Có thể dán vào đây hoặc chọn tệp .json bên dưới.
        </p>
        {err('mapping') ? (
          <p class="error-message" id="mapping-error">
            <span class="visually-hidden">Lỗi: </span>
            {err('mapping')}
          </p>
        ) : null}
        <textarea
          id="mapping"
          name="mapping"
          rows={6}
          class="input"
          aria-describedby={err('mapping') ? 'mapping-hint mapping-error' : 'mapping-hint'}
          aria-invalid={err('mapping') ? 'true' : undefined}
        >
          {mapping}
        </textarea>
      </div>
      <FileField
        name="mapping_file"
        label="Hoặc tệp ánh xạ cột (.json) (không bắt buộc)"
        hint="Dùng lại tệp ánh xạ đã lưu; nếu ô trên có nội dung thì ô trên được dùng."
        error={err('mapping_file')}
        accept=".json,application/json"
      />
      <Button>Tải lên và nhập</Button>
    </form>
  );
}

export function ImportsPage({ imports, errors, mapping = '' }: { imports: ImportRow[]; errors?: FormErrors; mapping?: string }) {
  return (
    <Layout
      title="Nhập hồ sơ"
      admin
      crumbs={[
        { href: '/quan-tri', label: 'Quản trị' },
        { href: '/quan-tri/so-lieu', label: 'Số liệu KPI' },
      ]}
    >
      <h1>Nhập hồ sơ từ hệ thống một cửa</h1>
      <p>
        Mỗi dòng là một hồ sơ. Hệ thống kiểm tra <strong>tất cả</strong> các dòng trước: nếu có dòng lỗi thì không nhập dòng nào
        và liệt kê lỗi kèm số dòng. Hồ sơ đã có (cùng mã hồ sơ) sẽ được cập nhật.
      </p>
      <ErrorSummary errors={errors} />
      <UploadForm errors={errors} mapping={mapping} />

      <h2>Mẫu tệp chuẩn</h2>
      <p>Dòng tiêu đề:</p>
      <pre class="diff" tabIndex={0}>
        {FIELDS.join(',')}
      </pre>
      <ul>
        <li>Ngày giờ theo ISO 8601, ví dụ 2025-07-14 hoặc 2025-07-14T08:30:00+07:00 (không ghi múi giờ là giờ Việt Nam).</li>
        <li>
          <code>channel</code>: <code>online</code> (trực tuyến), <code>direct</code> (trực tiếp) hoặc <code>postal</code> (bưu
          chính).
        </li>
        <li>
          <code>fee_required</code>, <code>paid_online</code>: <code>1</code> (có) hoặc <code>0</code> (không).
        </li>
        <li>
          <code>finished_at</code> để trống khi hồ sơ chưa giải quyết xong.
        </li>
        <li>
          <code>unit_code</code> là mã đơn vị có hiệu lực vào ngày tiếp nhận: mã xã, phường cũ cho hồ sơ trước 01/7/2025 (sẽ được
          tính vào xã, phường mới), mã sở, ngành dạng HN-... Trong tệp Excel, định dạng cột mã là Văn bản để giữ số 0 ở đầu.
        </li>
      </ul>
      <h2>Ví dụ bảng ánh xạ cột</h2>
      <pre class="diff" tabIndex={0}>
        {MAPPING_EXAMPLE}
      </pre>

      <h2>Các lần nhập gần đây</h2>
      {imports.length ? (
        <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng các lần nhập gần đây">
          <table>
            <caption class="visually-hidden">Các lần nhập hồ sơ gần đây</caption>
            <thead>
              <tr>
                <th scope="col">Lần nhập</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Nguồn</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" class="num">
                  Số dòng
                </th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`/quan-tri/so-lieu/nhap/${i.id}`}>
                      #{i.id} {i.file_name}
                    </a>
                  </td>
                  <td>{viDateTime(i.created_at)}</td>
                  <td>{i.source === 'cli' ? 'Dòng lệnh' : 'Tải lên'}</td>
                  <td>{STATUS_LABELS[i.status]}</td>
                  <td class="num">{count(i.rows_read)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Chưa có lần nhập nào.</p>
      )}
    </Layout>
  );
}

export const RUNNING: ReadonlyArray<ImportRow['status']> = ['queued', 'validating', 'writing'];

export function progressPercent(i: ImportRow): number | null {
  if (i.status === 'writing') return 99;
  if (!i.bytes_total) return null;
  return Math.min(99, Math.floor((i.bytes_read / i.bytes_total) * 100));
}

export function ImportPage({ imp, autoRefresh }: { imp: ImportRow; autoRefresh: boolean }) {
  const running = RUNNING.includes(imp.status);
  const errors = JSON.parse(imp.errors) as RowError[];
  const pctDone = progressPercent(imp);
  const ctx = usePage();
  return (
    <Layout
      title={`Lần nhập #${imp.id}`}
      admin
      crumbs={[
        { href: '/quan-tri/so-lieu', label: 'Số liệu KPI' },
        { href: '/quan-tri/so-lieu/nhap', label: 'Nhập hồ sơ' },
      ]}
    >
      {running && autoRefresh ? (
        // Without JavaScript the page reloads itself every 3 seconds while the import runs; the JS enhancement
        // (public/js/kpi.js) updates it in place instead. A link below turns the reloading off.
        <noscript>
          <meta http-equiv="refresh" content="3" />
        </noscript>
      ) : null}
      <h1>
        Lần nhập #{imp.id}: {imp.file_name}
      </h1>
      <div data-module={running ? 'kpi-import' : undefined} data-status-url={`/api/v1/kpi/imports/${imp.id}`} aria-live="polite">
        <p>
          <strong>Trạng thái: </strong>
          <span data-field="status">{STATUS_LABELS[imp.status]}</span>
        </p>
        {running ? (
          <>
            <p>
              <label for="tien-do">Tiến độ</label>{' '}
              <progress id="tien-do" max={100} value={pctDone ?? undefined}>
                {pctDone ?? 0} %
              </progress>{' '}
              <span data-field="rows">Đã kiểm tra {count(imp.rows_read)} dòng</span>
              {pctDone === null ? null : <span data-field="percent"> ({pctDone} %)</span>}
            </p>
            <p class="no-print">
              {autoRefresh ? (
                <>
                  Trang tự tải lại mỗi 3 giây. <a href={`/quan-tri/so-lieu/nhap/${imp.id}?tu-dong=0`}>Dừng tự tải lại</a> ·{' '}
                </>
              ) : null}
              <a href={`/quan-tri/so-lieu/nhap/${imp.id}`}>Tải lại trang</a>
            </p>
          </>
        ) : null}
      </div>
      <p>
        Bắt đầu lúc {viDateTime(imp.created_at)}
        {imp.finished_at ? `, kết thúc lúc ${viDateTime(imp.finished_at)}` : ''}.
      </p>
      {imp.status === 'done' ? (
        <div class="notice" role="status">
          <p>
            Đã nhập {count(imp.rows_read)} dòng: thêm mới {count(imp.inserted)} hồ sơ, cập nhật {count(imp.updated)} hồ sơ.
          </p>
          <p>
            <a href="/quan-tri/so-lieu">Xem số liệu KPI</a>
          </p>
        </div>
      ) : null}
      {imp.status === 'failed' ? (
        <div class="error-summary" role="alert">
          <h2 class="error-summary-title">Không có hồ sơ nào được nhập</h2>
          <p>{imp.message}</p>
        </div>
      ) : null}
      {imp.status === 'rejected' ? (
        <>
          <div class="error-summary" role="alert">
            <h2 class="error-summary-title">Không có hồ sơ nào được nhập</h2>
            <p>
              {count(imp.rows_bad)} trên {count(imp.rows_read)} dòng có lỗi. Hãy sửa các dòng dưới đây trong tệp rồi tải lên lại.
            </p>
          </div>
          <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng lỗi theo dòng">
            <table>
              <caption>
                {errors.length < imp.rows_bad ? `${errors.length} lỗi đầu tiên` : 'Các lỗi'} theo số dòng trong tệp
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Dòng
                  </th>
                  <th scope="col">Cột</th>
                  <th scope="col">Lỗi</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e, i) => (
                  <tr key={i}>
                    <td class="num">{e.line || ''}</td>
                    <td>{e.field ?? ''}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p>
        <a href="/quan-tri/so-lieu/nhap">Nhập tệp khác</a>
      </p>
      {running ? <script src={ctx.asset('js/kpi.js')} defer></script> : null}
    </Layout>
  );
}
