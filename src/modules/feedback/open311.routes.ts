// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) so existing 311 apps can submit feedback.
// JSON only: every .xml resource answers 400 with a pointer to .json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { toAppError } from '../../platform/http.js';
import type { AppDeps } from '../../platform/module.js';
import { redactForPublication } from '../../platform/text/index.js';
import { verifyApiKey } from './feedback.apikeys.js';
import { open311Status, STATUS_LABELS } from './feedback.labels.js';
import * as repo from './feedback.repository.js';
import { DEFAULT_DEADLINE_DAYS } from './feedback.seed.js';
import { feedbackService, normalizeCode, requestHash, type FeedbackInput } from './feedback.service.js';
import type { FeedbackStatus } from './feedback.table.js';

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 90;
const MAX_RESULTS = 1000;

/** w3 date-time without milliseconds: 2026-11-27T03:04:05Z. */
const w3 = (iso: string | null) => (iso ? iso.replace(/\.\d{3}Z$/, 'Z') : null);

const Open311Error = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));
const Str = Type.Optional(Type.String({ maxLength: 4000 }));

const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.String(),
  status_notes: Type.Union([Type.String(), Type.Null()]),
  service_name: Type.String(),
  service_code: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  agency_responsible: Type.Union([Type.String(), Type.Null()]),
  service_notice: Type.Union([Type.String(), Type.Null()]),
  requested_datetime: Type.Union([Type.String(), Type.Null()]),
  updated_datetime: Type.Union([Type.String(), Type.Null()]),
  expected_datetime: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  address_id: Type.Null(),
  zipcode: Type.Null(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  long: Type.Union([Type.Number(), Type.Null()]),
  media_url: Type.Null(),
});

function open311Error(reply: FastifyReply, status: number, description: string | string[]) {
  const list = Array.isArray(description) ? description : [description];
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(list.map((d) => ({ code: status, description: d })));
}

function strField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new AppError('validation_failed', `${name}: chỉ được gửi một giá trị dạng chữ.`);
  return v;
}

function numField(body: Record<string, unknown>, name: string): number | undefined {
  const s = strField(body, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^-?\d+(\.\d+)?$/.test(s.trim()) || !Number.isFinite(n))
    throw new AppError('validation_failed', `${name}: cần là một số.`);
  return n;
}

/** Our form field names -> the Open311 argument the partner sent. */
const FIELD_NAMES: Record<string, string> = {
  content: 'description',
  category: 'service_code',
  commune: 'attribute[commune]',
  name: 'first_name/last_name',
  lat: 'lat/long',
  address: 'address_string',
};

export async function open311Routes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const svc = feedbackService(deps);
  const { db } = deps;
  const submitLimit = { max: deps.config.rateLimit.submitPerMinute, timeWindow: 60_000 };

  const toRequest = async (item: repo.ItemRow) => {
    const ref = await svc.refData();
    const cat = item.category_id ? ref.categoryById.get(item.category_id) : undefined;
    const published = Boolean(item.published_at);
    const names = item.contact_name ? [item.contact_name] : [];
    const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
    return {
      service_request_id: item.code,
      status: open311Status(item.status),
      status_notes: item.merged_into_id ? 'Trùng nội dung, đã gộp với phản ánh khác.' : STATUS_LABELS[item.status],
      service_name: cat?.name ?? 'Phản ánh, kiến nghị',
      service_code: item.category_id,
      // Only what staff reviewed and published is public; everything else stays with the city.
      description: published ? item.public_content : null,
      agency_responsible: (await svc.unitName(db, item.unit_id)) || null,
      service_notice: `Trả lời trong ${cat?.deadline_days ?? DEFAULT_DEADLINE_DAYS} ngày làm việc.`,
      requested_datetime: w3(item.received_at),
      updated_datetime: w3(item.updated_at),
      expected_datetime: `${item.deadline_on}T23:59:59+07:00`,
      address: published && item.address ? redactForPublication(item.address, { names }) : null,
      address_id: null,
      zipcode: null,
      lat: published ? round(item.lat) : null,
      long: published ? round(item.lng) : null,
      media_url: null,
    };
  };

  await app.register(
    async (scope) => {
      scope.setErrorHandler((err, req, reply) => {
        const e = toAppError(err as Error);
        if (e.status >= 500) req.log.error({ err }, 'request failed');
        return open311Error(reply, e.status === 401 ? 403 : e.status, e.message);
      });
      scope.setNotFoundHandler((_req, reply) =>
        open311Error(reply, 404, 'Không có tài nguyên này. Xem /open311/discovery.json.'),
      );

      scope.get('/discovery.json', { schema: { tags: ['open311'], summary: 'Open311 service discovery' } }, async () => ({
        changeset: '2026-11-27T00:00:00Z',
        contact: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội',
        key_service: `${deps.config.publicUrl}/quan-tri`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${deps.config.publicUrl}/open311/v2`,
            changeset: '2026-11-27T00:00:00Z',
            type: 'production',
            formats: ['application/json'],
          },
        ],
      }));

      scope.get(
        '/v2/services.json',
        {
          schema: {
            tags: ['open311'],
            summary: 'Open311: danh sách nhóm phản ánh (service_code)',
            querystring: Type.Object({ jurisdiction_id: Str }),
          },
        },
        async () => {
          const ref = await svc.refData();
          return ref.categories
            .filter((c) => c.active)
            .map((c) => ({
              service_code: c.id,
              service_name: c.name,
              description: c.description,
              metadata: false,
              type: 'realtime',
              keywords: c.keywords,
              group: 'phan-anh-kien-nghi',
            }));
        },
      );

      scope.get(
        '/v2/services/:service_code.json',
        {
          schema: {
            tags: ['open311'],
            summary: 'Open311: định nghĩa một nhóm (không có trường bổ sung)',
            params: Type.Object({ service_code: Type.String({ maxLength: 80 }) }),
          },
        },
        async (req) => {
          const { service_code } = req.params as { service_code: string };
          const ref = await svc.refData();
          if (!ref.categoryById.get(service_code)?.active) throw new AppError('not_found', 'service_code không tồn tại.');
          return { service_code, attributes: [] };
        },
      );

      scope.get(
        '/v2/requests.json',
        {
          schema: {
            tags: ['open311'],
            summary: 'Open311: tra cứu nhiều phản ánh (mặc định 90 ngày gần nhất, tối đa 1000)',
            querystring: Type.Object({
              jurisdiction_id: Str,
              service_request_id: Str,
              service_code: Str,
              start_date: Type.Optional(Type.String({ maxLength: 40 })),
              end_date: Type.Optional(Type.String({ maxLength: 40 })),
              status: Type.Optional(Type.String({ maxLength: 40 })),
            }),
            response: { 200: Type.Array(ServiceRequest), 400: Open311Error },
          },
        },
        async (req) => {
          const q = req.query as Record<string, string | undefined>;
          const list = (v?: string) =>
            (v ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
          if (q.service_request_id) {
            const codes = list(q.service_request_id)
              .slice(0, 100)
              .map((c) => normalizeCode(c))
              .filter((c): c is string => Boolean(c));
            const rows = await repo.open311Items(db, { codes, limit: MAX_RESULTS });
            return Promise.all(rows.map(toRequest));
          }
          const parse = (v: string | undefined, name: string) => {
            if (!v) return undefined;
            const ms = Date.parse(v);
            if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(ms)) {
              throw new AppError('validation_failed', `${name} cần theo định dạng w3, ví dụ 2026-01-01T00:00:00Z.`);
            }
            return ms;
          };
          let start = parse(q.start_date, 'start_date');
          let end = parse(q.end_date, 'end_date');
          if (start === undefined && end === undefined) end = Date.now();
          if (start === undefined) start = end! - MAX_SPAN_DAYS * DAY_MS;
          if (end === undefined) end = start + MAX_SPAN_DAYS * DAY_MS;
          if (end < start) throw new AppError('validation_failed', 'end_date phải sau start_date.');
          if (end - start > MAX_SPAN_DAYS * DAY_MS) throw new AppError('validation_failed', 'Khoảng thời gian tối đa 90 ngày.');
          const statuses: FeedbackStatus[] = [];
          for (const s of list(q.status)) {
            if (s === 'open') statuses.push('new', 'in_progress', 'needs_info');
            else if (s === 'closed') statuses.push('answered', 'closed');
            else throw new AppError('validation_failed', 'status chỉ nhận open hoặc closed.');
          }
          const rows = await repo.open311Items(db, {
            categoryIds: list(q.service_code),
            fromAt: new Date(start).toISOString(),
            toAt: new Date(end).toISOString(),
            statuses,
            limit: MAX_RESULTS,
          });
          return Promise.all(rows.map(toRequest));
        },
      );

      scope.get(
        '/v2/requests/:service_request_id.json',
        {
          schema: {
            tags: ['open311'],
            summary: 'Open311: tra cứu một phản ánh',
            params: Type.Object({ service_request_id: Type.String({ maxLength: 80 }) }),
            response: { 200: Type.Array(ServiceRequest), 404: Open311Error },
          },
        },
        async (req) => {
          const code = normalizeCode((req.params as { service_request_id: string }).service_request_id);
          const item = code ? await repo.findByCode(db, code) : undefined;
          if (!item) throw new AppError('not_found', 'Không tìm thấy service_request_id này.');
          return [await toRequest(item)];
        },
      );

      scope.post(
        '/v2/requests.json',
        {
          // Partners authenticate with api_key, not a browser session.
          config: { csrf: false, rateLimit: submitLimit },
          schema: {
            tags: ['open311'],
            summary: 'Open311: gửi phản ánh (cần api_key; hỗ trợ header Idempotency-Key)',
            response: {
              201: Type.Array(
                Type.Object({
                  service_request_id: Type.String(),
                  service_notice: Type.String(),
                  account_id: Type.Null(),
                }),
              ),
              400: Open311Error,
              403: Open311Error,
              404: Open311Error,
              409: Open311Error,
            },
          },
        },
        async (req: FastifyRequest, reply: FastifyReply) => {
          const raw = req.body;
          if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
            throw new AppError('bad_request', 'Gửi các trường dạng application/x-www-form-urlencoded.');
          }
          const body = raw as Record<string, unknown>;
          const apiKey = strField(body, 'api_key') ?? (req.query as { api_key?: unknown }).api_key;
          if (!(await verifyApiKey(db, apiKey))) {
            return open311Error(reply, 403, 'api_key không hợp lệ hoặc đã bị thu hồi: không tạo được phản ánh.');
          }
          const serviceCode = strField(body, 'service_code');
          if (!serviceCode) throw new AppError('validation_failed', 'Thiếu service_code.');
          const ref = await svc.refData();
          const category = ref.categoryById.get(serviceCode);
          if (!category?.active) return open311Error(reply, 404, `service_code "${serviceCode.slice(0, 60)}" không tồn tại.`);
          const lat = numField(body, 'lat');
          const lng = numField(body, 'long');
          const address = strField(body, 'address_string');
          const addressId = strField(body, 'address_id');
          if ((lat === undefined) !== (lng === undefined)) throw new AppError('validation_failed', 'Cần gửi cả lat và long.');
          if (lat === undefined && !address && !addressId) {
            throw new AppError('validation_failed', 'Cần một địa điểm: lat và long, hoặc address_string, hoặc address_id.');
          }
          const description = strField(body, 'description');
          if (!description) throw new AppError('validation_failed', 'Thiếu description (nội dung phản ánh).');
          if (description.length > 4000) throw new AppError('validation_failed', 'description tối đa 4000 ký tự.');
          const name = [strField(body, 'last_name'), strField(body, 'first_name')].filter(Boolean).join(' ');
          const email = strField(body, 'email');
          const phone = strField(body, 'phone');
          const input: FeedbackInput = {
            content: description,
            category: serviceCode,
            commune: strField(body, 'attribute[commune]') ?? null,
            contact: { name: name || null, email: email ?? null, phone: phone ?? null },
            // Partner apps collect the citizen's consent under their agreement with the Center.
            consent: Boolean(name || email || phone),
            lat: lat ?? null,
            lng: lng ?? null,
            address: address ?? (addressId ? `address_id ${addressId}` : null),
          };
          const { errors } = await svc.check(input);
          if (errors.length) {
            return open311Error(
              reply,
              400,
              errors.map((e) => `${FIELD_NAMES[e.field] ?? e.field}: ${e.message}`),
            );
          }
          const key = idempotencyKey(req);
          const { api_key: _omit, ...hashed } = body;
          const res = await svc.submit(input, 'open311', {
            idempotency: key ? { key, route: 'POST /open311/v2/requests', requestHash: requestHash(hashed) } : undefined,
          });
          if (res.replayed) reply.header('idempotent-replayed', 'true');
          return reply.code(201).send([
            {
              service_request_id: res.code,
              service_notice: `Đã tiếp nhận. Trả lời trong ${category.deadline_days} ngày làm việc. Tra cứu: ${deps.config.publicUrl}/gop-y/tra-cuu?ma=${res.code}`,
              account_id: null,
            },
          ]);
        },
      );

      // GeoReport v2 names XML as its default format; this server answers JSON only.
      for (const path of ['/v2/services.xml', '/v2/services/:service_code.xml', '/v2/requests.xml', '/v2/requests/:id.xml']) {
        const xml = async (_req: FastifyRequest, reply: FastifyReply) =>
          open311Error(reply, 400, 'Máy chủ này chỉ trả JSON: hãy dùng đuôi .json thay cho .xml.');
        scope.get(path, xml);
        if (path === '/v2/requests.xml') scope.post(path, { config: { csrf: false } }, xml);
      }
    },
    { prefix: '/open311' },
  );
}

/** The Idempotency-Key header, checked: printable ASCII, 1-200 characters. */
export function idempotencyKey(req: FastifyRequest): string | undefined {
  const v = req.headers['idempotency-key'];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(v)) {
    throw new AppError('validation_failed', 'Idempotency-Key phải gồm 1-200 ký tự in được (ASCII).');
  }
  return v;
}
