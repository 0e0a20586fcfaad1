import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { webhookSignature } from './assistant.channels.js';
import { assistantService } from './index.js';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A local HTTP server answering with `handle`; every request is recorded. */
async function stubServer(t: TestContext, handle: (r: Received, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r = { url: req.url ?? '', headers: req.headers, body: raw ? (JSON.parse(raw) as unknown) : null };
      received.push(r);
      handle(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function waitFor(check: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---- Zalo Official Account ---------------------------------------------------------------------------

const APP_ID = '2553928453557884079';
const OA_SECRET = 'oa-secret-key';
const TOKEN = 'oa-access-token';

function zaloEvent(sender: string, text: string, msgId: string, eventName = 'user_send_text') {
  const raw = JSON.stringify({
    app_id: APP_ID,
    user_id_by_app: '979122185046046317',
    event_name: eventName,
    timestamp: String(Date.now()),
    sender: { id: sender },
    recipient: { id: '3662729599332560487' },
    message: { text, msg_id: msgId },
  });
  const timestamp = (JSON.parse(raw) as { timestamp: string }).timestamp;
  const mac = crypto.createHash('sha256').update(`${APP_ID}${raw}${timestamp}${OA_SECRET}`).digest('hex');
  return { raw, signature: `mac=${mac}` };
}

test('Zalo OA: a signed user_send_text event is answered through the OA message API; a bad signature is refused', async (t) => {
  // Stub of https://openapi.zalo.me implementing the documented request and response of /v3.0/oa/message/cs.
  const zalo = await stubServer(t, (r, res) => {
    if (r.url !== '/v3.0/oa/message/cs') return json(res, 404, { error: 404, message: 'not found' });
    if (r.headers.access_token !== TOKEN) return json(res, 200, { error: -216, message: 'Access token is invalid' });
    const body = r.body as { recipient?: { user_id?: string }; message?: { text?: string } };
    if (!body.recipient?.user_id || !body.message?.text)
      return json(res, 200, { error: -201, message: 'Parameters are invalid' });
    if (body.message.text.length > 2000) return json(res, 200, { error: -201, message: 'text is too long' });
    json(res, 200, { error: 0, message: 'Success', data: { message_id: crypto.randomUUID(), user_id: body.recipient.user_id } });
  });
  const { app } = await buildTestApp(t, {
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET: OA_SECRET,
    ZALO_ACCESS_TOKEN: TOKEN,
    ZALO_API_BASE: zalo.url,
    PUBLIC_URL: 'https://dvc.example.vn',
  });
  const post = (e: { raw: string; signature: string }) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/assistant/zalo',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': e.signature },
      payload: e.raw,
    });
  const sender = '6142494823112233445';

  const first = await post(zaloEvent(sender, 'cap lai cccd bi mat', 'm1'));
  assert.equal(first.statusCode, 200);
  await waitFor(() => zalo.received.length === 1);
  const sent = zalo.received[0]!.body as { recipient: { user_id: string }; message: { text: string } };
  assert.equal(sent.recipient.user_id, sender);
  assert.match(sent.message.text, /Các bước:\n1\. /);
  assert.match(sent.message.text, /https:\/\/dvc\.example\.vn\/huong-dan\/can-cuoc/);

  // The same follower's follow-up is about the topic in play.
  await post(zaloEvent(sender, 'thế lệ phí bao nhiêu?', 'm2'));
  await waitFor(() => zalo.received.length === 2);
  assert.match((zalo.received[1]!.body as { message: { text: string } }).message.text, /Lệ phí: /);

  // Zalo retries an event: answered once.
  await post(zaloEvent(sender, 'thế lệ phí bao nhiêu?', 'm2'));
  // Other events are acknowledged and ignored.
  assert.equal((await post(zaloEvent(sender, '', 'm3', 'follow'))).statusCode, 200);
  // A forged event is refused and nothing is sent.
  const forged = zaloEvent(sender, 'cap lai cccd', 'm4');
  const bad = await post({ raw: forged.raw, signature: `mac=${'0'.repeat(64)}` });
  assert.equal(bad.statusCode, 403);
  const tampered = await post({ raw: forged.raw.replace('cap lai cccd', 'doi bang lai'), signature: forged.signature });
  assert.equal(tampered.statusCode, 403);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(zalo.received.length, 2);

  // The follower's Zalo id is never stored; one conversation per follower.
  await assistantService(app.deps).flush();
  const convs = await app.deps.db.selectFrom('assistant_conversations').selectAll().execute();
  assert.equal(convs.length, 1);
  assert.equal(convs[0]!.channel, 'zalo');
  assert.ok(convs[0]!.external_key && !convs[0]!.external_key.includes(sender));
  assert.equal(convs[0]!.last_topic, 'can-cuoc');
});

test('Zalo OA: without configuration the webhook is off', async (t) => {
  const { app } = await buildTestApp(t);
  const e = zaloEvent('1', 'khai sinh', 'x');
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/assistant/zalo',
    headers: { 'content-type': 'application/json', 'x-zevent-signature': e.signature },
    payload: e.raw,
  });
  assert.equal(res.statusCode, 404);
});

// ---- Generic webhook (iHanoi and other apps) ------------------------------------------------------------

test('generic webhook: an HMAC-signed request is answered; wrong signature, stale timestamp or no secret are refused', async (t) => {
  const secret = 'shared-secret-for-ihanoi';
  const { app } = await buildTestApp(t, { ASSISTANT_WEBHOOK_SECRET: secret });
  const send = (body: unknown, opts: { ts?: number; sig?: string } = {}) => {
    const raw = JSON.stringify(body);
    const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
    return app.inject({
      method: 'POST',
      url: '/api/v1/assistant/webhook',
      headers: {
        'content-type': 'application/json',
        'x-dvc-timestamp': ts,
        'x-dvc-signature': opts.sig ?? webhookSignature(secret, ts, raw),
      },
      payload: raw,
    });
  };
  const ok = await send({ question: 'đăng ký tạm trú online', userRef: 'ihanoi-user-42', channel: 'ihanoi' });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().topic, 'tam-tru');
  assert.match(ok.json().text, /Các bước:/);
  const next = await send({ question: 'mất bao lâu?', userRef: 'ihanoi-user-42', channel: 'ihanoi' });
  assert.equal(next.json().topic, 'tam-tru', 'the same app user continues the conversation');
  assert.equal(next.json().conversationId, ok.json().conversationId);

  assert.equal((await send({ question: 'khai sinh' }, { sig: 'sha256=deadbeef' })).statusCode, 401);
  assert.equal((await send({ question: 'khai sinh' }, { ts: Math.floor(Date.now() / 1000) - 3600 })).statusCode, 401);
  const unsigned = await app.inject({
    method: 'POST',
    url: '/api/v1/assistant/webhook',
    headers: { 'content-type': 'application/json' },
    payload: '{"question":"khai sinh"}',
  });
  assert.equal(unsigned.statusCode, 401);

  const { app: off } = await buildTestApp(t);
  const res = await off.inject({
    method: 'POST',
    url: '/api/v1/assistant/webhook',
    headers: { 'content-type': 'application/json' },
    payload: '{"question":"x"}',
  });
  assert.equal(res.statusCode, 404);

  const docs = await app.inject({ url: '/api/docs/json' });
  const paths = (docs.json() as { paths: Record<string, unknown> }).paths;
  assert.ok(paths['/api/v1/assistant/webhook'] && paths['/api/v1/assistant/ask'], 'documented in OpenAPI');
});

// ---- Optional language model ---------------------------------------------------------------------------

test('optional language model: phrases from the guide text with a citation; falls back on timeout, error or invented numbers', async (t) => {
  let mode: 'ok' | 'invent' | 'slow' | 'error' = 'ok';
  const llm = await stubServer(t, (r, res) => {
    if (r.url !== '/v1/chat/completions') return json(res, 404, {});
    if (mode === 'error') return json(res, 500, { error: { message: 'model crashed' } });
    const content =
      mode === 'invent'
        ? 'Lệ phí là 99.000 đồng, làm trong 2 ngày.'
        : 'Bạn đăng ký trước trên VNeID, rồi đến Công an để chụp ảnh, lấy vân tay.';
    const reply = () =>
      json(res, 200, {
        id: 'x',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      });
    if (mode === 'slow') setTimeout(reply, 1500);
    else reply();
  });
  const { app, client } = await buildTestApp(t, {
    ASSISTANT_LLM_URL: `${llm.url}/v1`,
    ASSISTANT_LLM_MODEL: 'qwen2.5:7b',
    ASSISTANT_LLM_TIMEOUT_MS: '300',
  });
  const ask = async (question: string) => (await client().json('POST', '/api/v1/assistant/ask', { question })).json();

  const phrased = await ask('làm thẻ căn cước');
  assert.match(phrased.answer, /^Bạn đăng ký trước trên VNeID/);
  assert.match(phrased.answer, /Nguồn: hướng dẫn "Cấp, cấp đổi, cấp lại thẻ căn cước"/);
  assert.ok(phrased.steps.length >= 3, 'steps still come from the guide');
  const request = llm.received[0]!.body as { model: string; messages: Array<{ role: string; content: string }> };
  assert.equal(request.model, 'qwen2.5:7b');
  assert.match(request.messages[0]!.content, /Chỉ dùng thông tin/);
  assert.match(request.messages[1]!.content, /Cấp, cấp đổi, cấp lại thẻ căn cước/);

  mode = 'invent';
  const invented = await ask('làm căn cước mất bao nhiêu tiền');
  assert.ok(!invented.answer.includes('99.000'), 'a number not in the guide is never passed on');
  assert.match(invented.answer, /Lệ phí: /);

  mode = 'slow';
  const t0 = Date.now();
  const slow = await ask('đổi bằng lái xe online');
  assert.ok(Date.now() - t0 < 1200, 'answers within the timeout');
  assert.equal(slow.topic, 'doi-gplx');
  assert.ok(!slow.answer.startsWith('Bạn đăng ký trước'));

  mode = 'error';
  const failed = await ask('đăng ký khai sinh');
  assert.equal(failed.topic, 'khai-sinh');
  assert.match(failed.answer, /Xem hướng dẫn/);

  // Declined questions never reach the model.
  const calls = llm.received.length;
  await ask('giá vàng hôm nay');
  assert.equal(llm.received.length, calls);

  await assistantService(app.deps).flush();
  const flags = await app.deps.db.selectFrom('assistant_messages').select(['llm']).orderBy('id').execute();
  assert.deepEqual(
    flags.map((f) => f.llm),
    [1, 0, 0, 0, 0],
  );
});
