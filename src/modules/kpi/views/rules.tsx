// How figures recorded under old units (before July 2025) are counted under the current communes.
import { Layout } from '../../../platform/html/index.js';
import type { Attribution } from '../kpi.attribution.js';

export function RulesPage({ splits, districts }: { splits: Attribution[]; districts: Attribution[] }) {
  return (
    <Layout
      title="Quy đổi số liệu đơn vị cũ"
      admin
      crumbs={[
        { href: '/quan-tri', label: 'Quản trị' },
        { href: '/quan-tri/so-lieu', label: 'Số liệu KPI' },
      ]}
    >
      <h1>Quy đổi số liệu của đơn vị cũ sang xã, phường mới</h1>
      <p>
        Mỗi hồ sơ mang mã đơn vị có hiệu lực vào ngày tiếp nhận (một số mã được dùng lại từ 01/7/2025, ví dụ 00004 là Phường Trúc
        Bạch trước ngày đó và Phường Ba Đình sau ngày đó). Khi nhập, hồ sơ được gắn vào đơn vị hiện nay mà nó được tính:
      </p>
      <ol>
        <li>Đơn vị đang hoạt động (xã, phường mới, sở, ngành): tính cho chính đơn vị đó.</li>
        <li>Xã, phường cũ nhập nguyên vào một xã, phường mới: tính cho xã, phường mới đó.</li>
        <li>
          Xã, phường cũ bị chia cho nhiều xã, phường mới: <strong>toàn bộ</strong> số liệu tính cho xã, phường mới được nêu{' '}
          <strong>đầu tiên</strong> trong Nghị quyết 1656/NQ-UBTVQH15 (thứ tự các khoản của Điều 1), vì dữ liệu không có diện
          tích, dân số của từng phần. Danh sách dưới đây.
        </li>
        <li>
          Quận, huyện, thị xã cũ: tính cho xã, phường mới nhận nhiều xã, phường cũ của quận, huyện đó nhất (bằng nhau thì lấy đơn
          vị được nêu trước).
        </li>
      </ol>
      <h2>Xã, phường cũ bị chia ({splits.length})</h2>
      <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng xã, phường cũ bị chia">
        <table>
          <caption class="visually-hidden">Xã, phường cũ bị chia và xã, phường mới được tính số liệu</caption>
          <thead>
            <tr>
              <th scope="col">Xã, phường cũ (mã)</th>
              <th scope="col">Số liệu tính cho</th>
              <th scope="col">Các xã, phường mới nhận một phần (theo thứ tự trong Nghị quyết)</th>
            </tr>
          </thead>
          <tbody>
            {splits.map((a) => (
              <tr key={a.unit.id}>
                <th scope="row">
                  {a.unit.full_name} ({a.unit.code})
                </th>
                <td>
                  {a.target?.full_name} ({a.target?.code})
                </td>
                <td>{a.candidates.map((c) => `${c.full_name} (${c.code})`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Quận, huyện, thị xã cũ ({districts.length})</h2>
      <div class="table-wrap" tabIndex={0} role="group" aria-label="Bảng quận, huyện cũ">
        <table>
          <caption class="visually-hidden">Quận, huyện, thị xã cũ và xã, phường mới được tính số liệu</caption>
          <thead>
            <tr>
              <th scope="col">Quận, huyện, thị xã cũ (mã)</th>
              <th scope="col">Số liệu tính cho</th>
            </tr>
          </thead>
          <tbody>
            {districts.map((a) => (
              <tr key={a.unit.id}>
                <th scope="row">
                  {a.unit.full_name} ({a.unit.code})
                </th>
                <td>{a.target ? `${a.target.full_name} (${a.target.code})` : 'Không xác định'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
