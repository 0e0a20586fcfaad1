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
  viDate,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../../platform/html/index.js';

const Back = () => (
  <p>
    <a href="/quan-tri/phan-anh">Phản ánh, kiến nghị</a>
  </p>
);

// ---- Templates ----------------------------------------------------------------------------------

export function TemplatesPage(props: {
  templates: Array<{ id: number; title: string; body: string; updated_at: string }>;
  v: { title: string; body: string };
  editingId: number | null;
  errors?: FormErrors;
  flash?: string;
}) {
  const action = props.editingId ? `/quan-tri/phan-anh/mau-tra-loi/${props.editingId}` : '/quan-tri/phan-anh/mau-tra-loi';
  return (
    <Layout title="Mẫu trả lời" admin>
      <Back />
      <h1>Mẫu trả lời</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <p>
        Trong nội dung mẫu có thể dùng: <code>{'{ma}'}</code> (mã phản ánh), <code>{'{don-vi}'}</code> (đơn vị xử lý),{' '}
        <code>{'{ngay}'}</code> (ngày hôm nay).
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Các mẫu trả lời</caption>
          <thead>
            <tr>
              <th scope="col">Tên mẫu</th>
              <th scope="col">Cập nhật</th>
              <th scope="col">Việc</th>
            </tr>
          </thead>
          <tbody>
            {props.templates.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.title}</th>
                <td>{viDateTime(t.updated_at)}</td>
                <td>
                  <a href={`/quan-tri/phan-anh/mau-tra-loi/${t.id}`}>Sửa</a>
                  <Form action={`/quan-tri/phan-anh/mau-tra-loi/${t.id}/xoa`} class="inline">
                    <Button variant="warning">Xóa</Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{props.editingId ? 'Sửa mẫu' : 'Thêm mẫu'}</h2>
      <ErrorSummary errors={props.errors} />
      <Form action={action}>
        <TextInput name="title" label="Tên mẫu" required maxLength={200} value={props.v.title} errors={props.errors} />
        <TextArea name="body" label="Nội dung" required rows={8} maxLength={8000} value={props.v.body} errors={props.errors} />
        <Button>{props.editingId ? 'Lưu mẫu' : 'Thêm mẫu'}</Button>
      </Form>
    </Layout>
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
  return (
    <Layout title="Nhóm phản ánh và thời hạn" admin>
      <Back />
      <h1>Nhóm phản ánh và thời hạn</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <p>Thời hạn trả lời tính theo ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày lễ). Mặc định 15 ngày (Quyết định 766).</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Các nhóm phản ánh</caption>
          <thead>
            <tr>
              <th scope="col">Mã (service_code)</th>
              <th scope="col">Tên</th>
              <th scope="col" class="num">
                Thời hạn (ngày làm việc)
              </th>
              <th scope="col">Đang dùng</th>
            </tr>
          </thead>
          <tbody>
            {props.categories.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={`/quan-tri/phan-anh/nhom/${c.id}`}>{c.id}</a>
                </th>
                <td>{c.name}</td>
                <td class="num">{c.deadline_days}</td>
                <td>{c.active ? 'Có' : 'Không'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{props.editingId ? `Sửa nhóm ${props.editingId}` : 'Thêm nhóm'}</h2>
      <ErrorSummary errors={props.errors} />
      <Form action={action}>
        {props.editingId ? null : (
          <TextInput
            name="id"
            label="Mã nhóm"
            hint="Chữ thường không dấu, ví dụ: moi-truong"
            required
            maxLength={60}
            value={props.v.id}
            errors={props.errors}
          />
        )}
        <TextInput name="name" label="Tên nhóm" required maxLength={200} value={props.v.name} errors={props.errors} />
        <TextArea name="description" label="Mô tả" rows={3} maxLength={1000} value={props.v.description} />
        <TextInput name="keywords" label="Từ khóa" hint="Cách nhau bằng dấu phẩy" maxLength={500} value={props.v.keywords} />
        <TextInput
          name="deadlineDays"
          label="Thời hạn trả lời (ngày làm việc)"
          type="number"
          inputMode="numeric"
          width="short"
          required
          value={props.v.deadlineDays}
          errors={props.errors}
        />
        <TextInput name="sort" label="Thứ tự" type="number" inputMode="numeric" width="short" value={props.v.sort} />
        <Choices
          name="active"
          type="checkbox"
          label="Trạng thái"
          options={[{ value: '1', label: 'Đang dùng' }]}
          value={props.v.active ? '1' : null}
        />
        <Button>{props.editingId ? 'Lưu' : 'Thêm nhóm'}</Button>
      </Form>
    </Layout>
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
  return (
    <Layout title="Phân công xử lý" admin>
      <Back />
      <h1>Phân công xử lý</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <p>
        Phản ánh được chuyển theo quy tắc khớp nhất (thủ tục trước, nhóm sau). Nếu không có quy tắc nào khớp: chuyển về xã, phường
        người dân chọn; nếu không chọn xã, phường: chuyển về Trung tâm Phục vụ hành chính công.
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Quy tắc phân công</caption>
          <thead>
            <tr>
              <th scope="col">Nhóm</th>
              <th scope="col">Thủ tục</th>
              <th scope="col">Chuyển đến</th>
              <th scope="col">Việc</th>
            </tr>
          </thead>
          <tbody>
            {props.rules.map((r) => (
              <tr key={r.id}>
                <td>{r.category}</td>
                <td>{r.topic}</td>
                <td>{r.target}</td>
                <td>
                  <Form action={`/quan-tri/phan-anh/phan-cong/${r.id}/xoa`} class="inline">
                    <Button variant="warning">Xóa</Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Thêm quy tắc</h2>
      <ErrorSummary errors={props.errors} />
      <Form action="/quan-tri/phan-anh/phan-cong">
        <Select
          name="category"
          label="Nhóm"
          options={props.categories}
          value={props.v.category}
          emptyLabel="Mọi nhóm"
          errors={props.errors}
        />
        <Select
          name="topic"
          label="Thủ tục"
          options={props.topics}
          value={props.v.topic}
          emptyLabel="Mọi thủ tục"
          errors={props.errors}
        />
        <Choices
          name="target"
          type="radio"
          label="Chuyển đến"
          required
          options={[
            { value: 'unit', label: 'Một đơn vị cố định' },
            { value: 'commune', label: 'Xã, phường người dân chọn (nếu không chọn: đơn vị dưới đây)' },
          ]}
          value={props.v.target}
          errors={props.errors}
        />
        <Select
          name="unitCode"
          label="Đơn vị"
          options={props.units}
          value={props.v.unitCode}
          emptyLabel="Trung tâm (mặc định)"
          errors={props.errors}
        />
        <Button>Thêm quy tắc</Button>
      </Form>
    </Layout>
  );
}

// ---- Calendar -----------------------------------------------------------------------------------

export function CalendarPage(props: {
  year: number;
  years: number[];
  days: Array<{ date: string; kind: 'holiday' | 'workday'; name: string }>;
  v: { date: string; kind: string; name: string };
  errors?: FormErrors;
  flash?: string;
}) {
  return (
    <Layout title="Ngày nghỉ lễ" admin>
      <Back />
      <h1>Ngày nghỉ lễ, ngày làm bù</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <p>
        Thời hạn trả lời không tính thứ Bảy, Chủ nhật và các ngày nghỉ dưới đây. Ngày làm bù là thứ Bảy hoặc Chủ nhật phải đi làm
        (được tính). Hãy cập nhật theo thông báo nghỉ lễ hằng năm.
      </p>
      <nav aria-label="Chọn năm" class="pills">
        <ul>
          {props.years.map((y) => (
            <li key={y}>
              <a href={`/quan-tri/phan-anh/ngay-nghi?nam=${y}`} aria-current={y === props.year ? 'page' : undefined}>
                {y}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="table-wrap">
        <table>
          <caption>Năm {props.year}</caption>
          <thead>
            <tr>
              <th scope="col">Ngày</th>
              <th scope="col">Loại</th>
              <th scope="col">Tên</th>
              <th scope="col">Việc</th>
            </tr>
          </thead>
          <tbody>
            {props.days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{viDate(d.date)}</th>
                <td>{d.kind === 'holiday' ? 'Nghỉ' : 'Làm bù'}</td>
                <td>{d.name}</td>
                <td>
                  <Form action={`/quan-tri/phan-anh/ngay-nghi/${d.date}/xoa`} class="inline">
                    <Button variant="warning">Bỏ</Button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Thêm hoặc sửa một ngày</h2>
      <ErrorSummary errors={props.errors} />
      <Form action="/quan-tri/phan-anh/ngay-nghi">
        <TextInput name="date" label="Ngày" type="date" required value={props.v.date} errors={props.errors} />
        <Choices
          name="kind"
          type="radio"
          label="Loại ngày"
          required
          options={[
            { value: 'holiday', label: 'Ngày nghỉ (không tính vào thời hạn)' },
            { value: 'workday', label: 'Ngày làm bù (thứ Bảy, Chủ nhật vẫn tính)' },
          ]}
          value={props.v.kind}
          errors={props.errors}
        />
        <TextInput name="name" label="Tên ngày" required maxLength={200} value={props.v.name} errors={props.errors} />
        <Button>Lưu ngày</Button>
      </Form>
    </Layout>
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
    <Layout title="Khóa API đối tác" admin>
      <Back />
      <h1>Khóa API đối tác (Open311)</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
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
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Khóa API</caption>
          <thead>
            <tr>
              <th scope="col">Đối tác</th>
              <th scope="col">Đầu khóa</th>
              <th scope="col">Tạo lúc</th>
              <th scope="col">Dùng lần cuối</th>
              <th scope="col">Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
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
                    <Form action={`/quan-tri/phan-anh/khoa-api/${k.id}/thu-hoi`} class="inline">
                      <Button variant="warning">Thu hồi</Button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Tạo khóa mới</h2>
      <ErrorSummary errors={props.errors} />
      <Form action="/quan-tri/phan-anh/khoa-api">
        <TextInput name="name" label="Tên ứng dụng đối tác" required maxLength={120} errors={props.errors} />
        <Button>Tạo khóa</Button>
      </Form>
    </Layout>
  );
}
