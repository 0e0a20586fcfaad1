import type { Change } from 'diff';
import {
  BackLink,
  bindFields,
  Button,
  ButtonForm,
  Choices,
  DataTable,
  ErrorSummary,
  FlashNotice,
  Form,
  Layout,
  TextArea,
  TextInput,
  viDateTime,
  type FormErrors,
} from '../../../platform/html/index.js';
import { AUDIENCE_SECTIONS, SEGMENT_SECTIONS } from './public-pages.js';
import type { GuideForm } from '../guides.form.js';

const STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  review: 'Chờ duyệt',
  published: 'Đang xuất bản',
  archived: 'Đã thay thế',
};

export interface GuideRow {
  id: string;
  title: string;
  publishedVersion: number | null;
  openStatus: string | null;
  views: number;
  yes: number;
  no: number;
  comments: number;
}

export function AdminGuidesPage({ rows, canEdit }: { rows: GuideRow[]; canEdit: boolean }) {
  return (
    <Layout title="Hướng dẫn" admin>
      <h1>Hướng dẫn</h1>
      <p>
        Mỗi thay đổi đi qua ba bước: <strong>bản nháp</strong>, <strong>chờ duyệt</strong>, rồi một biên tập viên khác
        <strong> duyệt và xuất bản</strong>.
      </p>
      <DataTable
        caption="Danh sách hướng dẫn, lượt xem và đánh giá hữu ích"
        columns={[
          'Hướng dẫn',
          'Phiên bản',
          'Đang sửa',
          { label: 'Lượt xem', num: true },
          { label: 'Hữu ích', num: true },
          { label: 'Chưa hữu ích', num: true },
          { label: 'Góp ý', num: true },
        ]}
        rows={rows}
        row={(r) => (
          <tr key={r.id}>
            <td>
              <a href={`/quan-tri/huong-dan/${r.id}`}>{r.title}</a>
            </td>
            <td>{r.publishedVersion ?? 'Chưa có'}</td>
            <td>{r.openStatus ? STATUS_LABELS[r.openStatus] : ''}</td>
            <td class="num">{r.views}</td>
            <td class="num">{r.yes}</td>
            <td class="num">{r.no}</td>
            <td class="num">{r.comments}</td>
          </tr>
        )}
      />
      {canEdit ? null : <p>Tài khoản của bạn chỉ xem được, không sửa được hướng dẫn.</p>}
    </Layout>
  );
}

export interface VersionItem {
  id: number;
  version_no: number;
  status: string;
  updated_at: string;
  published_at: string | null;
  author_name: string | null;
  reviewer_name: string | null;
  review_note: string | null;
}

export function AdminGuidePage(props: {
  id: string;
  title: string;
  versions: VersionItem[];
  open: VersionItem | null;
  canEdit: boolean;
  canPublish: boolean;
  isAuthorOfOpen: boolean;
  comments: Array<{ id: number; helpful: number; comment: string | null; created_at: string }>;
  auditRows: Array<{ id: number; at: string; summary: string; actor_name: string | null }>;
  flash?: string;
}) {
  const { open } = props;
  const versionUrl = (v: VersionItem) => `/quan-tri/huong-dan/${props.id}/phien-ban/${v.id}`;
  return (
    <Layout title={props.title} admin>
      <BackLink href="/quan-tri/huong-dan">Danh sách hướng dẫn</BackLink>
      <h1>{props.title}</h1>
      <FlashNotice message={props.flash} />
      <p>
        <a href={`/huong-dan/${props.id}`}>Xem trang công khai</a>
      </p>

      <h2>Bản đang sửa</h2>
      {open ? (
        <div class="panel">
          <p>
            Phiên bản {open.version_no}: <strong>{STATUS_LABELS[open.status]}</strong>, cập nhật {viDateTime(open.updated_at)} bởi{' '}
            {open.author_name ?? 'hệ thống'}.
          </p>
          {open.review_note ? (
            <p class="callout">
              <strong>Ghi chú của người duyệt: </strong>
              {open.review_note}
            </p>
          ) : null}
          <p>
            <a href={`${versionUrl(open)}/xem`}>Xem trước</a> · <a href={`${versionUrl(open)}/so-sanh`}>So sánh với bản trước</a>
          </p>
          {open.status === 'draft' && props.canEdit ? (
            <div class="button-row">
              <a class="button button-secondary" href={`${versionUrl(open)}/sua`}>
                Sửa bản nháp
              </a>
              <ButtonForm action={`${versionUrl(open)}/gui-duyet`}>Gửi duyệt</ButtonForm>
            </div>
          ) : null}
          {open.status === 'review' && props.canPublish ? (
            props.isAuthorOfOpen ? (
              <p>Bạn là người soạn bản này nên không tự duyệt được. Một biên tập viên khác sẽ duyệt.</p>
            ) : (
              <div class="review-actions">
                <ButtonForm action={`${versionUrl(open)}/xuat-ban`}>Duyệt và xuất bản</ButtonForm>
                <Form action={`${versionUrl(open)}/tra-lai`}>
                  <TextArea name="note" label="Lý do trả lại để sửa" rows={2} maxLength={1000} />
                  <Button variant="secondary">Trả lại để sửa</Button>
                </Form>
              </div>
            )
          ) : null}
        </div>
      ) : props.canEdit ? (
        <Form action={`/quan-tri/huong-dan/${props.id}/ban-nhap`}>
          <p>Chưa có bản nháp. Tạo bản nháp từ nội dung đang xuất bản để sửa.</p>
          <Button>Tạo bản nháp</Button>
        </Form>
      ) : (
        <p>Không có bản nào đang sửa.</p>
      )}

      <h2>Lịch sử phiên bản</h2>
      <DataTable
        caption="Các phiên bản của hướng dẫn"
        columns={['Phiên bản', 'Trạng thái', 'Người soạn', 'Người duyệt', 'Cập nhật', 'Thay đổi']}
        rows={props.versions}
        row={(v) => (
          <tr key={v.id}>
            <td>{v.version_no}</td>
            <td>{STATUS_LABELS[v.status]}</td>
            <td>{v.author_name ?? 'Nội dung khởi tạo'}</td>
            <td>{v.reviewer_name ?? ''}</td>
            <td>{viDateTime(v.published_at ?? v.updated_at)}</td>
            <td>
              <a href={`${versionUrl(v)}/so-sanh`}>
                Xem thay đổi<span class="visually-hidden"> của phiên bản {v.version_no}</span>
              </a>
            </td>
          </tr>
        )}
      />

      <h2>Góp ý của người đọc</h2>
      {props.comments.length ? (
        <ul class="comments">
          {props.comments.map((c) => (
            <li key={c.id}>
              <span class="tag">{c.helpful ? 'Hữu ích' : 'Chưa hữu ích'}</span> {c.comment}{' '}
              <span class="muted">({viDateTime(c.created_at)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>Chưa có góp ý.</p>
      )}

      <h2>Nhật ký thay đổi</h2>
      <ul class="audit">
        {props.auditRows.map((a) => (
          <li key={a.id}>
            {viDateTime(a.at)}: {a.actor_name ?? 'hệ thống'}: {a.summary}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const topicOptions = (topics: Array<{ id: string; title: string }>) => topics.map((t) => ({ value: t.id, label: t.title }));

export function EditGuidePage(props: {
  id: string;
  versionId: number;
  versionNo: number;
  form: GuideForm;
  errors?: FormErrors;
  topics: Array<{ id: string; title: string }>;
}) {
  const { form: f, errors } = props;
  const field = bindFields(f, errors);
  return (
    <Layout title={`Sửa hướng dẫn: ${f.title}`} admin>
      <BackLink href={`/quan-tri/huong-dan/${props.id}`}>Quay lại</BackLink>
      <h1>Sửa bản nháp phiên bản {props.versionNo}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/quan-tri/huong-dan/${props.id}/phien-ban/${props.versionId}/luu`} data-module="guide-editor">
        <TextInput {...field('title')} label="Tiêu đề" required maxLength={200} />
        <Choices
          {...field('audiences')}
          type="checkbox"
          label="Đối tượng"
          options={AUDIENCE_SECTIONS.map((a) => ({ value: a.id, label: a.title }))}
          required
          inline
        />
        <Choices
          {...field('segments')}
          type="checkbox"
          label="Đặc biệt hữu ích cho"
          options={SEGMENT_SECTIONS.map((a) => ({ value: a.id, label: a.title }))}
        />
        <TextArea {...field('summary')} label="Tóm tắt (một đoạn)" required rows={4} />
        <TextArea {...field('whoFor')} label="Dành cho ai" required rows={2} />
        <TextArea {...field('steps')} label="Các bước" hint="Mỗi bước một dòng, câu ngắn." required rows={8} />
        <TextArea {...field('documents')} label="Giấy tờ cần chuẩn bị" hint="Mỗi giấy tờ một dòng." rows={5} />
        <TextArea
          {...field('feeText')}
          label="Lệ phí"
          hint="Chỉ ghi mức phí có nguồn. Nếu chưa chắc, ghi nơi người đọc kiểm tra."
          required
          rows={2}
        />
        <TextInput {...field('feeSources')} label="Nguồn của lệ phí" hint="Mã nguồn, cách nhau bởi dấu phẩy, ví dụ: s1, s2" />
        <TextArea {...field('processingTimeText')} label="Thời gian giải quyết" required rows={2} />
        <TextInput {...field('processingTimeSources')} label="Nguồn của thời gian giải quyết" />
        <TextArea {...field('onlineText')} label="Làm trực tuyến ở đâu" required rows={2} />
        <TextInput {...field('onlineUrl')} label="Đường dẫn trang chính thức" type="url" />
        <TextArea {...field('inPerson')} label="Làm trực tiếp ở đâu" required rows={2} />
        <TextArea
          {...field('procedureCodes')}
          label="Mã thủ tục quốc gia"
          hint="Mỗi dòng: mã | tên thủ tục | mã nguồn. Ví dụ: 1.001193 | Đăng ký khai sinh | s1"
          rows={3}
        />
        <TextArea {...field('mistakes')} label="Lỗi thường gặp" hint="Mỗi lỗi một dòng." rows={4} />
        <Choices
          {...field('related')}
          type="checkbox"
          label="Hướng dẫn liên quan"
          options={topicOptions(props.topics.filter((t) => t.id !== props.id))}
        />
        <TextArea
          {...field('faq')}
          label="Hỏi đáp"
          hint="Mỗi câu hỏi một khối: dòng đầu là câu hỏi, các dòng sau là câu trả lời; các khối cách nhau một dòng trống."
          rows={10}
        />
        <TextArea
          {...field('aliases')}
          label="Cách người dân gọi thủ tục này"
          hint="Mỗi cách gọi một dòng, có dấu hoặc không dấu, viết tắt. Dùng cho tìm kiếm và trợ lý."
          rows={6}
        />
        <TextArea
          {...field('sources')}
          label="Nguồn"
          hint="Mỗi dòng: mã | tên văn bản hoặc trang | đường dẫn | ngày kiểm tra (YYYY-MM-DD)"
          rows={5}
        />
        <TextInput {...field('checkedOn')} label="Ngày kiểm tra toàn bộ nội dung" type="date" required />
        <TextArea {...field('note')} label="Lưu ý hiển thị cho người đọc" rows={2} />
        <Button>Lưu bản nháp</Button>
      </Form>
    </Layout>
  );
}

export function DiffPage(props: { id: string; title: string; versionNo: number; baseNo: number | null; parts: Change[] }) {
  return (
    <Layout title={`Thay đổi phiên bản ${props.versionNo}: ${props.title}`} admin>
      <BackLink href={`/quan-tri/huong-dan/${props.id}`}>Quay lại</BackLink>
      <h1>
        Thay đổi của phiên bản {props.versionNo}
        {props.baseNo ? ` so với phiên bản ${props.baseNo}` : ''}
      </h1>
      <p>
        Dòng <ins>thêm</ins> có nền xanh, dòng <del>bỏ</del> có nền đỏ và gạch ngang.
      </p>
      <pre class="diff">
        {props.parts.map((p, i) =>
          p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>,
        )}
      </pre>
    </Layout>
  );
}
