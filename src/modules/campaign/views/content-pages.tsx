import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  Layout,
  Notice,
  Select,
  TextArea,
  TextInput,
  errorFor,
  usePage,
  viDate,
  viDateTime,
  viNumber,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';
import type * as repo from '../campaign.repository.js';
import {
  CONTENT_STATUS_LABELS,
  CONTENT_TYPES,
  REACH_CSV_COLUMNS,
  type CalendarRange,
  type ContentForm,
  type PublicationForm,
} from '../campaign.service.js';
import type { ContentStatus } from '../campaign.table.js';
import { CampaignNav, CRUMBS, DataTable, parseJsonList } from './shared.js';

const LIST_CRUMBS = [...CRUMBS, { href: '/quan-tri/chien-dich/san-pham', label: 'Sản phẩm' }];

export function ContentListPage(props: {
  items: Awaited<ReturnType<typeof repo.listContent>>;
  status?: string;
  type?: string;
  audienceNames: Map<string, string>;
  canCreate: boolean;
  flash?: string;
}) {
  return (
    <Layout title="Sản phẩm truyền thông" admin crumbs={CRUMBS}>
      <h1>Sản phẩm truyền thông</h1>
      <CampaignNav />
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <p>
        Mỗi sản phẩm đi qua các bước: <strong>bản nháp</strong>, <strong>chờ duyệt</strong>, <strong>đã duyệt</strong> (do một cán
        bộ Trung tâm khác người viết duyệt), rồi <strong>đã đăng</strong> khi có minh chứng đăng tải.
      </p>
      <form method="get" action="/quan-tri/chien-dich/san-pham" class="inline-form">
        <label for="trang-thai">Trạng thái</label>
        <select id="trang-thai" name="trang-thai" class="input">
          <option value="">Tất cả</option>
          {Object.entries(CONTENT_STATUS_LABELS).map(([v, l]) => (
            <option key={v} value={v} selected={v === props.status}>
              {l}
            </option>
          ))}
        </select>
        <label for="loai">Loại</label>
        <select id="loai" name="loai" class="input">
          <option value="">Tất cả</option>
          {Object.entries(CONTENT_TYPES).map(([v, l]) => (
            <option key={v} value={v} selected={v === props.type}>
              {l}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-secondary">
          Lọc
        </button>
      </form>
      {props.canCreate ? (
        <p class="button-row">
          <a class="button button-primary" href="/quan-tri/chien-dich/san-pham/moi">
            Thêm sản phẩm
          </a>
          <a class="button button-secondary" href="/quan-tri/chien-dich/san-pham/nhap-luot-xem">
            Nhập lượt tiếp cận từ tệp CSV
          </a>
        </p>
      ) : null}
      <p>{props.items.length} sản phẩm.</p>
      <DataTable caption="Danh sách sản phẩm truyền thông">
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Sản phẩm</th>
            <th scope="col">Loại</th>
            <th scope="col">Đối tượng</th>
            <th scope="col">Đơn vị</th>
            <th scope="col">Ngày dự kiến</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td>
                <a href={`/quan-tri/chien-dich/san-pham/${c.id}`}>{c.title}</a>
              </td>
              <td>{CONTENT_TYPES[c.type] ?? c.type}</td>
              <td>
                {parseJsonList(c.audiences)
                  .map((x) => props.audienceNames.get(x) ?? x)
                  .join(', ')}
              </td>
              <td>{c.owner_name}</td>
              <td>{viDate(c.planned_date)}</td>
              <td>{CONTENT_STATUS_LABELS[c.status as ContentStatus]}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Layout>
  );
}

export function ContentFormPage(props: {
  action: string;
  title: string;
  form: ContentForm;
  errors?: FormErrors;
  units: Option[];
  channels: Array<{ key: string; name: string }>;
  audiences: Option[];
  messages: Option[];
  activities: Option[];
}) {
  const { form, errors } = props;
  return (
    <Layout title={props.title} admin crumbs={LIST_CRUMBS}>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <Form action={props.action}>
        <TextInput name="title" label="Tên sản phẩm" value={form.title} errors={errors} required />
        <Select
          name="type"
          label="Loại sản phẩm"
          options={Object.entries(CONTENT_TYPES).map(([value, label]) => ({ value, label }))}
          value={form.type}
          emptyLabel="Chọn loại"
          errors={errors}
          required
        />
        <Choices
          name="audiences"
          type="checkbox"
          label="Đối tượng"
          options={props.audiences}
          value={form.audiences}
          errors={errors}
          required
        />
        <Select
          name="messageId"
          label="Thông điệp"
          options={props.messages}
          value={form.messageId}
          emptyLabel="Không gắn thông điệp"
          errors={errors}
        />
        <Select
          name="ownerUnitId"
          label="Đơn vị thực hiện"
          options={props.units}
          value={form.ownerUnitId}
          emptyLabel="Chọn đơn vị"
          errors={errors}
          required
        />
        <Select
          name="activityId"
          label="Thuộc hoạt động"
          options={props.activities}
          value={form.activityId}
          emptyLabel="Không thuộc hoạt động nào"
          errors={errors}
        />
        <TextInput
          name="plannedDate"
          label="Ngày dự kiến đăng"
          type="date"
          width="short"
          hint="Sản phẩm hiện trên lịch đăng vào ngày này."
          value={form.plannedDate}
          errors={errors}
        />
        <TextArea name="body" label="Nội dung chính" rows={8} value={form.body} errors={errors} />
        <Choices
          name="channels"
          type="checkbox"
          label="Kênh đăng"
          options={props.channels.map((c) => ({ value: c.key, label: c.name }))}
          value={form.channels}
          errors={errors}
          required
        />
        <h2>Nội dung riêng cho từng kênh</h2>
        <p class="hint">Để trống nếu kênh đó dùng nội dung chính. Chỉ những kênh đã chọn ở trên được lưu.</p>
        {props.channels.map((c) => {
          const text = form.variants[c.key] ?? '';
          const open = Boolean(text) || Boolean(errorFor(errors, `variant-${c.key}`));
          return (
            <details key={c.key} open={open}>
              <summary>{c.name}</summary>
              <TextArea name={`variant-${c.key}`} label={`Nội dung cho ${c.name}`} rows={4} value={text} errors={errors} />
            </details>
          );
        })}
        <Button>Lưu bản nháp</Button>
      </Form>
    </Layout>
  );
}

const KIND_LABELS: Record<string, string> = {
  comment: 'Ý kiến',
  submit: 'Gửi duyệt',
  approve: 'Duyệt',
  return: 'Trả lại',
  publish: 'Đánh dấu đã đăng',
};

export function ContentPage(props: {
  c: repo.ContentRow;
  ownerName: string;
  authorName: string | null;
  approverName: string | null;
  messageText: string | null;
  activityTitle: string | null;
  audienceNames: Map<string, string>;
  channelNames: Map<string, string>;
  variants: Array<{ channel: string; text: string }>;
  comments: Awaited<ReturnType<typeof repo.listComments>>;
  publications: Awaited<ReturnType<typeof repo.listPublications>>;
  perms: {
    canEdit: boolean;
    canSubmit: boolean;
    canApprove: boolean;
    isAuthor: boolean;
    canReturn: boolean;
    canPublish: boolean;
    canComment: boolean;
  };
  isCenter: boolean;
  errors?: FormErrors;
  pubForm?: PublicationForm;
  flash?: string;
}) {
  const { c, perms, errors } = props;
  const base = `/quan-tri/chien-dich/san-pham/${c.id}`;
  const totals = props.publications.reduce(
    (t, p) => ({ views: t.views + p.views, likes: t.likes + p.likes, shares: t.shares + p.shares }),
    { views: 0, likes: 0, shares: 0 },
  );
  return (
    <Layout title={c.title} admin crumbs={LIST_CRUMBS}>
      <h1>{c.title}</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <ErrorSummary errors={errors} />
      <div class="facts">
        <dl>
          <dt>Mã sản phẩm</dt>
          <dd>{c.id}</dd>
          <dt>Trạng thái</dt>
          <dd>
            <strong>{CONTENT_STATUS_LABELS[c.status]}</strong>
          </dd>
          <dt>Loại</dt>
          <dd>{CONTENT_TYPES[c.type] ?? c.type}</dd>
          <dt>Đối tượng</dt>
          <dd>
            {parseJsonList(c.audiences)
              .map((x) => props.audienceNames.get(x) ?? x)
              .join(', ')}
          </dd>
          <dt>Thông điệp</dt>
          <dd>{props.messageText ?? 'Không gắn thông điệp'}</dd>
          <dt>Đơn vị thực hiện</dt>
          <dd>{props.ownerName}</dd>
          <dt>Thuộc hoạt động</dt>
          <dd>{props.activityTitle ?? 'Không'}</dd>
          <dt>Ngày dự kiến đăng</dt>
          <dd>{viDate(c.planned_date) || 'Chưa đặt'}</dd>
          <dt>Người viết</dt>
          <dd>{props.authorName ?? ''}</dd>
          <dt>Người duyệt</dt>
          <dd>{props.approverName ?? 'Chưa duyệt'}</dd>
        </dl>
      </div>
      <h2>Nội dung chính</h2>
      <p class="plain">{c.body || 'Chưa có nội dung.'}</p>
      <h2>Nội dung theo kênh</h2>
      <DataTable caption="Nội dung theo từng kênh đăng">
        <thead>
          <tr>
            <th scope="col">Kênh</th>
            <th scope="col">Nội dung</th>
          </tr>
        </thead>
        <tbody>
          {props.variants.map((v) => (
            <tr key={v.channel}>
              <th scope="row">{props.channelNames.get(v.channel) ?? v.channel}</th>
              <td class="plain">{v.text || <span class="muted">Dùng nội dung chính</span>}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2>Duyệt</h2>
      {perms.canEdit ? (
        <p>
          <a href={`${base}/sua`}>Sửa bản nháp</a>
        </p>
      ) : null}
      {perms.canSubmit ? (
        <Form action={`${base}/gui-duyet`}>
          <TextArea name="comment" id="submit-comment" label="Lời nhắn cho người duyệt" rows={2} errors={errors} />
          <Button>Gửi duyệt</Button>
        </Form>
      ) : null}
      {c.status === 'review' && props.isCenter && perms.isAuthor ? (
        <p class="callout">Bạn là người viết nên không tự duyệt được. Một cán bộ khác của Trung tâm sẽ duyệt.</p>
      ) : null}
      {c.status === 'review' && !props.isCenter ? <p>Đang chờ Trung tâm duyệt.</p> : null}
      {perms.canApprove ? (
        <Form action={`${base}/duyet`}>
          <TextArea name="comment" id="approve-comment" label="Ý kiến khi duyệt" rows={2} errors={errors} />
          <Button>Duyệt</Button>
        </Form>
      ) : null}
      {perms.canReturn ? (
        <Form action={`${base}/tra-lai`}>
          <TextArea name="comment" id="return-comment" label="Cần sửa gì" rows={2} errors={errors} required />
          <Button variant="warning">Trả lại để sửa</Button>
        </Form>
      ) : null}

      <h2 id="y-kien">Ý kiến</h2>
      {props.comments.length ? (
        <ul>
          {props.comments.map((k) => (
            <li key={k.id}>
              <strong>{KIND_LABELS[k.kind] ?? k.kind}</strong> - {k.author_name ?? 'hệ thống'}, {viDateTime(k.created_at)}
              {k.body ? `: ${k.body}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Chưa có ý kiến.</p>
      )}
      {perms.canComment ? (
        <Form action={`${base}/binh-luan`}>
          <TextArea name="comment" label="Thêm ý kiến" rows={3} errors={errors} required />
          <Button variant="secondary">Gửi ý kiến</Button>
        </Form>
      ) : null}

      <h2 id="dang-tai">Đăng tải và lượt tiếp cận</h2>
      {props.publications.length ? (
        <DataTable caption="Các lần đăng tải và lượt tiếp cận">
          <thead>
            <tr>
              <th scope="col">Kênh</th>
              <th scope="col">Đường link</th>
              <th scope="col">Ngày đăng</th>
              <th scope="col" class="num">
                Lượt xem
              </th>
              <th scope="col" class="num">
                Lượt thích
              </th>
              <th scope="col" class="num">
                Lượt chia sẻ
              </th>
            </tr>
          </thead>
          <tbody>
            {props.publications.map((p) => (
              <tr key={p.id}>
                <td>{props.channelNames.get(p.channel) ?? p.channel}</td>
                <td>
                  <a href={p.url} rel="noopener noreferrer nofollow" class="url">
                    {p.url}
                  </a>
                </td>
                <td>{viDate(p.published_on)}</td>
                <td class="num">{viNumber(p.views)}</td>
                <td class="num">{viNumber(p.likes)}</td>
                <td class="num">{viNumber(p.shares)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Tổng
              </th>
              <td class="num">{viNumber(totals.views)}</td>
              <td class="num">{viNumber(totals.likes)}</td>
              <td class="num">{viNumber(totals.shares)}</td>
            </tr>
          </tfoot>
        </DataTable>
      ) : (
        <p>Chưa ghi nhận lần đăng nào.</p>
      )}
      {perms.canPublish ? (
        <>
          {props.publications.map((p) => (
            <details key={p.id}>
              <summary>
                Cập nhật lượt tiếp cận: {props.channelNames.get(p.channel) ?? p.channel}, {viDate(p.published_on)}
              </summary>
              <Form action={`${base}/dang-tai/${p.id}`}>
                <TextInput
                  name="publishedOn"
                  id={`publishedOn-${p.id}`}
                  label="Ngày đăng"
                  type="date"
                  width="short"
                  value={p.published_on}
                  errors={errors}
                  required
                />
                <TextInput
                  name="views"
                  id={`views-${p.id}`}
                  label="Lượt xem"
                  inputMode="numeric"
                  width="short"
                  value={p.views}
                  errors={errors}
                />
                <TextInput
                  name="likes"
                  id={`likes-${p.id}`}
                  label="Lượt thích"
                  inputMode="numeric"
                  width="short"
                  value={p.likes}
                  errors={errors}
                />
                <TextInput
                  name="shares"
                  id={`shares-${p.id}`}
                  label="Lượt chia sẻ"
                  inputMode="numeric"
                  width="short"
                  value={p.shares}
                  errors={errors}
                />
                <Button variant="secondary">Lưu số liệu</Button>
              </Form>
            </details>
          ))}
          <h3>Ghi nhận một lần đăng</h3>
          <Form action={`${base}/dang-tai`}>
            <Select
              name="channel"
              label="Kênh"
              options={props.variants.map((v) => ({ value: v.channel, label: props.channelNames.get(v.channel) ?? v.channel }))}
              value={props.pubForm?.channel}
              emptyLabel="Chọn kênh"
              errors={errors}
              required
            />
            <TextInput name="url" label="Đường link bài đăng" type="url" value={props.pubForm?.url} errors={errors} required />
            <TextInput
              name="publishedOn"
              label="Ngày đăng"
              type="date"
              width="short"
              value={props.pubForm?.publishedOn}
              errors={errors}
              required
            />
            <TextInput
              name="views"
              label="Lượt xem"
              inputMode="numeric"
              width="short"
              value={props.pubForm?.views}
              errors={errors}
            />
            <TextInput
              name="likes"
              label="Lượt thích"
              inputMode="numeric"
              width="short"
              value={props.pubForm?.likes}
              errors={errors}
            />
            <TextInput
              name="shares"
              label="Lượt chia sẻ"
              inputMode="numeric"
              width="short"
              value={props.pubForm?.shares}
              errors={errors}
            />
            <Button>Ghi nhận</Button>
          </Form>
        </>
      ) : c.status === 'draft' || c.status === 'review' ? (
        <p>Ghi nhận đăng tải sau khi sản phẩm được duyệt.</p>
      ) : null}
    </Layout>
  );
}

export function ImportPage(props: {
  errors?: Array<{ line: number; message: string }>;
  fileError?: string;
  result?: { created: number; updated: number };
}) {
  const ctx = usePage();
  const formErrors: FormErrors = props.fileError ? [{ field: 'file', message: props.fileError }] : [];
  return (
    <Layout title="Nhập lượt tiếp cận từ CSV" admin crumbs={LIST_CRUMBS}>
      <h1>Nhập lượt tiếp cận từ tệp CSV</h1>
      <ErrorSummary errors={formErrors} />
      {props.result ? (
        <Notice>
          Đã nhập xong: {props.result.created} lần đăng mới, {props.result.updated} lần đăng được cập nhật số liệu.
        </Notice>
      ) : null}
      {props.errors?.length ? (
        <div class="error-summary" role="alert" tabIndex={-1} data-module="error-summary">
          <h2 class="error-summary-title">Chưa nhập dòng nào vì tệp có {props.errors.length} dòng lỗi</h2>
          <p>Sửa các dòng dưới đây rồi tải lại cả tệp.</p>
          <DataTable caption="Các dòng lỗi trong tệp CSV">
            <thead>
              <tr>
                <th scope="col">Dòng</th>
                <th scope="col">Lỗi</th>
              </tr>
            </thead>
            <tbody>
              {props.errors.slice(0, 200).map((e, i) => (
                <tr key={i}>
                  <td>{e.line}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      ) : null}
      <p>
        Tệp CSV (UTF-8) có dòng tiêu đề: <code>{REACH_CSV_COLUMNS.join(',')}</code>. <code>content_id</code> là mã sản phẩm,{' '}
        <code>channel</code> là mã kênh (ví dụ <code>facebook</code>), <code>published_on</code> là ngày đăng dạng 2025-03-15.
        Dòng trùng sản phẩm, kênh và đường link với một lần đăng đã có sẽ cập nhật số liệu. Nếu có một dòng lỗi, không dòng nào
        được nhập.
      </p>
      <Form
        action={`/quan-tri/chien-dich/san-pham/nhap-luot-xem?_csrf=${encodeURIComponent(ctx.csrf())}`}
        enctype="multipart/form-data"
      >
        <div class={props.fileError ? 'field field-error' : 'field'}>
          <label for="file">Tệp CSV</label>
          {props.fileError ? (
            <p class="error-message" id="file-error">
              <span class="visually-hidden">Lỗi: </span>
              {props.fileError}
            </p>
          ) : null}
          <input
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv"
            class="input"
            aria-describedby={props.fileError ? 'file-error' : undefined}
          />
        </div>
        <Button>Nhập</Button>
      </Form>
    </Layout>
  );
}

const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];

type DayItem = { kind: 'content' | 'activity'; id: number; title: string; status: string; type?: string };
type DayItems = Map<string, DayItem[]>;

function DayList({ items }: { items: DayItem[] }) {
  if (!items.length) return null;
  return (
    <ul class="plain-list">
      {items.map((i) => (
        <li key={`${i.kind}-${i.id}`}>
          {i.kind === 'content' ? (
            <a href={`/quan-tri/chien-dich/san-pham/${i.id}`}>
              {CONTENT_TYPES[i.type ?? ''] ?? 'Sản phẩm'}: {i.title} ({CONTENT_STATUS_LABELS[i.status as ContentStatus]})
            </a>
          ) : (
            <a href={`/quan-tri/chien-dich/hoat-dong/${i.id}`}>Hạn hoạt động: {i.title}</a>
          )}
        </li>
      ))}
    </ul>
  );
}

export function CalendarPage({ r, items }: { r: CalendarRange; items: DayItems }) {
  const monthLabel = `tháng ${Number(r.from.slice(5, 7))}/${r.from.slice(0, 4)}`;
  const title = r.view === 'week' ? `Lịch đăng tuần ${viDate(r.from)} - ${viDate(r.to)}` : `Lịch đăng ${monthLabel}`;
  const other = r.view === 'week' ? 'thang' : 'tuan';
  const view = r.view === 'week' ? 'tuan' : 'thang';
  return (
    <Layout title={title} admin crumbs={CRUMBS}>
      <h1>{title}</h1>
      <CampaignNav />
      <p class="button-row">
        <a href={`/quan-tri/chien-dich/lich?xem=${view}&ngay=${r.prev}`}>{r.view === 'week' ? 'Tuần trước' : 'Tháng trước'}</a>
        <a href={`/quan-tri/chien-dich/lich?xem=${view}&ngay=${r.next}`}>{r.view === 'week' ? 'Tuần sau' : 'Tháng sau'}</a>
        <a href={`/quan-tri/chien-dich/lich?xem=${other}&ngay=${r.view === 'week' ? r.from : r.anchor}`}>
          {r.view === 'week' ? 'Xem cả tháng' : 'Xem theo tuần'}
        </a>
      </p>
      <p>Sản phẩm hiện theo ngày dự kiến đăng; hoạt động hiện vào ngày hết hạn.</p>
      {r.view === 'week' ? (
        <DataTable caption={title}>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Sản phẩm, hoạt động</th>
            </tr>
          </thead>
          <tbody>
            {r.weeks[0]!.map((d, i) => (
              <tr key={d}>
                <th scope="row">
                  {WEEKDAYS[i]} {viDate(d)}
                </th>
                <td>
                  <DayList items={items.get(d) ?? []} />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <DataTable caption={title}>
          <thead>
            <tr>
              {WEEKDAYS.map((w) => (
                <th scope="col" key={w}>
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.weeks.map((w) => (
              <tr key={w[0]}>
                {w.map((d) => (
                  <td key={d} class={d.slice(0, 7) === r.from.slice(0, 7) ? undefined : 'muted'}>
                    <a href={`/quan-tri/chien-dich/lich?xem=tuan&ngay=${d}`} aria-label={`Xem tuần có ngày ${viDate(d)}`}>
                      {Number(d.slice(8, 10))}
                    </a>
                    <DayList items={items.get(d) ?? []} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}
