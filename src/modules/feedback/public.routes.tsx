// Citizen-facing: the /gop-y form, lookup by code, the private follow-up link, and the JSON API.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { redirect, sendPage, type FormErrors } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import * as repo from './feedback.repository.js';
import { feedbackService, requestHash, type FeedbackInput } from './feedback.service.js';
import { idempotencyKey } from './open311.routes.js';
import {
  FeedbackFormPage,
  FollowPage,
  LookupPage,
  ThanksPage,
  type FeedbackFormValues,
  type FormOptions,
} from './views/public.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const SUBMISSION_ID = /^[0-9a-f-]{36}$/;

const FeedbackBody = Type.Object(
  {
    content: Type.String({ maxLength: 4000, description: 'Nội dung phản ánh (10-4000 ký tự)' }),
    topic: Type.Optional(Type.String({ maxLength: 60, description: 'Mã chủ đề (GET /api/v1/topics)' })),
    category: Type.Optional(Type.String({ maxLength: 60, description: 'Mã nhóm (GET /api/v1/feedback/categories)' })),
    commune: Type.Optional(Type.String({ maxLength: 20, description: 'Mã xã, phường (GET /api/v1/units?type=commune)' })),
    contact: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 100 })),
          phone: Type.Optional(Type.String({ maxLength: 30 })),
          email: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    consent: Type.Optional(Type.Boolean({ description: 'Bắt buộc true khi có contact' })),
  },
  { additionalProperties: false },
);

/** JSON types checked before the validator coerces them (coerceTypes would turn 12345 into "12345"). */
function strictTypes(body: unknown): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('validation_failed', 'Nội dung gửi lên phải là một đối tượng JSON.');
  }
  const b = body as Record<string, unknown>;
  const expect = (v: unknown, type: 'string' | 'boolean' | 'object', path: string) => {
    if (v === undefined) return;
    const ok = type === 'object' ? Boolean(v) && typeof v === 'object' && !Array.isArray(v) : typeof v === type;
    if (!ok) throw new AppError('validation_failed', `Trường "${path}" phải có kiểu ${type}.`);
  };
  expect(b.content, 'string', 'content');
  if (b.content === undefined) throw new AppError('validation_failed', 'Thiếu trường "content".');
  for (const k of ['topic', 'category', 'commune'] as const) expect(b[k], 'string', k);
  expect(b.consent, 'boolean', 'consent');
  expect(b.contact, 'object', 'contact');
  const c = b.contact as Record<string, unknown> | undefined;
  if (c) for (const k of ['name', 'phone', 'email'] as const) expect(c[k], 'string', `contact.${k}`);
}

export async function publicRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const svc = feedbackService(deps);
  const { db } = deps;
  const submitLimit = { max: deps.config.rateLimit.submitPerMinute, timeWindow: 60_000 };

  const formOptions = async (): Promise<FormOptions> => {
    const ref = await svc.refData();
    return {
      categories: ref.categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name })),
      topics: svc.topics().map((t) => ({ value: t.id, label: t.title })),
      communes: ref.communes.map((c) => ({ value: c.code!, label: c.full_name })),
    };
  };

  const renderForm = async (req: FastifyRequest, reply: FastifyReply, v: FeedbackFormValues, errors?: FormErrors, status = 200) =>
    sendPage(req, reply, <FeedbackFormPage v={v} options={await formOptions()} errors={errors} />, status);

  // ---- The form -------------------------------------------------------------------------------

  app.get('/gop-y', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const topic = str(q['chu-de']);
    return renderForm(req, reply, {
      content: '',
      category: '',
      topic: svc.topics().some((t) => t.id === topic) ? topic : '',
      commune: '',
      name: '',
      phone: '',
      email: '',
      consent: false,
      submissionId: crypto.randomUUID(),
      from: str(q.tu) === 'tro-ly' ? 'tro-ly' : '',
    });
  });

  app.post('/gop-y', { config: { rateLimit: submitLimit } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const v: FeedbackFormValues = {
      content: str(b.content).slice(0, 5000),
      category: str(b.category),
      topic: str(b.topic),
      commune: str(b.commune),
      name: str(b.name).slice(0, 200),
      phone: str(b.phone).slice(0, 40),
      email: str(b.email).slice(0, 300),
      consent: str(b.consent) === '1',
      submissionId: SUBMISSION_ID.test(str(b['ma-gui'])) ? str(b['ma-gui']) : crypto.randomUUID(),
      from: str(b.tu) === 'tro-ly' ? 'tro-ly' : '',
    };
    // A person never sees the hidden field; a simple bot fills every field it finds.
    if (str(b.website)) {
      return renderForm(req, reply, v, [{ field: 'content', message: 'Không gửi được phản ánh. Vui lòng thử lại.' }], 400);
    }
    const input: FeedbackInput = {
      content: v.content,
      category: v.category,
      topic: v.topic,
      commune: v.commune,
      contact: { name: v.name, phone: v.phone, email: v.email },
      consent: v.consent,
    };
    const { errors } = await svc.check(input);
    if (errors.length) return renderForm(req, reply, v, errors, 400);
    const res = await svc.submit(input, v.from === 'tro-ly' ? 'chatbot' : 'web', {
      idempotency: { key: v.submissionId, route: 'POST /gop-y', requestHash: requestHash(input) },
    });
    return redirect(reply, `/gop-y/da-gui?ma=${res.code}&k=${res.token}`);
  });

  app.get('/gop-y/da-gui', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const item = await svc.itemForLink(q.ma, q.k);
    reply.header('cache-control', 'no-store');
    return sendPage(
      req,
      reply,
      <ThanksPage code={item.code} link={await svc.privateLink(item.code)} deadline={item.deadline_on} />,
    );
  });

  // ---- Lookup by code (anyone with the code) --------------------------------------------------

  app.get('/gop-y/tra-cuu', async (req, reply) => {
    const raw = str((req.query as Record<string, unknown>).ma).slice(0, 40);
    if (!raw.trim()) return sendPage(req, reply, <LookupPage code="" d={null} />);
    const d = await svc.publicView(raw);
    if (!d) {
      return sendPage(
        req,
        reply,
        <LookupPage code={raw} d={null} error="Không tìm thấy phản ánh có mã này. Hãy kiểm tra lại mã (dạng PA-2026-7K3Q9X)." />,
        404,
      );
    }
    return sendPage(req, reply, <LookupPage code={d.code} d={d} />);
  });

  // ---- Private follow-up link: full texts, rating, supplement ----------------------------------

  const renderFollow = async (
    req: FastifyRequest,
    reply: FastifyReply,
    item: repo.ItemRow,
    errors?: FormErrors,
    status = 200,
  ) => {
    const d = (await svc.publicView(item.code))!;
    const main = item.merged_into_id ? await repo.findById(db, item.merged_into_id) : undefined;
    const lastAsk =
      item.status === 'needs_info'
        ? (await repo.historyOf(db, item.id, true)).filter((h) => h.to_status === 'needs_info').pop()
        : undefined;
    reply.header('cache-control', 'no-store');
    return sendPage(
      req,
      reply,
      <FollowPage
        d={d}
        fullContent={item.content}
        fullAnswer={main ? d.answer : item.answer}
        token={await svc.tokenFor(item.code)}
        canRate={
          Boolean(item.answer) && !item.rating && !item.merged_into_id && (item.status === 'answered' || item.status === 'closed')
        }
        needsInfo={item.status === 'needs_info' ? (lastAsk?.note ?? '') : null}
        done={str((req.query as Record<string, unknown>).da)}
        errors={errors}
      />,
      status,
    );
  };

  const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });

  app.get('/gop-y/theo-doi/:code', { schema: { params: CodeParams } }, async (req, reply) => {
    const item = await svc.itemForLink((req.params as { code: string }).code, (req.query as Record<string, unknown>).k);
    return renderFollow(req, reply, item);
  });

  app.post(
    '/gop-y/theo-doi/:code/danh-gia',
    { config: { rateLimit: submitLimit }, schema: { params: CodeParams } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const code = (req.params as { code: string }).code;
      const item = await svc.itemForLink(code, b.k);
      const choice = str(b['danh-gia']);
      if (choice !== 'hai-long' && choice !== 'khong-hai-long') {
        return renderFollow(req, reply, item, [{ field: 'danh-gia', message: 'Hãy chọn Hài lòng hoặc Không hài lòng.' }], 400);
      }
      await svc.rate(code, b.k, choice === 'hai-long' ? 'satisfied' : 'unsatisfied', b['y-kien']);
      return redirect(reply, `/gop-y/theo-doi/${item.code}?k=${str(b.k)}&da=danh-gia`);
    },
  );

  app.post(
    '/gop-y/theo-doi/:code/bo-sung',
    { config: { rateLimit: submitLimit }, schema: { params: CodeParams } },
    async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const code = (req.params as { code: string }).code;
      const item = await svc.itemForLink(code, b.k);
      try {
        await svc.supplement(code, b.k, b['thong-tin']);
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation_failed') {
          return renderFollow(req, reply, item, [{ field: 'thong-tin', message: e.message }], 400);
        }
        throw e;
      }
      return redirect(reply, `/gop-y/theo-doi/${item.code}?k=${str(b.k)}&da=bo-sung`);
    },
  );

  // ---- JSON API -------------------------------------------------------------------------------

  app.get(
    '/api/v1/feedback/categories',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Các nhóm phản ánh và thời hạn trả lời (ngày làm việc)',
        response: {
          200: Type.Object({
            categories: Type.Array(
              Type.Object({ id: Type.String(), name: Type.String(), description: Type.String(), deadlineDays: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async () => ({
      categories: (await svc.refData()).categories
        .filter((c) => c.active)
        .map((c) => ({ id: c.id, name: c.name, description: c.description, deadlineDays: c.deadline_days })),
    }),
  );

  app.post(
    '/api/v1/feedback',
    {
      config: { rateLimit: submitLimit },
      preValidation: async (req) => strictTypes(req.body),
      schema: {
        tags: ['feedback'],
        summary: 'Gửi phản ánh, kiến nghị (trả 201 sau khi đã lưu; header Idempotency-Key giúp gửi lại an toàn)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: FeedbackBody,
        response: { 201: Type.Object({ code: Type.String() }), 400: ErrorShape, 409: ErrorShape, 413: ErrorShape },
      },
    },
    async (req, reply) => {
      const body = req.body as FeedbackInput;
      const key = idempotencyKey(req);
      const res = await svc.submit(body, 'api', {
        idempotency: key ? { key, route: 'POST /api/v1/feedback', requestHash: requestHash(body) } : undefined,
      });
      if (res.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({ code: res.code });
    },
  );

  const NullableString = Type.Union([Type.String(), Type.Null()]);

  app.get(
    '/api/v1/feedback/:code',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Tình trạng, quá trình xử lý và câu trả lời của một phản ánh (không bao giờ có thông tin liên hệ)',
        params: CodeParams,
        response: {
          200: Type.Object({
            code: Type.String(),
            status: Type.String(),
            statusLabel: Type.String(),
            category: NullableString,
            unit: Type.String(),
            receivedAt: Type.String(),
            deadline: Type.String(),
            overdue: Type.Boolean(),
            answer: NullableString,
            answeredAt: NullableString,
            mergedInto: NullableString,
            history: Type.Array(
              Type.Object({ at: Type.String(), status: NullableString, statusLabel: NullableString, note: NullableString }),
            ),
          }),
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const d = await svc.publicView((req.params as { code: string }).code);
      if (!d) throw new AppError('not_found', 'Không tìm thấy phản ánh có mã này.');
      return {
        code: d.code,
        status: d.status,
        statusLabel: d.statusLabel,
        category: d.category,
        unit: d.unit,
        receivedAt: d.receivedAt,
        deadline: d.deadline,
        overdue: d.overdue,
        answer: d.answer,
        answeredAt: d.answeredAt,
        mergedInto: d.mergedInto,
        history: d.history,
      };
    },
  );
}
