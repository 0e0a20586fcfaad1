import {
  Button,
  Choices,
  DataTable,
  FilterForm,
  FilterSelect,
  Form,
  Notice,
  Select,
  TextArea,
  TextInput,
  bindFields,
  errorFor,
  labelOptions,
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
import { CRUMBS, FileField, FormPage, SectionPage, UploadForm, namesOf } from './shared.js';

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
    <SectionPage title="Sản phẩm truyền thông" flash={props.flash}>
      <p>
        Mỗi sản phẩm đi qua các bước: <strong>bản nháp</strong>, <strong>chờ duyệt</strong>, <strong>đã duyệt</strong> (do một cán
        bộ Trung tâm khác người viết duyệt), rồi <strong>đã đăng</strong> khi có minh chứng đăng tải.
      </p>
      <FilterForm action="/quan-tri/chien-dich/san-pham" inline>
        <FilterSelect name="trang-thai" label="Trạng thái" options={labelOptions(CONTENT_STATUS_LABELS)} value={props.status} />
        <FilterSelect name="loai" label="Loại" options={labelOptions(CONTENT_TYPES)} value={props.type} />
      </FilterForm>
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
      <DataTable
        caption="Danh sách sản phẩm truyền thông"
        columns={['Mã', 'Sản phẩm', 'Loại', 'Đối tượng', 'Đơn vị', 'Ngày dự kiến', 'Trạng thái']}
      >
        {props.items.map((c) => (
          <tr key={c.id}>
            <td>{c.id}</td>
            <td>
              <a href={`/quan-tri/chien-dich/san-pham/${c.id}`}>{c.title}</a>
            </td>
            <td>{CONTENT_TYPES[c.type] ?? c.type}</td>
            <td>{namesOf(c.audiences, props.audienceNames)}</td>
            <td>{c.owner_name}</td>
            <td>{viDate(c.planned_date)}</td>
            <td>{CONTENT_STATUS_LABELS[c.status as ContentStatus]}</td>
          </tr>
        ))}
      </DataTable>
    </SectionPage>
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
  const field = bindFields(form, errors);
  return (
    <FormPage title={props.title} crumbs={LIST_CRUMBS} action={props.action} errors={errors} submit="Lưu bản nháp">
      <TextInput {...field('title')} label="Tên sản phẩm" required />
      <Select {...field('type')} label="Loại sản phẩm" options={labelOptions(CONTENT_TYPES)} emptyLabel="Chọn loại" required />
      <Choices {...field('audiences')} type="checkbox" label="Đối tượng" options={props.audiences} required />
      <Select {...field('messageId')} label="Thông điệp" options={props.messages} emptyLabel="Không gắn thông điệp" />
      <Select {...field('ownerUnitId')} label="Đơn vị thực hiện" options={props.units} emptyLabel="Chọn đơn vị" required />
      <Select
        {...field('activityId')}
        label="Thuộc hoạt động"
        options={props.activities}
        emptyLabel="Không thuộc hoạt động nào"
      />
      <TextInput
        {...field('plannedDate')}
        label="Ngày dự kiến đăng"
        type="date"
        width="short"
        hint="Sản phẩm hiện trên lịch đăng vào ngày này."
      />
      <TextArea {...field('body')} label="Nội dung chính" rows={8} />
      <Choices
        {...field('channels')}
        type="checkbox"
        label="Kênh đăng"
        options={props.channels.map((c) => ({ value: c.key, label: c.name }))}
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
    </FormPage>
  );
}

const KIND_LABELS: Record<string, string> = {
  comment: 'Ý kiến',
  submit: 'Gửi duyệt',
  approve: 'Duyệt',
  return: 'Trả lại',
  publish: 'Đánh dấu đã đăng',
};

interface CommentBox {
  id?: string;
  label: string;
  rows: number;
  required?: boolean;
  button: string;
  variant?: 'secondary' | 'warning';
}

/** The comment forms of a content item: the steps of the review, and a plain comment. */
const COMMENT_FORMS: Record<'gui-duyet' | 'duyet' | 'tra-lai' | 'binh-luan', CommentBox> = {
  'gui-duyet': { id: 'submit-comment', label: 'Lời nhắn cho người duyệt', rows: 2, button: 'Gửi duyệt' },
  duyet: { id: 'approve-comment', label: 'Ý kiến khi duyệt', rows: 2, button: 'Duyệt' },
  'tra-lai': { id: 'return-comment', label: 'Cần sửa gì', rows: 2, required: true, button: 'Trả lại để sửa', variant: 'warning' },
  'binh-luan': { label: 'Thêm ý kiến', rows: 3, required: true, button: 'Gửi ý kiến', variant: 'secondary' },
};

/** A comment box and its button, posted to `${base}/${step}`. */
function CommentForm({ base, step, errors }: { base: string; step: keyof typeof COMMENT_FORMS; errors?: FormErrors }) {
  const f = COMMENT_FORMS[step];
  return (
    <Form action={`${base}/${step}`}>
      <TextArea name="comment" id={f.id} label={f.label} rows={f.rows} errors={errors} required={f.required} />
      <Button variant={f.variant}>{f.button}</Button>
    </Form>
  );
}

/** The date and reach figures of a publication (`idSuffix` keeps the ids unique when one form per publication is shown). */
function ReachFields(props: {
  values: { publishedOn?: string; views?: string | number; likes?: string | number; shares?: string | number };
  idSuffix?: number;
  errors?: FormErrors;
}) {
  const id = (name: string) => (props.idSuffix === undefined ? undefined : `${name}-${props.idSuffix}`);
  const counts = [
    ['views', 'Lượt xem'],
    ['likes', 'Lượt thích'],
    ['shares', 'Lượt chia sẻ'],
  ] as const;
  return (
    <>
      <TextInput
        name="publishedOn"
        id={id('publishedOn')}
        label="Ngày đăng"
        type="date"
        width="short"
        value={props.values.publishedOn}
        errors={props.errors}
        required
      />
      {counts.map(([name, label]) => (
        <TextInput
          key={name}
          name={name}
          id={id(name)}
          label={label}
          inputMode="numeric"
          width="short"
          value={props.values[name]}
          errors={props.errors}
        />
      ))}
    </>
  );
}

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
  const channelName = (key: string) => props.channelNames.get(key) ?? key;
  const totals = props.publications.reduce(
    (t, p) => ({ views: t.views + p.views, likes: t.likes + p.likes, shares: t.shares + p.shares }),
    { views: 0, likes: 0, shares: 0 },
  );
  return (
    <SectionPage title={c.title} crumbs={LIST_CRUMBS} noNav flash={props.flash} errors={errors}>
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
          <dd>{namesOf(c.audiences, props.audienceNames)}</dd>
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
      <DataTable caption="Nội dung theo từng kênh đăng" columns={['Kênh', 'Nội dung']}>
        {props.variants.map((v) => (
          <tr key={v.channel}>
            <th scope="row">{channelName(v.channel)}</th>
            <td class="plain">{v.text || <span class="muted">Dùng nội dung chính</span>}</td>
          </tr>
        ))}
      </DataTable>

      <h2>Duyệt</h2>
      {perms.canEdit ? (
        <p>
          <a href={`${base}/sua`}>Sửa bản nháp</a>
        </p>
      ) : null}
      {perms.canSubmit ? <CommentForm base={base} step="gui-duyet" errors={errors} /> : null}
      {c.status === 'review' && props.isCenter && perms.isAuthor ? (
        <p class="callout">Bạn là người viết nên không tự duyệt được. Một cán bộ khác của Trung tâm sẽ duyệt.</p>
      ) : null}
      {c.status === 'review' && !props.isCenter ? <p>Đang chờ Trung tâm duyệt.</p> : null}
      {perms.canApprove ? <CommentForm base={base} step="duyet" errors={errors} /> : null}
      {perms.canReturn ? <CommentForm base={base} step="tra-lai" errors={errors} /> : null}

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
      {perms.canComment ? <CommentForm base={base} step="binh-luan" errors={errors} /> : null}

      <h2 id="dang-tai">Đăng tải và lượt tiếp cận</h2>
      {props.publications.length ? (
        <DataTable
          caption="Các lần đăng tải và lượt tiếp cận"
          columns={[
            'Kênh',
            'Đường link',
            'Ngày đăng',
            { label: 'Lượt xem', num: true },
            { label: 'Lượt thích', num: true },
            { label: 'Lượt chia sẻ', num: true },
          ]}
          foot={
            <tr>
              <th scope="row" colSpan={3}>
                Tổng
              </th>
              <td class="num">{viNumber(totals.views)}</td>
              <td class="num">{viNumber(totals.likes)}</td>
              <td class="num">{viNumber(totals.shares)}</td>
            </tr>
          }
        >
          {props.publications.map((p) => (
            <tr key={p.id}>
              <td>{channelName(p.channel)}</td>
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
        </DataTable>
      ) : (
        <p>Chưa ghi nhận lần đăng nào.</p>
      )}
      {perms.canPublish ? (
        <>
          {props.publications.map((p) => (
            <details key={p.id}>
              <summary>
                Cập nhật lượt tiếp cận: {channelName(p.channel)}, {viDate(p.published_on)}
              </summary>
              <Form action={`${base}/dang-tai/${p.id}`}>
                <ReachFields
                  values={{ publishedOn: p.published_on, views: p.views, likes: p.likes, shares: p.shares }}
                  idSuffix={p.id}
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
              options={props.variants.map((v) => ({ value: v.channel, label: channelName(v.channel) }))}
              value={props.pubForm?.channel}
              emptyLabel="Chọn kênh"
              errors={errors}
              required
            />
            <TextInput name="url" label="Đường link bài đăng" type="url" value={props.pubForm?.url} errors={errors} required />
            <ReachFields values={props.pubForm ?? {}} errors={errors} />
            <Button>Ghi nhận</Button>
          </Form>
        </>
      ) : c.status === 'draft' || c.status === 'review' ? (
        <p>Ghi nhận đăng tải sau khi sản phẩm được duyệt.</p>
      ) : null}
    </SectionPage>
  );
}

export function ImportPage(props: {
  errors?: Array<{ line: number; message: string }>;
  fileError?: string;
  result?: { created: number; updated: number };
}) {
  const formErrors: FormErrors = props.fileError ? [{ field: 'file', message: props.fileError }] : [];
  return (
    <SectionPage
      title="Nhập lượt tiếp cận từ CSV"
      heading="Nhập lượt tiếp cận từ tệp CSV"
      crumbs={LIST_CRUMBS}
      noNav
      errors={formErrors}
    >
      {props.result ? (
        <Notice>
          Đã nhập xong: {props.result.created} lần đăng mới, {props.result.updated} lần đăng được cập nhật số liệu.
        </Notice>
      ) : null}
      {props.errors?.length ? (
        <div class="error-summary" role="alert" tabIndex={-1} data-module="error-summary">
          <h2 class="error-summary-title">Chưa nhập dòng nào vì tệp có {props.errors.length} dòng lỗi</h2>
          <p>Sửa các dòng dưới đây rồi tải lại cả tệp.</p>
          <DataTable caption="Các dòng lỗi trong tệp CSV" columns={['Dòng', 'Lỗi']}>
            {props.errors.slice(0, 200).map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
      <p>
        Tệp CSV (UTF-8) có dòng tiêu đề: <code>{REACH_CSV_COLUMNS.join(',')}</code>. <code>content_id</code> là mã sản phẩm,{' '}
        <code>channel</code> là mã kênh (ví dụ <code>facebook</code>), <code>published_on</code> là ngày đăng dạng 2025-03-15.
        Dòng trùng sản phẩm, kênh và đường link với một lần đăng đã có sẽ cập nhật số liệu. Nếu có một dòng lỗi, không dòng nào
        được nhập.
      </p>
      <UploadForm action="/quan-tri/chien-dich/san-pham/nhap-luot-xem">
        <FileField label="Tệp CSV" error={props.fileError} accept=".csv,text/csv" />
        <Button>Nhập</Button>
      </UploadForm>
    </SectionPage>
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
    <SectionPage title={title}>
      <p class="button-row">
        <a href={`/quan-tri/chien-dich/lich?xem=${view}&ngay=${r.prev}`}>{r.view === 'week' ? 'Tuần trước' : 'Tháng trước'}</a>
        <a href={`/quan-tri/chien-dich/lich?xem=${view}&ngay=${r.next}`}>{r.view === 'week' ? 'Tuần sau' : 'Tháng sau'}</a>
        <a href={`/quan-tri/chien-dich/lich?xem=${other}&ngay=${r.view === 'week' ? r.from : r.anchor}`}>
          {r.view === 'week' ? 'Xem cả tháng' : 'Xem theo tuần'}
        </a>
      </p>
      <p>Sản phẩm hiện theo ngày dự kiến đăng; hoạt động hiện vào ngày hết hạn.</p>
      {r.view === 'week' ? (
        <DataTable caption={title} columns={['Ngày', 'Sản phẩm, hoạt động']}>
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
        </DataTable>
      ) : (
        <DataTable caption={title} columns={WEEKDAYS}>
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
        </DataTable>
      )}
    </SectionPage>
  );
}
