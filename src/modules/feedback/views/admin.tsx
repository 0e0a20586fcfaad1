import {
  BackLink,
  Button,
  Checkbox,
  DataTable,
  ErrorSummary,
  FilterForm,
  FlashNotice,
  Form,
  labelOptions,
  Layout,
  Pager,
  PillNav,
  Select,
  TextArea,
  TextInput,
  viDate,
  viDateTime,
  type FormErrors,
  type NavItem,
  type Option,
} from '../../../platform/html/index.js';
import { CHANNEL_LABELS, STAFF_CHANNELS, STATUS_LABELS } from '../feedback.labels.js';
import type { Channel, FeedbackStatus } from '../feedback.table.js';
import {
  ClassifyFields,
  OptionalFact,
  OverdueTag,
  type ClassifyText,
  type FeedbackFormValues,
  type FormOptions,
} from './public.js';

export interface AdminLinks {
  canWrite: boolean;
  canConfigure: boolean;
  isAdmin: boolean;
}

function SubNav({ links }: { links: AdminLinks }) {
  const items: NavItem[] = [
    { href: '/quan-tri/phan-anh', label: 'Tất cả' },
    { href: '/quan-tri/phan-anh?qua-han=1', label: 'Quá hạn' },
    ...(links.canWrite ? [{ href: '/quan-tri/phan-anh/moi', label: 'Nhập phản ánh (đường dây nóng, một cửa)' }] : []),
    ...(links.canConfigure
      ? [
          { href: '/quan-tri/phan-anh/mau-tra-loi', label: 'Mẫu trả lời' },
          { href: '/quan-tri/phan-anh/nhom', label: 'Nhóm và thời hạn' },
          { href: '/quan-tri/phan-anh/phan-cong', label: 'Phân công' },
          { href: '/quan-tri/phan-anh/ngay-nghi', label: 'Ngày nghỉ' },
        ]
      : []),
    ...(links.isAdmin ? [{ href: '/quan-tri/phan-anh/khoa-api', label: 'Khóa API đối tác' }] : []),
  ];
  return <PillNav label="Phản ánh, kiến nghị" links={items} />;
}

export interface ListRow {
  code: string;
  channel: Channel;
  status: FeedbackStatus;
  content: string;
  received_at: string;
  deadline_on: string;
  unit_name: string | null;
  category_name: string | null;
  published_at: string | null;
  overdue: boolean;
}

export interface ListFilters {
  status: string;
  overdue: boolean;
  unit: string;
  category: string;
  channel: string;
  code: string;
}

export function ListPage(props: {
  rows: ListRow[];
  total: number;
  page: number;
  pages: number;
  filters: ListFilters;
  units: Option[] | null;
  categories: Option[];
  links: AdminLinks;
  scopeNote: string | null;
  flash?: string;
}) {
  const f = props.filters;
  const title = f.overdue ? 'Phản ánh quá hạn' : 'Phản ánh, kiến nghị';
  const qs = (page: number) => {
    const p = new URLSearchParams();
    if (f.status) p.set('trang-thai', f.status);
    if (f.overdue) p.set('qua-han', '1');
    if (f.unit) p.set('don-vi', f.unit);
    if (f.category) p.set('nhom', f.category);
    if (f.channel) p.set('kenh', f.channel);
    p.set('trang', String(page));
    return `/quan-tri/phan-anh?${p.toString()}`;
  };
  return (
    <Layout title={title} admin>
      <h1>{title}</h1>
      <FlashNotice message={props.flash} />
      <SubNav links={props.links} />
      {props.scopeNote ? <p class="hint">{props.scopeNote}</p> : null}
      <FilterForm action="/quan-tri/phan-anh">
        <Select name="trang-thai" label="Tình trạng" options={labelOptions(STATUS_LABELS)} value={f.status} emptyLabel="Tất cả" />
        {props.units ? <Select name="don-vi" label="Đơn vị" options={props.units} value={f.unit} emptyLabel="Tất cả" /> : null}
        <Select name="nhom" label="Nhóm" options={props.categories} value={f.category} emptyLabel="Tất cả" />
        <Select name="kenh" label="Kênh" options={labelOptions(CHANNEL_LABELS)} value={f.channel} emptyLabel="Tất cả" />
        <TextInput name="ma" label="Mã phản ánh" value={f.code} maxLength={30} width="short" />
        <Checkbox name="qua-han" label="Chỉ quá hạn" option="Chỉ hiện phản ánh quá hạn" checked={f.overdue} />
      </FilterForm>
      <p>
        {props.total} phản ánh{props.pages > 1 ? `, trang ${props.page}/${props.pages}` : ''}.
      </p>
      <DataTable
        caption="Danh sách phản ánh, kiến nghị"
        columns={['Mã', 'Nội dung', 'Nhận lúc', 'Đơn vị', 'Tình trạng', 'Hạn']}
        rows={props.rows}
        row={(r) => (
          <tr key={r.code}>
            <th scope="row">
              <a href={`/quan-tri/phan-anh/${r.code}`}>{r.code}</a>
            </th>
            <td>
              {r.content.length > 120 ? `${r.content.slice(0, 120)}…` : r.content}
              <br />
              <span class="muted">
                {r.category_name ?? 'Chưa phân nhóm'} · {CHANNEL_LABELS[r.channel]}
                {r.published_at ? ' · Đã công khai' : ''}
              </span>
            </td>
            <td>{viDateTime(r.received_at)}</td>
            <td>{r.unit_name}</td>
            <td>{STATUS_LABELS[r.status]}</td>
            <td>
              {viDate(r.deadline_on)}
              <OverdueTag overdue={r.overdue} />
            </td>
          </tr>
        )}
      />
      <Pager page={props.page} pages={props.pages} href={qs} />
    </Layout>
  );
}

/** How staff name the group, procedure and commune of an item they enter. */
const CLASSIFY_TEXT: ClassifyText = {
  category: { label: 'Nhóm', emptyLabel: 'Chưa rõ' },
  topic: { label: 'Thủ tục liên quan', emptyLabel: 'Không rõ' },
  commune: { label: 'Xã, phường', emptyLabel: 'Không rõ' },
};

export function EntryPage({
  v,
  channel,
  options,
  errors,
  links,
}: {
  v: FeedbackFormValues;
  channel: string;
  options: FormOptions;
  errors?: FormErrors;
  links: AdminLinks;
}) {
  return (
    <Layout title="Nhập phản ánh" admin>
      <h1>Nhập phản ánh nhận qua điện thoại, một cửa</h1>
      <SubNav links={links} />
      <ErrorSummary errors={errors} />
      <Form action="/quan-tri/phan-anh/moi">
        <input type="hidden" name="ma-gui" value={v.submissionId} />
        <Select
          name="channel"
          label="Nhận qua kênh"
          required
          options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          value={channel}
          errors={errors}
        />
        <TextArea
          name="content"
          label="Nội dung người dân phản ánh"
          rows={7}
          maxLength={4000}
          required
          value={v.content}
          errors={errors}
        />
        <ClassifyFields v={v} options={options} errors={errors} text={CLASSIFY_TEXT} />
        <fieldset class="panel">
          <legend>Thông tin liên hệ của người dân</legend>
          <TextInput name="name" label="Họ và tên" value={v.name} maxLength={100} errors={errors} />
          <TextInput name="phone" label="Số điện thoại" type="tel" value={v.phone} maxLength={20} width="short" errors={errors} />
          <TextInput name="email" label="Email" type="email" value={v.email} maxLength={200} errors={errors} />
          <Checkbox
            name="consent"
            label="Đồng ý của người dân"
            hint="Chỉ đánh dấu khi người dân đã đồng ý cho dùng thông tin liên hệ để trả lời."
            option="Người dân đồng ý cho dùng thông tin liên hệ để trả lời"
            checked={v.consent}
            errors={errors}
          />
        </fieldset>
        <Button>Lưu phản ánh</Button>
      </Form>
    </Layout>
  );
}

export interface DetailData {
  item: {
    code: string;
    status: FeedbackStatus;
    channel: Channel;
    content: string;
    received_at: string;
    deadline_on: string;
    paused_on: string | null;
    answer: string | null;
    answered_at: string | null;
    rating: string | null;
    rating_comment: string | null;
    contact_name: string | null;
    contact_phone: string | null;
    contact_email: string | null;
    consent: number;
    address: string | null;
    published_at: string | null;
  };
  overdue: boolean;
  unitName: string;
  communeName: string | null;
  categoryName: string | null;
  topicTitle: string | null;
  mergedInto: string | null;
  merged: string[];
  showContact: boolean;
  history: Array<{
    at: string;
    kind: string;
    to_status: FeedbackStatus | null;
    note: string | null;
    public: number;
    actor_name: string | null;
  }>;
  duplicates: Array<{ code: string; status: FeedbackStatus; received_at: string; score: number; excerpt: string }>;
  templates: Option[];
  statusOptions: Option[];
  units: Option[];
  answerDraft: string;
  canWrite: boolean;
  canPublish: boolean;
  links: AdminLinks;
  flash?: string;
  errors?: FormErrors;
  values?: Record<string, string>;
}

const HISTORY_KIND: Record<string, string> = {
  received: 'Tiếp nhận',
  status: 'Đổi tình trạng',
  answer: 'Trả lời',
  note: 'Ghi chú nội bộ',
  transfer: 'Chuyển đơn vị',
  merge: 'Gộp',
  rating: 'Đánh giá',
  supplement: 'Người gửi bổ sung',
  publish: 'Công khai',
  unpublish: 'Thôi công khai',
};

export function DetailPage(d: DetailData) {
  const it = d.item;
  const base = `/quan-tri/phan-anh/${it.code}`;
  const val = (k: string, dflt = '') => d.values?.[k] ?? dflt;
  return (
    <Layout title={`Phản ánh ${it.code}`} admin>
      <BackLink href="/quan-tri/phan-anh">Danh sách phản ánh</BackLink>
      <h1>Phản ánh {it.code}</h1>
      <FlashNotice message={d.flash} />
      <ErrorSummary errors={d.errors} />
      <dl class="facts-list">
        <dt>Tình trạng</dt>
        <dd>
          <strong>{STATUS_LABELS[it.status]}</strong>
          <OverdueTag overdue={d.overdue} />
          {it.paused_on ? <span class="muted"> (tạm dừng tính hạn từ {viDate(it.paused_on)})</span> : null}
        </dd>
        <dt>Nhận lúc</dt>
        <dd>
          {viDateTime(it.received_at)} qua {CHANNEL_LABELS[it.channel]}
        </dd>
        <dt>Hạn trả lời</dt>
        <dd>{viDate(it.deadline_on)}</dd>
        <dt>Đơn vị xử lý</dt>
        <dd>{d.unitName}</dd>
        <dt>Nhóm</dt>
        <dd>{d.categoryName ?? 'Chưa phân nhóm'}</dd>
        <OptionalFact term="Thủ tục" value={d.topicTitle} />
        <OptionalFact term="Xã, phường" value={d.communeName} />
        <OptionalFact term="Địa điểm" value={it.address} />
        <dt>Công khai</dt>
        <dd>{it.published_at ? `Đã công khai lúc ${viDateTime(it.published_at)}` : 'Chưa công khai'}</dd>
      </dl>
      {d.mergedInto ? (
        <p class="callout">
          Đã gộp vào phản ánh <a href={`/quan-tri/phan-anh/${d.mergedInto}`}>{d.mergedInto}</a>.
        </p>
      ) : null}
      {d.merged.length ? (
        <p class="callout">
          Các phản ánh trùng đã gộp vào đây:{' '}
          {d.merged.map((c, i) => (
            <span key={c}>
              {i ? ', ' : ''}
              <a href={`/quan-tri/phan-anh/${c}`}>{c}</a>
            </span>
          ))}
          . Khi trả lời, người gửi các phản ánh này cũng được báo.
        </p>
      ) : null}

      <h2>Nội dung</h2>
      <blockquote class="quote pre-line">{it.content}</blockquote>

      <h2>Người gửi</h2>
      {d.showContact ? (
        it.contact_name || it.contact_phone || it.contact_email ? (
          <dl class="facts-list">
            <dt>Họ tên</dt>
            <dd>{it.contact_name ?? 'Không ghi'}</dd>
            <dt>Điện thoại</dt>
            <dd>{it.contact_phone ?? 'Không ghi'}</dd>
            <dt>Email</dt>
            <dd>{it.contact_email ?? 'Không ghi'}</dd>
            <dt>Đồng ý dùng để trả lời</dt>
            <dd>{it.consent ? 'Có' : 'Không'}</dd>
          </dl>
        ) : (
          <p>Người gửi không để lại thông tin liên hệ.</p>
        )
      ) : (
        <p>Tài khoản xem không được xem thông tin liên hệ.</p>
      )}

      {it.answer ? (
        <>
          <h2>Câu trả lời</h2>
          <p class="muted">Trả lời lúc {viDateTime(it.answered_at)}</p>
          <div class="answer pre-line">{it.answer}</div>
          {it.rating ? (
            <p>
              Người gửi đánh giá: <strong>{it.rating === 'satisfied' ? 'Hài lòng' : 'Không hài lòng'}</strong>
              {it.rating_comment ? ` (“${it.rating_comment}”)` : ''}
            </p>
          ) : null}
        </>
      ) : null}

      {d.canWrite && !d.mergedInto ? (
        <>
          <section aria-labelledby="tra-loi-form">
            <h2 id="tra-loi-form">{it.answer ? 'Sửa câu trả lời' : 'Trả lời'}</h2>
            {d.templates.length ? (
              <Form action={base} method="get" class="inline-form">
                <Select name="mau" label="Dùng mẫu trả lời" options={d.templates} emptyLabel="Chọn mẫu" />
                <Button variant="secondary">Điền mẫu</Button>
              </Form>
            ) : null}
            <Form action={`${base}/tra-loi`}>
              <TextArea
                name="answer"
                label="Câu trả lời gửi người dân"
                hint="Viết ngắn gọn, dễ hiểu. Người gửi nhận được câu trả lời qua email (nếu có) và trên trang tra cứu."
                rows={8}
                maxLength={8000}
                required
                value={val('answer', d.answerDraft)}
                errors={d.errors}
              />
              <Button>Gửi câu trả lời</Button>
            </Form>
          </section>

          {d.statusOptions.length ? (
            <section aria-labelledby="trang-thai-form">
              <h2 id="trang-thai-form">Đổi tình trạng</h2>
              <Form action={`${base}/trang-thai`}>
                <Select
                  name="status"
                  label="Tình trạng mới"
                  options={d.statusOptions}
                  value={val('status')}
                  required
                  errors={d.errors}
                />
                <TextArea
                  name="status-note"
                  label="Ghi chú cho người gửi"
                  hint="Bắt buộc khi cần người gửi bổ sung (ghi rõ cần gì) hoặc khi đóng (ghi lý do)."
                  rows={3}
                  maxLength={2000}
                  value={val('status-note')}
                  errors={d.errors}
                />
                <Button variant="secondary">Đổi tình trạng</Button>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="chuyen-form">
            <h2 id="chuyen-form">Chuyển đơn vị khác</h2>
            <Form action={`${base}/chuyen`}>
              <Select
                name="unit"
                label="Đơn vị nhận"
                options={d.units}
                value={val('unit')}
                emptyLabel="Chọn đơn vị"
                required
                errors={d.errors}
              />
              <TextArea name="transfer-note" label="Ghi chú nội bộ" rows={2} maxLength={2000} value={val('transfer-note')} />
              <Button variant="secondary">Chuyển</Button>
            </Form>
          </section>

          <section aria-labelledby="trung-lap">
            <h2 id="trung-lap">Phản ánh có thể trùng</h2>
            <DataTable
              caption="Phản ánh có nội dung gần giống"
              columns={['Mã', 'Nội dung', { label: 'Độ giống', num: true }, 'Tình trạng']}
              rows={d.duplicates}
              empty="Không thấy phản ánh nào gần giống trong 90 ngày qua."
              row={(x) => (
                <tr key={x.code}>
                  <th scope="row">
                    <a href={`/quan-tri/phan-anh/${x.code}`}>{x.code}</a>
                  </th>
                  <td>{x.excerpt}</td>
                  <td class="num">{Math.round(x.score * 100)}%</td>
                  <td>{STATUS_LABELS[x.status]}</td>
                </tr>
              )}
            />
            <Form action={`${base}/gop`}>
              <TextInput
                name="main-code"
                label="Gộp phản ánh này vào phản ánh chính"
                hint="Nhập mã phản ánh chính. Phản ánh này sẽ đóng lại và được trả lời cùng phản ánh chính."
                value={val('main-code', d.duplicates[0]?.code ?? '')}
                maxLength={30}
                errors={d.errors}
              />
              <Button variant="secondary">Gộp</Button>
            </Form>
          </section>

          <section aria-labelledby="ghi-chu-form">
            <h2 id="ghi-chu-form">Ghi chú nội bộ</h2>
            <Form action={`${base}/ghi-chu`}>
              <TextArea
                name="note"
                label="Ghi chú (người gửi không thấy)"
                rows={3}
                maxLength={2000}
                value={val('note')}
                errors={d.errors}
              />
              <Button variant="secondary">Lưu ghi chú</Button>
            </Form>
          </section>
        </>
      ) : null}

      {d.canPublish && it.answer && !d.mergedInto ? (
        <section aria-labelledby="cong-khai">
          <h2 id="cong-khai">Công khai</h2>
          {it.published_at ? (
            <div class="button-row">
              <a class="button button-secondary" href={`${base}/cong-khai`}>
                Sửa bản công khai
              </a>
              <Form action={`${base}/thoi-cong-khai`}>
                <Button variant="warning">Thôi công khai</Button>
              </Form>
            </div>
          ) : (
            <p>
              <a href={`${base}/cong-khai`}>Xem bản đã ẩn thông tin cá nhân và công khai</a>
            </p>
          )}
        </section>
      ) : null}

      <h2>Quá trình xử lý</h2>
      <DataTable
        caption="Lịch sử xử lý phản ánh"
        columns={['Lúc', 'Việc', 'Người làm', 'Ghi chú']}
        rows={d.history}
        row={(h, i) => (
          <tr key={i}>
            <td>{viDateTime(h.at)}</td>
            <td>
              {HISTORY_KIND[h.kind] ?? h.kind}
              {h.to_status ? `: ${STATUS_LABELS[h.to_status]}` : ''}
              {h.public ? '' : ' (nội bộ)'}
            </td>
            <td>{h.actor_name ?? 'Người gửi / hệ thống'}</td>
            <td class="pre-line">{h.note}</td>
          </tr>
        )}
      />
    </Layout>
  );
}

export function PublishPage(props: {
  code: string;
  original: { content: string; answer: string };
  draft: { content: string; answer: string };
  errors?: FormErrors;
}) {
  return (
    <Layout title={`Công khai ${props.code}`} admin>
      <BackLink href={`/quan-tri/phan-anh/${props.code}`}>Quay lại phản ánh {props.code}</BackLink>
      <h1>Công khai phản ánh {props.code}</h1>
      <ErrorSummary errors={props.errors} />
      <p>
        Hệ thống đã tự ẩn họ tên người gửi, số điện thoại, email, số giấy tờ và địa chỉ nhà. Hãy đọc lại, sửa nếu còn thông tin cá
        nhân, rồi công khai.
      </p>
      <Form action={`/quan-tri/phan-anh/${props.code}/cong-khai`}>
        <TextArea
          name="public-content"
          label="Nội dung công khai"
          rows={8}
          maxLength={4000}
          required
          value={props.draft.content}
          errors={props.errors}
        />
        <TextArea
          name="public-answer"
          label="Câu trả lời công khai"
          rows={8}
          maxLength={8000}
          required
          value={props.draft.answer}
          errors={props.errors}
        />
        <Button>Công khai</Button>
      </Form>
      <details>
        <summary>Xem bản gốc (không công khai)</summary>
        <h2>Nội dung gốc</h2>
        <blockquote class="quote pre-line">{props.original.content}</blockquote>
        <h2>Câu trả lời gốc</h2>
        <div class="answer pre-line">{props.original.answer}</div>
      </details>
    </Layout>
  );
}
