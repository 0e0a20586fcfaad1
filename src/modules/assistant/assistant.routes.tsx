import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import { currentUser, requireRole } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors.js';
import { redirect, sendPage, type FormErrors } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import { STARTER_DICTIONARY } from '../../platform/text/index.js';
import { guidesService } from '../guides/index.js';
import { toPlainText, type Reply } from './assistant.answer.js';
import {
  externalKey,
  sendZaloText,
  verifyWebhook,
  verifyZaloSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type ZaloEvent,
} from './assistant.channels.js';
import { assistantService, CHANNEL, MAX_QUESTION } from './assistant.service.js';
import { ConversationPage, ConversationsPage, FiguresPage, PhrasesPage, QueuePage, TermsPage } from './views/admin-pages.js';
import { AssistantPage, type Exchange } from './views/public-page.js';

const ErrorShape = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

const AskBody = Type.Object({
  question: Type.String({ minLength: 1, maxLength: MAX_QUESTION, description: 'Câu hỏi, có dấu hoặc không dấu' }),
  conversationId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Mã cuộc trò chuyện trả về ở câu trước (để hỏi tiếp)' }),
  ),
  channel: Type.Optional(Type.String({ pattern: CHANNEL.source, description: 'Kênh gửi, ví dụ web, widget' })),
});

const SourceSchema = Type.Object({ topic: Type.String(), title: Type.String(), url: Type.String() });

const AskReply = Type.Object({
  answer: Type.String(),
  topic: Type.Union([Type.String(), Type.Null()], { description: 'Mã chủ đề (topics.json) hoặc null nếu ngoài phạm vi' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  steps: Type.Array(Type.String()),
  sources: Type.Array(SourceSchema),
  suggestions: Type.Array(Type.String()),
  conversationId: Type.String(),
});

const WebhookBody = Type.Object({
  question: Type.String({ minLength: 1, maxLength: MAX_QUESTION }),
  conversationId: Type.Optional(Type.String({ maxLength: 64 })),
  userRef: Type.Optional(
    Type.String({ minLength: 1, maxLength: 128, description: 'Mã người dùng trong ứng dụng gọi (chỉ lưu bản băm)' }),
  ),
  channel: Type.Optional(Type.String({ pattern: CHANNEL.source, description: 'Tên ứng dụng, ví dụ ihanoi' })),
});

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Csrf = { _csrf: Type.Optional(Type.String()) };
const EDITORS = ['admin', 'editor'] as const;

/** Keeps the raw body (needed to check a signature) while the usual JSON parser still runs. */
const keepRawBody: preParsingAsyncHookHandler = async (req, _reply, payload) => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new AppError('payload_too_large', 'Dữ liệu gửi lên quá lớn.');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  (req as FastifyRequest & { rawBody?: string }).rawBody = raw.toString('utf8');
  const stream = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
  stream.receivedEncodedLength = raw.length;
  return stream;
};

const rawBodyOf = (req: FastifyRequest) => (req as FastifyRequest & { rawBody?: string }).rawBody ?? '';

/** CORS for the public ask endpoint: the widget runs on other agencies' sites (no cookies are used). */
function allowAnyOrigin(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type');
  reply.header('access-control-max-age', '86400');
}

export async function assistantRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const service = assistantService(deps);
  service.setLogger(app.log);
  const guides = guidesService(deps);
  const submitLimit = { max: deps.config.rateLimit.submitPerMinute, timeWindow: 60_000 };
  const topicTitle = (id: string) => guides.get(id)?.content.title ?? guides.topicList().find((t) => t.id === id)?.title ?? id;

  // ---- JSON API (any origin) ---------------------------------------------------------------------

  app.options('/api/v1/assistant/ask', async (_req, reply) => {
    allowAnyOrigin(reply);
    return reply.code(204).send();
  });

  app.post(
    '/api/v1/assistant/ask',
    {
      config: { rateLimit: submitLimit },
      onSend: async (_req, reply, payload) => {
        allowAnyOrigin(reply);
        return payload;
      },
      schema: {
        tags: ['assistant'],
        summary: 'Hỏi trợ lý: trả lời theo hướng dẫn, hỏi lại khi chưa rõ, từ chối lịch sự khi ngoài phạm vi',
        description:
          'Gọi được từ mọi trang web (CORS). Gửi lại conversationId để hỏi tiếp ("thế lệ phí bao nhiêu?"). Số điện thoại, email, số giấy tờ bị xóa khỏi câu hỏi trước khi lưu.',
        body: AskBody,
        response: { 200: AskReply, 400: ErrorShape, 429: ErrorShape },
      },
    },
    async (req) => {
      const body = req.body as { question: string; conversationId?: string; channel?: string };
      return service.ask({ question: body.question, conversationId: body.conversationId, channel: body.channel ?? 'web' });
    },
  );

  // ---- Zalo Official Account webhook ------------------------------------------------------------

  const seenZaloMessages = new Set<string>();
  const sends = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...sends]);
  });

  app.post(
    '/api/v1/assistant/zalo',
    {
      // Signed by the sender (checked first, cheaply); Zalo's few servers would hit a per-IP limit.
      config: { csrf: false, rateLimit: false },
      preParsing: keepRawBody,
      schema: {
        tags: ['assistant'],
        summary: 'Webhook Zalo OA: nhận tin nhắn của người quan tâm, trả lời qua API gửi tin nhắn tư vấn',
        description:
          'Xác thực header X-ZEvent-Signature: mac=sha256(appId + body + timestamp + OA secret key). Chỉ xử lý sự kiện user_send_text; các sự kiện khác được nhận và bỏ qua.',
        response: { 200: Type.Object({ ok: Type.Boolean() }), 403: ErrorShape, 404: ErrorShape },
      },
    },
    async (req) => {
      const { zalo } = deps.config;
      if (!zalo.appId || !zalo.oaSecret) throw new AppError('not_found', 'Kênh Zalo chưa được cấu hình.');
      if (!verifyZaloSignature(rawBodyOf(req), req.headers['x-zevent-signature'], zalo.appId, zalo.oaSecret)) {
        throw new AppError('forbidden', 'Chữ ký sự kiện không hợp lệ.');
      }
      const event = (req.body ?? {}) as ZaloEvent;
      const userId = event.sender?.id;
      const text = event.message?.text?.trim();
      const msgId = event.message?.msg_id;
      if (event.event_name !== 'user_send_text' || !userId || !text) return { ok: true };
      if (msgId) {
        if (seenZaloMessages.has(msgId)) return { ok: true };
        seenZaloMessages.add(msgId);
        if (seenZaloMessages.size > 5000) seenZaloMessages.delete(seenZaloMessages.values().next().value!);
      }
      const answer = await service.ask({ question: text, channel: 'zalo', externalKey: externalKey('zalo', userId) });
      // Reply through the OA message API after acknowledging the event (Zalo expects a quick 200).
      const send = sendZaloText(zalo, userId, toPlainText(answer, deps.config.publicUrl))
        .then(() => undefined)
        .catch((err: unknown) => req.log.error({ err }, 'assistant: Zalo reply failed'))
        .finally(() => sends.delete(send));
      sends.add(send);
      return { ok: true };
    },
  );

  // ---- Generic webhook (iHanoi and other apps) --------------------------------------------------

  app.post(
    '/api/v1/assistant/webhook',
    {
      // Signed by the sender (checked first, cheaply); Zalo's few servers would hit a per-IP limit.
      config: { csrf: false, rateLimit: false },
      preParsing: keepRawBody,
      preValidation: async (req) => {
        const secret = deps.config.assistantWebhookSecret;
        if (!secret) throw new AppError('not_found', 'Webhook của trợ lý chưa được bật.');
        const ok = verifyWebhook(
          secret,
          req.headers[WEBHOOK_TIMESTAMP_HEADER],
          req.headers[WEBHOOK_SIGNATURE_HEADER],
          rawBodyOf(req),
        );
        if (!ok) throw new AppError('unauthenticated', 'Chữ ký hoặc thời điểm gửi không hợp lệ.');
      },
      schema: {
        tags: ['assistant'],
        summary: 'Webhook cho ứng dụng khác (iHanoi...): hỏi trợ lý bằng yêu cầu có chữ ký HMAC-SHA256',
        description: [
          'Header X-DVC-Timestamp: thời điểm gửi (giây Unix, lệch tối đa 300 giây).',
          'Header X-DVC-Signature: "sha256=" + hex(HMAC-SHA256(khóa chung, timestamp + "." + nội dung gửi nguyên văn)).',
          'Khóa chung đặt bằng biến môi trường ASSISTANT_WEBHOOK_SECRET. userRef (mã người dùng của ứng dụng) giúp nối các câu hỏi của cùng một người; chỉ bản băm được lưu.',
          'Trả lời giống /api/v1/assistant/ask, thêm "text": câu trả lời dạng văn bản thuần để gửi vào khung chat.',
        ].join(' '),
        body: WebhookBody,
        response: {
          200: Type.Object({ ...AskReply.properties, text: Type.String() }),
          400: ErrorShape,
          401: ErrorShape,
          404: ErrorShape,
        },
      },
    },
    async (req) => {
      const body = req.body as { question: string; conversationId?: string; userRef?: string; channel?: string };
      const channel = body.channel ?? 'webhook';
      const r = await service.ask({
        question: body.question,
        conversationId: body.conversationId,
        channel,
        externalKey: body.userRef ? externalKey(channel, body.userRef) : null,
      });
      return { ...r, text: toPlainText(r, deps.config.publicUrl) };
    },
  );

  // ---- Full page (works without JavaScript) -------------------------------------------------------

  const exchangesOf = async (conversationId: string | null): Promise<Exchange[]> => {
    if (!conversationId) return [];
    try {
      const { messages } = await service.conversationLog(conversationId);
      return messages.slice(-20).map((m) => ({ question: m.question, reply: JSON.parse(m.reply) as Reply, topic: m.topic }));
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return [];
      throw e;
    }
  };

  app.get('/tro-ly', async (req, reply) => {
    const q = (req.query as { 'hoi-thoai'?: unknown })['hoi-thoai'];
    const id = typeof q === 'string' && q.length <= 64 ? q : null;
    const exchanges = await exchangesOf(id);
    return sendPage(req, reply, <AssistantPage conversationId={exchanges.length ? id : null} exchanges={exchanges} />);
  });

  app.post(
    '/tro-ly',
    {
      config: { rateLimit: submitLimit },
      schema: {
        body: Type.Object({
          ...Csrf,
          question: Type.Optional(Type.String({ maxLength: 2000 })),
          suggestion: Type.Optional(Type.String({ maxLength: 300 })),
          conversationId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
      },
    },
    async (req, reply) => {
      const body = req.body as { question?: string; suggestion?: string; conversationId?: string };
      const question = (body.suggestion ?? body.question ?? '').trim();
      const errors: FormErrors = [];
      if (!question) errors.push({ field: 'question', message: 'Hãy nhập câu hỏi của bạn.' });
      else if (question.length > MAX_QUESTION) {
        errors.push({ field: 'question', message: `Câu hỏi dài tối đa ${MAX_QUESTION} ký tự. Hãy hỏi ngắn gọn hơn.` });
      }
      if (errors.length) {
        const exchanges = await exchangesOf(body.conversationId ?? null);
        return sendPage(
          req,
          reply,
          <AssistantPage
            conversationId={exchanges.length ? (body.conversationId ?? null) : null}
            exchanges={exchanges}
            question={question}
            errors={errors}
          />,
          400,
        );
      }
      const r = await service.ask({ question, conversationId: body.conversationId, channel: 'tro-ly' });
      const n = Math.min(r.turn, 20);
      return redirect(reply, `/tro-ly?hoi-thoai=${r.conversationId}#tra-loi-${n}`);
    },
  );

  // ---- Back office -----------------------------------------------------------------------------------

  app.get('/quan-tri/tro-ly', { preHandler: requireRole('admin', 'editor', 'viewer') }, async (req, reply) => {
    const user = currentUser(req);
    const { from, byDay, topics } = await service.figures(30);
    const queueOpen = EDITORS.includes(user.role as 'admin') ? (await service.queue()).total : null;
    return sendPage(
      req,
      reply,
      <FiguresPage
        from={from}
        byDay={byDay}
        topics={topics.map((t) => ({ ...t, title: topicTitle(t.topic) }))}
        queueOpen={queueOpen}
      />,
    );
  });

  app.get('/quan-tri/tro-ly/hoi-thoai', { preHandler: requireRole(...EDITORS) }, async (req, reply) => {
    const raw = Number((req.query as { trang?: string }).trang ?? 1);
    const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
    const data = await service.conversationsPage(page);
    return sendPage(req, reply, <ConversationsPage {...data} page={page} topicTitle={topicTitle} />);
  });

  app.get(
    '/quan-tri/tro-ly/hoi-thoai/:id',
    { preHandler: requireRole(...EDITORS), schema: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (req, reply) => {
      const { conv, messages } = await service.conversationLog((req.params as { id: string }).id);
      return sendPage(req, reply, <ConversationPage conv={conv} messages={messages} topicTitle={topicTitle} />);
    },
  );

  const topicOptions = () => guides.topicList().map((t) => ({ value: t.id, label: topicTitle(t.id) }));
  const flashOf = (req: FastifyRequest) => {
    const q = req.query as Record<string, string | undefined>;
    if (q['da-them']) return 'Đã thêm. Trợ lý dùng ngay cách hỏi này.';
    if (q['bo-qua']) return 'Đã bỏ qua câu hỏi.';
    if (q['da-xoa']) return 'Đã xóa.';
    return undefined;
  };

  app.get('/quan-tri/tro-ly/hang-cho', { preHandler: requireRole(...EDITORS) }, async (req, reply) => {
    const { rows, total } = await service.queue();
    return sendPage(req, reply, <QueuePage items={rows} total={total} topics={topicOptions()} flash={flashOf(req)} />);
  });

  app.post(
    '/quan-tri/tro-ly/hang-cho/:id/them',
    {
      preHandler: requireRole(...EDITORS),
      schema: {
        params: IdParams,
        body: Type.Object({
          ...Csrf,
          topicId: Type.String({ maxLength: 60 }),
          kind: Type.Optional(Type.String({ maxLength: 20 })),
          phrase: Type.String({ maxLength: 2000 }),
          answer: Type.Optional(Type.String({ maxLength: 5000 })),
        }),
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: number };
      const body = req.body as { topicId: string; kind?: string; phrase: string; answer?: string };
      const values = { topicId: body.topicId, kind: body.kind ?? '', phrase: body.phrase, answer: body.answer ?? '' };
      const errors = await service.addPhrase(currentUser(req), { messageId: id, ...values });
      if (errors.length) {
        const { rows, total } = await service.queue();
        return sendPage(
          req,
          reply,
          <QueuePage items={rows} total={total} topics={topicOptions()} failed={{ id, errors, values }} />,
          400,
        );
      }
      return redirect(reply, '/quan-tri/tro-ly/hang-cho?da-them=1');
    },
  );

  app.post(
    '/quan-tri/tro-ly/hang-cho/:id/bo-qua',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      await service.dismiss(currentUser(req), (req.params as { id: number }).id);
      return redirect(reply, '/quan-tri/tro-ly/hang-cho?bo-qua=1');
    },
  );

  app.get('/quan-tri/tro-ly/cum-tu', { preHandler: requireRole(...EDITORS) }, async (req, reply) => {
    return sendPage(req, reply, <PhrasesPage rows={await service.phrases()} topicTitle={topicTitle} flash={flashOf(req)} />);
  });

  app.post(
    '/quan-tri/tro-ly/cum-tu/:id/xoa',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      await service.removePhrase(currentUser(req), (req.params as { id: number }).id);
      return redirect(reply, '/quan-tri/tro-ly/cum-tu?da-xoa=1');
    },
  );

  app.get('/quan-tri/tu-dien', { preHandler: requireRole(...EDITORS) }, async (req, reply) => {
    return sendPage(req, reply, <TermsPage rows={await service.terms()} starter={STARTER_DICTIONARY} flash={flashOf(req)} />);
  });

  app.post(
    '/quan-tri/tu-dien',
    {
      preHandler: requireRole(...EDITORS),
      schema: {
        body: Type.Object({
          ...Csrf,
          term: Type.String({ maxLength: 500 }),
          expansion: Type.String({ maxLength: 2000 }),
          kind: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (req, reply) => {
      const body = req.body as { term: string; expansion: string; kind?: string };
      const values = { term: body.term, expansion: body.expansion, kind: body.kind ?? '' };
      const errors = await service.addTerm(currentUser(req), values);
      if (errors.length) {
        return sendPage(
          req,
          reply,
          <TermsPage rows={await service.terms()} starter={STARTER_DICTIONARY} errors={errors} values={values} />,
          400,
        );
      }
      return redirect(reply, '/quan-tri/tu-dien?da-them=1');
    },
  );

  app.post(
    '/quan-tri/tu-dien/:id/xoa',
    { preHandler: requireRole(...EDITORS), schema: { params: IdParams, body: Type.Object(Csrf) } },
    async (req, reply) => {
      await service.removeTerm(currentUser(req), (req.params as { id: number }).id);
      return redirect(reply, '/quan-tri/tu-dien?da-xoa=1');
    },
  );
}
