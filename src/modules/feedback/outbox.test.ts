import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { buildTestApp } from '../../../test/helpers/build-app.js';
import { itemOf, submitApi } from '../../../test/feedback/helpers.js';
import { backoffMs, outboxIdle } from './feedback.outbox.js';
import { processOutbox } from './index.js';

interface Received {
  to: string[];
  raw: string;
  subject: string;
  text: string;
}

/** Decode the text part of a simple message (nodemailer picks quoted-printable or base64). */
function decode(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectRaw = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectRaw.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(unfolded)?.[1]?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { subject, text };
}

/** A local SMTP server; `reject` makes it refuse recipients (a temporary failure). */
async function smtp(t: TestContext) {
  const inbox: Received[] = [];
  const ctl = { reject: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (ctl.reject) return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...decode(raw) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { inbox, ctl, port: (server.server.address() as AddressInfo).port };
}

test('the citizen is told by e-mail when the item is received and answered, with the private link to rate', async (t) => {
  const mail = await smtp(t);
  const { app, client, signIn } = await buildTestApp(t, {
    SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    SMTP_FROM: 'DVC <no-reply@hanoi.test>',
  });
  const code = await submitApi(client(), {
    content: 'Tôi không nhận được kết quả đăng ký kết hôn qua bưu điện.',
    contact: { name: 'Lê Thị Cúc', email: 'cuc@example.com' },
    consent: true,
  });
  await outboxIdle(app.deps);
  assert.equal(mail.inbox.length, 1);
  assert.deepEqual(mail.inbox[0]!.to, ['cuc@example.com']);
  assert.equal(mail.inbox[0]!.subject, `Đã nhận phản ánh ${code}`);
  assert.match(mail.inbox[0]!.raw, /^From: DVC <no-reply@hanoi\.test>/m);

  const editor = await signIn('editor');
  await editor.get(`/quan-tri/phan-anh/${code}`);
  await editor.post(`/quan-tri/phan-anh/${code}/tra-loi`, { answer: 'Kết quả đã được bưu điện phát lại ngày hôm nay.' });
  await outboxIdle(app.deps);
  assert.equal(mail.inbox.length, 2);
  const answered = mail.inbox[1]!;
  assert.equal(answered.subject, `Phản ánh ${code} đã có trả lời`);
  assert.match(answered.text, /bưu điện phát lại/);
  const link = new RegExp(`https?://[^\\s]+(/gop-y/theo-doi/${code}\\?k=[\\w-]{24})`).exec(answered.text)?.[1];
  assert.ok(link, answered.text);

  // The link in the e-mail opens the private page where the citizen rates the answer.
  const citizen = client();
  const page = await citizen.get(link);
  assert.equal(page.status, 200);
  const k = String(page.$('form[action$="/danh-gia"] input[name="k"]').val());
  await citizen.post(`/gop-y/theo-doi/${code}/danh-gia`, { k, 'danh-gia': 'hai-long' });
  assert.equal((await itemOf(app, code)).rating, 'satisfied');

  const rows = await app.deps.db.selectFrom('feedback_outbox').selectAll().execute();
  assert.deepEqual(
    rows.map((r) => [r.kind, r.status, r.attempts]),
    [
      ['received', 'sent', 1],
      ['answered', 'sent', 1],
    ],
  );
});

test('a refused message stays in the outbox and is retried later, without the address in the error', async (t) => {
  const mail = await smtp(t);
  const { app, client } = await buildTestApp(t, { SMTP_URL: `smtp://127.0.0.1:${mail.port}` });
  mail.ctl.reject = true;
  await submitApi(client(), {
    content: 'Phản ánh để thử gửi lại thư khi máy chủ thư bận.',
    contact: { email: 'retry@example.com' },
    consent: true,
  });
  await outboxIdle(app.deps);
  let row = await app.deps.db.selectFrom('feedback_outbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1);
  assert.ok(row.last_error && !row.last_error.includes('retry@example.com'), row.last_error ?? '');
  assert.ok(Date.parse(row.next_attempt_at) > Date.now() + backoffMs(1) - 5_000, 'retry later, not at once');
  assert.deepEqual(await processOutbox(app.deps), { sent: 0, retry: 0, failed: 0 }, 'not due yet');

  mail.ctl.reject = false;
  const later = new Date(Date.now() + backoffMs(1) + 1_000);
  assert.deepEqual(await processOutbox(app.deps, later), { sent: 1, retry: 0, failed: 0 });
  row = await app.deps.db.selectFrom('feedback_outbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'sent');
  assert.equal(row.attempts, 2);
  assert.equal(mail.inbox.length, 1);
});

test('without SMTP configured nothing is queued', async (t) => {
  const { app, client } = await buildTestApp(t);
  await submitApi(client(), {
    content: 'Phản ánh có email khi chưa cấu hình SMTP.',
    contact: { email: 'x@example.com' },
    consent: true,
  });
  const rows = await app.deps.db.selectFrom('feedback_outbox').selectAll().execute();
  assert.equal(rows.length, 0);
});
