// /cong-khai: figures per unit and period, and the answers published after review.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { sendPage } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { unitFigures } from './feedback.figures.js';
import * as repo from './feedback.repository.js';
import { feedbackService, normalizeCode } from './feedback.service.js';
import { PublishedItemPage, PublishedListPage, TransparencyPage } from './views/transparency.js';
import { vnDate } from './working-days.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PAGE = 20;

export async function transparencyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const svc = feedbackService(deps);
  const { db } = deps;

  app.get('/cong-khai', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const thisMonth = vnDate().slice(0, 7);
    let from = str(q.tu) || `${thisMonth.slice(0, 4)}-01`;
    let to = str(q.den) || thisMonth;
    const errors = [];
    if (!MONTH.test(from)) errors.push({ field: 'tu', message: 'Tháng bắt đầu chưa đúng (dạng năm-tháng, ví dụ 2026-01).' });
    if (!MONTH.test(to)) errors.push({ field: 'den', message: 'Tháng kết thúc chưa đúng (dạng năm-tháng, ví dụ 2026-06).' });
    if (!errors.length && from > to) errors.push({ field: 'den', message: 'Tháng kết thúc phải sau tháng bắt đầu.' });
    if (errors.length) {
      from = `${thisMonth.slice(0, 4)}-01`;
      to = thisMonth;
    }
    const minItems = deps.config.feedbackMinItemsToRank;
    const [{ units, total }, recent] = await Promise.all([
      unitFigures(db, await svc.calendar(), { from, to, minItems }),
      repo.listPublished(db, { limit: 5, offset: 0 }),
    ]);
    return sendPage(
      req,
      reply,
      <TransparencyPage
        from={from}
        to={to}
        units={units}
        total={total}
        minItems={minItems}
        recent={recent.rows}
        errors={errors.length ? errors : undefined}
      />,
      errors.length ? 400 : 200,
    );
  });

  app.get('/cong-khai/phan-anh', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const unitId = /^\d{1,9}$/.test(str(q['don-vi'])) ? Number(q['don-vi']) : undefined;
    const categoryId = /^[a-z0-9-]{1,60}$/.test(str(q.nhom)) ? str(q.nhom) : undefined;
    const page = Math.max(1, Math.min(10_000, Number(str(q.trang)) || 1));
    const { total, rows } = await repo.listPublished(db, { unitId, categoryId, limit: PAGE, offset: (page - 1) * PAGE });
    const query = new URLSearchParams();
    if (unitId) query.set('don-vi', String(unitId));
    if (categoryId) query.set('nhom', categoryId);
    return sendPage(
      req,
      reply,
      <PublishedListPage
        rows={rows}
        page={page}
        pages={Math.max(1, Math.ceil(total / PAGE))}
        unitName={unitId ? (await svc.unitName(db, unitId)) || null : null}
        query={query.toString()}
      />,
    );
  });

  app.get(
    '/cong-khai/phan-anh/:code',
    { schema: { params: Type.Object({ code: Type.String({ maxLength: 40 }) }) } },
    async (req, reply) => {
      const code = normalizeCode((req.params as { code: string }).code);
      const item = code ? await repo.findByCode(db, code) : undefined;
      if (!item?.published_at) throw new AppError('not_found', 'Không tìm thấy phản ánh đã công khai có mã này.');
      const ref = await svc.refData();
      return sendPage(
        req,
        reply,
        <PublishedItemPage
          r={{
            code: item.code,
            received_at: item.received_at,
            first_answered_at: item.first_answered_at,
            public_content: item.public_content,
            public_answer: item.public_answer,
            unit_name: await svc.unitName(db, item.unit_id),
            category_name: item.category_id ? (ref.categoryById.get(item.category_id)?.name ?? null) : null,
          }}
        />,
      );
    },
  );
}
