import { Layout } from './layout.js';

const TITLES: Record<number, string> = {
  400: 'Yêu cầu chưa đúng',
  401: 'Cần đăng nhập',
  403: 'Không có quyền truy cập',
  404: 'Không tìm thấy trang',
  413: 'Dữ liệu quá lớn',
  423: 'Tài khoản tạm khóa',
  429: 'Quá nhiều yêu cầu',
};

export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = TITLES[status] ?? (status >= 500 ? 'Hệ thống đang gặp sự cố' : 'Có lỗi xảy ra');
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>
        Bạn có thể <a href="/">về trang chủ</a>, <a href="/tim-kiem">tìm hướng dẫn</a> hoặc gọi đường dây nóng{' '}
        <a href="tel:02401022">024.1022</a> để được giúp.
      </p>
    </Layout>
  );
}
