import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/index.js';
import { Layout, sendPage } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import * as repo from './org.repository.js';
import { UNIT_TYPE_LABELS as TYPE_LABELS } from './org.labels.js';
import type { UnitType } from './org.table.js';

const TYPES = Object.keys(TYPE_LABELS) as UnitType[];

const Unit = Type.Object({
  id: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  fullName: Type.String(),
  type: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

export async function orgRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Đơn vị (xã, phường, sở, ngành...) đang hoạt động vào một ngày',
        querystring: Type.Object({
          type: Type.Optional(Type.Union(TYPES.map((t) => Type.Literal(t)))),
          on: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD; mặc định hôm nay' })),
        }),
        response: { 200: Type.Object({ units: Type.Array(Unit) }) },
      },
    },
    async (req) => {
      const q = req.query as { type?: UnitType; on?: string };
      const rows = await repo.listUnits(db, {
        types: q.type ? [q.type] : undefined,
        activeOn: q.on ?? new Date().toISOString().slice(0, 10),
      });
      return {
        units: rows.map((r) => ({
          id: r.id,
          code: r.code,
          name: r.name,
          fullName: r.full_name,
          type: r.type,
          parentId: r.parent_id,
          validFrom: r.valid_from,
          validTo: r.valid_to,
        })),
      };
    },
  );

  app.get('/quan-tri/don-vi', { preHandler: requireUser }, async (req, reply) => {
    const q = req.query as { loai?: string };
    const type = (TYPES as string[]).includes(q.loai ?? '') ? (q.loai as UnitType) : undefined;
    const rows = await repo.listUnits(db, { types: type ? [type] : undefined });
    return sendPage(
      req,
      reply,
      <Layout title="Đơn vị" admin>
        <h1>Đơn vị</h1>
        <p>
          {rows.length} đơn vị. Các quận, huyện và xã, phường cũ (trước 01/7/2025) được giữ lại để đối chiếu số liệu cũ với xã,
          phường mới.
        </p>
        <form method="get" action="/quan-tri/don-vi" class="inline-form">
          <label for="loai">Loại đơn vị</label>
          <select id="loai" name="loai" class="input">
            <option value="">Tất cả</option>
            {TYPES.map((t) => (
              <option key={t} value={t} selected={t === type}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          <button type="submit" class="button button-secondary">
            Lọc
          </button>
        </form>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Danh sách đơn vị</caption>
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên</th>
                <th scope="col">Loại</th>
                <th scope="col">Hiệu lực</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.code ?? ''}</td>
                  <td>{r.full_name}</td>
                  <td>{TYPE_LABELS[r.type]}</td>
                  <td>
                    {r.valid_from}
                    {r.valid_to ? ` đến ${r.valid_to}` : ' đến nay'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>,
    );
  });
}
