import type { ComponentChildren } from 'preact';
import {
  BackLink,
  bindFields,
  Button,
  ButtonForm,
  Checkbox,
  Choices,
  DataTable,
  ErrorSummary,
  FlashNotice,
  Form,
  Layout,
  PillNav,
  Select,
  TextArea,
  TextInput,
  viDate,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';

/** A settings page of the feedback section: the link back to the list, the heading, the message after a change. */
function SettingsLayout(props: { title: string; heading?: string; flash?: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title} admin>
      <BackLink href="/quan-tri/phan-anh">Phản ánh, kiến nghị</BackLink>
      <h1>{props.heading ?? props.title}</h1>
      <FlashNotice message={props.flash} />
      {props.children}
    </Layout>
  );
}

// ---- Templates ----------------------------------------------------------------------------------

export function TemplatesPage(props: {
  templates: Array<{ id: number; title: string; body: string; updated_at: string }>;
  v: { title: string; body: string };
  editingId: number | null;
  errors?: FormErrors;
  flash?: string;
}) {
  const action = props.editingId ? `/quan-tri/phan-anh/mau-tra-loi/${props.editingId}` : '/quan-tri/phan-anh/mau-tra-loi';
  const field = bindFields(props.v, props.errors);
  return (
    <SettingsLayout title="Mẫu trả lời" flash={props.flash}>
      <p>
        Trong nội dung mẫu có thể dùng: <code>{'{ma}'}</code> (mã phản ánh), <code>{'{don-vi}'}</code> (đơn vị xử lý),{' '}
        <code>{'{ngay}'}</code> (ngày hôm nay).
      </p>
      <DataTable
        caption="Các mẫu trả lời"
        columns={['Tên mẫu', 'Cập nhật', 'Việc']}
        rows={props.templates}
        row={(t) => (
          <tr key={t.id}>
            <th scope="row">{t.title}</th>
            <td>{viDateTime(t.updated_at)}</td>
            <td>
              <a href={`/quan-tri/phan-anh/mau-tra-loi/${t.id}`}>Sửa</a>
              <ButtonForm action={`/quan-tri/phan-anh/mau-tra-loi/${t.id}/xoa`} variant="warning">
                Xóa
              </ButtonForm>
            </td>
          </tr>
        )}
      />
      <h2>{props.editingId ? 'Sửa mẫu' : 'Thêm mẫu'}</h2>
      <ErrorSummary errors={props.errors} />
      <Form action={action}>
        <TextInput {...field('title')} label="Tên mẫu" required maxLength={200} />
        <TextArea {...field('body')} label="Nội dung" required rows={8} maxLength={8000} />
        <Button>{props.editingId ? 'Lưu mẫu' : 'Thêm mẫu'}</Button>
      </Form>
    </SettingsLayout>
  );
}

// ---- Categories ---------------------------------------------------------------------------------

export function CategoriesPage(props: {
  categories: Array<{ id: string; name: string; deadline_days: number; active: number; sort: number }>;
  v: { id: string; name: string; description: string; keywords: string; deadlineDays: string; sort: string; active: boolean };
  editingId: string | null;
  errors?: FormErrors;
  flash?: string;
}) {
  const action = props.editingId ? `/quan-tri/phan-anh/nhom/${props.editingId}` : '/quan-tri/phan-anh/nhom';
  const field = bindFields(props.v, props.errors);
  return (
    <SettingsLayout title="Nhóm phản ánh và thời hạn" flash={props.flash}>
      <p>Thời hạn trả lời tính theo ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày lễ). Mặc định 15 ngày (Quyết định 766).</p>
      <DataTable
        caption="Các nhóm phản ánh"
        columns={['Mã (service_code)', 'Tên', { label: 'Thời hạn (ngày làm việc)', num: true }, 'Đang dùng']}
        rows={props.categories}
        row={(c) => (
          <tr key={c.id}>
            <th scope="row">
              <a href={`/quan-tri/phan-anh/nhom/${c.id}`}>{c.id}</a>
            </th>
            <td>{c.name}</td>
            <td class="num">{c.deadline_days}</td>
            <td>{c.active ? 'Có' : 'Không'}</td>
          </tr>
        )}
      />
      <h2>{props.editingId ? `Sửa nhóm ${props.editingId}` : 'Thêm nhóm'}</h2>
      <ErrorSummary errors={props.errors} />
      <Form action={action}>
        {props.editingId ? null : (
          <TextInput {...field('id')} label="Mã nhóm" hint="Chữ thường không dấu, ví dụ: moi-truong" required maxLength={60} />
        )}
        <TextInput {...field('name')} label="Tên nhóm" required maxLength={200} />
        <TextArea name="description" label="Mô tả" rows={3} maxLength={1000} value={props.v.description} />
        <TextInput name="keywords" label="Từ khóa" hint="Cách nhau bằng dấu phẩy" maxLength={500} value={props.v.keywords} />
        <TextInput
          {...field('deadlineDays')}
          label="Thời hạn trả lời (ngày làm việc)"
          type="number"
          inputMode="numeric"
          width="short"
          required
        />
        <TextInput name="sort" label="Thứ tự" type="number" inputMode="numeric" width="short" value={props.v.sort} />
        <Checkbox name="active" label="Trạng thái" option="Đang dùng" checked={props.v.active} />
        <Button>{props.editingId ? 'Lưu' : 'Thêm nhóm'}</Button>
      </Form>
    </SettingsLayout>
  );
}

// ---- Routing rules ------------------------------------------------------------------------------

export function RulesPage(props: {
  rules: Array<{ id: number; category: string; topic: string; target: string }>;
  categories: Option[];
  topics: Option[];
  units: Option[];
  v: { category: string; topic: string; target: string; unitCode: string };
  errors?: FormErrors;
  flash?: string;
}) {
  const field = bindFields(props.v, props.errors);
  return (
    <SettingsLayout title="Phân công xử lý" flash={props.flash}>
      <p>
        Phản ánh được chuyển theo quy tắc khớp nhất (thủ tục trước, nhóm sau). Nếu không có quy tắc nào khớp: chuyển về xã, phường
        người dân chọn; nếu không chọn xã, phường: chuyển về Trung tâm Phục vụ hành chính công.
      </p>
      <DataTable
        caption="Quy tắc phân công"
        columns={['Nhóm', 'Thủ tục', 'Chuyển đến', 'Việc']}
        rows={props.rules}
        row={(r) => (
          <tr key={r.id}>
            <td>{r.category}</td>
            <td>{r.topic}</td>
            <td>{r.target}</td>
            <td>
              <ButtonForm action={`/quan-tri/phan-anh/phan-cong/${r.id}/xoa`} variant="warning">
                Xóa
              </ButtonForm>
            </td>
          </tr>
        )}
      />
      <h2>Thêm quy tắc</h2>
      <ErrorSummary errors={props.errors} />
      <Form action="/quan-tri/phan-anh/phan-cong">
        <Select {...field('category')} label="Nhóm" options={props.categories} emptyLabel="Mọi nhóm" />
        <Select {...field('topic')} label="Thủ tục" options={props.topics} emptyLabel="Mọi thủ tục" />
        <Choices
          {...field('target')}
          type="radio"
          label="Chuyển đến"
          required
          options={[
            { value: 'unit', label: 'Một đơn vị cố định' },
            { value: 'commune', label: 'Xã, phường người dân chọn (nếu không chọn: đơn vị dưới đây)' },
          ]}
        />
        <Select {...field('unitCode')} label="Đơn vị" options={props.units} emptyLabel="Trung tâm (mặc định)" />
        <Button>Thêm quy tắc</Button>
      </Form>
    </SettingsLayout>
  );
}

// ---- Calendar -----------------------------------------------------------------------------------

const YEAR_LINK = '/quan-tri/phan-anh/ngay-nghi?nam=';

export function CalendarPage(props: {
  year: number;
  years: number[];
  days: Array<{ date: string; kind: 'holiday' | 'workday'; name: string }>;
  v: { date: string; kind: string; name: string };
  errors?: FormErrors;
  flash?: string;
}) {
  const field = bindFields(props.v, props.errors);
  return (
    <SettingsLayout title="Ngày nghỉ lễ" heading="Ngày nghỉ lễ, ngày làm bù" flash={props.flash}>
      <p>
        Thời hạn trả lời không tính thứ Bảy, Chủ nhật và các ngày nghỉ dưới đây. Ngày làm bù là thứ Bảy hoặc Chủ nhật phải đi làm
        (được tính). Hãy cập nhật theo thông báo nghỉ lễ hằng năm.
      </p>
      <PillNav
        label="Chọn năm"
        links={props.years.map((y) => ({ href: `${YEAR_LINK}${y}`, label: String(y) }))}
        current={`${YEAR_LINK}${props.year}`}
      />
      <DataTable
        caption={`Năm ${props.year}`}
        visibleCaption
        columns={['Ngày', 'Loại', 'Tên', 'Việc']}
        rows={props.days}
        row={(d) => (
          <tr key={d.date}>
            <th scope="row">{viDate(d.date)}</th>
            <td>{d.kind === 'holiday' ? 'Nghỉ' : 'Làm bù'}</td>
            <td>{d.name}</td>
            <td>
              <ButtonForm action={`/quan-tri/phan-anh/ngay-nghi/${d.date}/xoa`} variant="warning">
                Bỏ
              </ButtonForm>
            </td>
          </tr>
        )}
      />
      <h2>Thêm hoặc sửa một ngày</h2>
      <ErrorSummary errors={props.errors} />
      <Form action="/quan-tri/phan-anh/ngay-nghi">
        <TextInput {...field('date')} label="Ngày" type="date" required />
        <Choices
          {...field('kind')}
          type="radio"
          label="Loại ngày"
          required
          options={[
            { value: 'holiday', label: 'Ngày nghỉ (không tính vào thời hạn)' },
            { value: 'workday', label: 'Ngày làm bù (thứ Bảy, Chủ nhật vẫn tính)' },
          ]}
        />
        <TextInput {...field('name')} label="Tên ngày" required maxLength={200} />
        <Button>Lưu ngày</Button>
      </Form>
    </SettingsLayout>
  );
}

// ---- Partner API keys ---------------------------------------------------------------------------

export function ApiKeysPage(props: {
  keys: Array<{
    id: number;
    name: string;
    key_prefix: string;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>;
  created?: { name: string; key: string };
  errors?: FormErrors;
  flash?: string;
}) {
  return (
    <SettingsLayout title="Khóa API đối tác" heading="Khóa API đối tác (Open311)" flash={props.flash}>
      {props.created ? (
        <div class="callout" role="status">
          <h2>Khóa mới cho {props.created.name}</h2>
          <p>Hãy sao chép và gửi cho đối tác qua kênh an toàn. Khóa chỉ hiện một lần này; hệ thống chỉ lưu mã băm.</p>
          <p>
            <code class="url">{props.created.key}</code>
          </p>
        </div>
      ) : null}
      <p>
        Ứng dụng đối tác gửi phản ánh qua <code>POST /open311/v2/requests.json</code> với tham số <code>api_key</code>.
      </p>
      <DataTable
        caption="Khóa API"
        columns={['Đối tác', 'Đầu khóa', 'Tạo lúc', 'Dùng lần cuối', 'Tình trạng']}
        rows={props.keys}
        row={(k) => (
          <tr key={k.id}>
            <th scope="row">{k.name}</th>
            <td>
              <code>{k.key_prefix}…</code>
            </td>
            <td>{viDateTime(k.created_at)}</td>
            <td>{k.last_used_at ? viDateTime(k.last_used_at) : 'Chưa dùng'}</td>
            <td>
              {k.revoked_at ? (
                `Đã thu hồi ${viDate(k.revoked_at)}`
              ) : (
                <ButtonForm action={`/quan-tri/phan-anh/khoa-api/${k.id}/thu-hoi`} variant="warning">
                  Thu hồi
                </ButtonForm>
              )}
            </td>
          </tr>
        )}
      />
      <h2>Tạo khóa mới</h2>
      <ErrorSummary errors={props.errors} />
      <Form action="/quan-tri/phan-anh/khoa-api">
        <TextInput name="name" label="Tên ứng dụng đối tác" required maxLength={120} errors={props.errors} />
        <Button>Tạo khóa</Button>
      </Form>
    </SettingsLayout>
  );
}
