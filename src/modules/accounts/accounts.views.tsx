import type { JSX } from 'preact';
import { ROLE_LABELS, ROLES } from '../../platform/auth/index.js';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  Layout,
  Notice,
  Select,
  TextInput,
  viDateTime,
  type FormErrors,
  type Option,
} from '../../platform/html/index.js';

export function SignInPage({ email = '', back, errors }: { email?: string; back: string; errors?: FormErrors }) {
  return (
    <Layout title="Đăng nhập" admin>
      <h1>Đăng nhập dành cho cán bộ</h1>
      <p>Trang này dành cho cán bộ Trung tâm và các đơn vị. Người dân không cần tài khoản để xem hướng dẫn hay gửi góp ý.</p>
      <ErrorSummary errors={errors} />
      <Form action="/quan-tri/dang-nhap">
        <input type="hidden" name="back" value={back} />
        <TextInput name="email" label="Email" type="email" autocomplete="username" value={email} errors={errors} required />
        <TextInput name="password" label="Mật khẩu" type="password" autocomplete="current-password" errors={errors} required />
        <Button>Đăng nhập</Button>
      </Form>
    </Layout>
  );
}

export function TotpPage({ back, errors }: { back: string; errors?: FormErrors }) {
  return (
    <Layout title="Mã xác thực" admin>
      <h1>Nhập mã xác thực</h1>
      <p>Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số.</p>
      <ErrorSummary errors={errors} />
      <Form action="/quan-tri/dang-nhap/ma-xac-thuc">
        <input type="hidden" name="back" value={back} />
        <TextInput
          name="code"
          label="Mã 6 chữ số"
          inputMode="numeric"
          autocomplete="one-time-code"
          maxLength={8}
          width="short"
          errors={errors}
          required
        />
        <Button>Xác nhận</Button>
      </Form>
    </Layout>
  );
}

export function DashboardPage({
  name,
  role,
  links,
  panels,
}: {
  name: string;
  role: string;
  links: Array<{ href: string; label: string }>;
  /** Blocks other modules add (registerDashboardPanel), e.g. notifications and reports due. */
  panels?: JSX.Element[];
}) {
  return (
    <Layout title="Tổng quan" admin>
      <h1>Xin chào, {name}</h1>
      <p>Vai trò: {ROLE_LABELS[role as keyof typeof ROLE_LABELS]}.</p>
      {panels}
      <ul class="cards">
        {links.map((l) => (
          <li class="card" key={l.href}>
            <h2 class="card-title">
              <a href={l.href}>{l.label}</a>
            </h2>
          </li>
        ))}
      </ul>
      <Form action="/quan-tri/dang-xuat">
        <Button variant="secondary">Đăng xuất</Button>
      </Form>
    </Layout>
  );
}

export function AccountPage(props: {
  name: string;
  email: string;
  totpEnabled: boolean;
  pending: { secret: string; qrSvg: string } | null;
  errors?: FormErrors;
  flash?: string;
}) {
  return (
    <Layout title="Tài khoản của tôi" admin>
      <h1>Tài khoản của tôi</h1>
      {props.flash ? <Notice>{props.flash}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      <p>
        {props.name} ({props.email})
      </p>
      <h2>Đổi mật khẩu</h2>
      <Form action="/quan-tri/tai-khoan/mat-khau">
        <TextInput
          name="current"
          label="Mật khẩu hiện tại"
          type="password"
          autocomplete="current-password"
          errors={props.errors}
          required
        />
        <TextInput
          name="password"
          label="Mật khẩu mới"
          hint="Ít nhất 12 ký tự."
          type="password"
          autocomplete="new-password"
          errors={props.errors}
          required
        />
        <Button>Đổi mật khẩu</Button>
      </Form>
      <h2>Xác thực hai lớp</h2>
      {props.totpEnabled ? (
        <>
          <p>Đang bật. Mỗi lần đăng nhập, bạn cần thêm mã từ ứng dụng xác thực.</p>
          <Form action="/quan-tri/tai-khoan/xac-thuc-hai-lop/tat">
            <Button variant="warning">Tắt xác thực hai lớp</Button>
          </Form>
        </>
      ) : props.pending ? (
        <>
          <p>Quét mã QR bằng ứng dụng xác thực (ví dụ Google Authenticator), rồi nhập mã 6 chữ số để bật.</p>
          <div
            class="qr"
            role="img"
            aria-label="Mã QR để thêm tài khoản vào ứng dụng xác thực"
            dangerouslySetInnerHTML={{ __html: props.pending.qrSvg }}
          />
          <p>
            Hoặc nhập khóa: <code>{props.pending.secret}</code>
          </p>
          <Form action="/quan-tri/tai-khoan/xac-thuc-hai-lop/xac-nhan">
            <TextInput
              name="code"
              label="Mã 6 chữ số"
              inputMode="numeric"
              autocomplete="one-time-code"
              width="short"
              errors={props.errors}
              required
            />
            <Button>Bật xác thực hai lớp</Button>
          </Form>
        </>
      ) : (
        <Form action="/quan-tri/tai-khoan/xac-thuc-hai-lop">
          <p>Nên bật để bảo vệ tài khoản nếu lộ mật khẩu.</p>
          <Button>Thiết lập xác thực hai lớp</Button>
        </Form>
      )}
    </Layout>
  );
}

export interface UserListRow {
  id: number;
  email: string;
  name: string;
  role: string;
  unit_name: string | null;
  disabled: number;
  locked_until: string | null;
  last_login_at: string | null;
}

export function UsersPage({ users, flash }: { users: UserListRow[]; flash?: string }) {
  return (
    <Layout title="Tài khoản cán bộ" admin>
      <h1>Tài khoản cán bộ</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      <p>
        <a class="button button-primary" href="/quan-tri/nguoi-dung/moi">
          Thêm tài khoản
        </a>
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Danh sách tài khoản</caption>
          <thead>
            <tr>
              <th scope="col">Họ tên</th>
              <th scope="col">Email</th>
              <th scope="col">Vai trò</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Đăng nhập gần nhất</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <a href={`/quan-tri/nguoi-dung/${u.id}`}>{u.name}</a>
                </td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role as keyof typeof ROLE_LABELS]}</td>
                <td>{u.unit_name ?? ''}</td>
                <td>
                  {u.disabled
                    ? 'Đã khóa'
                    : u.locked_until && u.locked_until > new Date().toISOString()
                      ? 'Tạm khóa'
                      : 'Hoạt động'}
                </td>
                <td>{viDateTime(u.last_login_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

const roleOptions: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export interface UserFormValues {
  email: string;
  name: string;
  role: string;
  unitId: string;
  disabled?: boolean;
}

export function UserFormPage(props: { id?: number; values: UserFormValues; units: Option[]; errors?: FormErrors }) {
  const isNew = props.id === undefined;
  const v = props.values;
  return (
    <Layout title={isNew ? 'Thêm tài khoản' : `Tài khoản: ${v.name}`} admin>
      <p>
        <a href="/quan-tri/nguoi-dung">Danh sách tài khoản</a>
      </p>
      <h1>{isNew ? 'Thêm tài khoản' : `Tài khoản: ${v.name}`}</h1>
      <ErrorSummary errors={props.errors} />
      <Form action={isNew ? '/quan-tri/nguoi-dung/moi' : `/quan-tri/nguoi-dung/${props.id}`}>
        {isNew ? (
          <TextInput name="email" label="Email" type="email" value={v.email} errors={props.errors} required />
        ) : (
          <p>Email: {v.email}</p>
        )}
        <TextInput name="name" label="Họ tên" value={v.name} errors={props.errors} required />
        <Select name="role" label="Vai trò" options={roleOptions} value={v.role} errors={props.errors} required />
        <Select
          name="unitId"
          label="Đơn vị"
          hint="Bắt buộc với cán bộ đơn vị: họ chỉ thấy và làm việc cho đơn vị này và các đơn vị trực thuộc."
          options={props.units}
          value={v.unitId}
          emptyLabel="Không gắn đơn vị"
          errors={props.errors}
        />
        {isNew ? (
          <TextInput
            name="password"
            label="Mật khẩu ban đầu"
            hint="Ít nhất 12 ký tự. Báo riêng cho người dùng."
            type="password"
            autocomplete="new-password"
            errors={props.errors}
            required
          />
        ) : (
          <>
            <Choices
              name="flags"
              type="checkbox"
              label="Trạng thái"
              options={[
                { value: 'disabled', label: 'Khóa tài khoản' },
                { value: 'unlock', label: 'Mở tạm khóa do đăng nhập sai' },
              ]}
              value={v.disabled ? ['disabled'] : []}
            />
            <TextInput
              name="password"
              label="Đặt lại mật khẩu"
              hint="Để trống nếu không đổi."
              type="password"
              autocomplete="new-password"
              errors={props.errors}
            />
          </>
        )}
        <Button>{isNew ? 'Tạo tài khoản' : 'Lưu'}</Button>
      </Form>
    </Layout>
  );
}

export function AuditPage({
  rows,
}: {
  rows: Array<{
    id: number;
    at: string;
    action: string;
    entity: string;
    entity_id: string;
    summary: string;
    actor_name: string | null;
  }>;
}) {
  return (
    <Layout title="Nhật ký thay đổi" admin>
      <h1>Nhật ký thay đổi</h1>
      <p>200 thay đổi gần nhất: ai, lúc nào, làm gì.</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Nhật ký thay đổi</caption>
          <thead>
            <tr>
              <th scope="col">Thời gian</th>
              <th scope="col">Người làm</th>
              <th scope="col">Việc</th>
              <th scope="col">Đối tượng</th>
              <th scope="col">Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{viDateTime(r.at)}</td>
                <td>{r.actor_name ?? 'hệ thống'}</td>
                <td>{r.action}</td>
                <td>
                  {r.entity} {r.entity_id}
                </td>
                <td>{r.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
