// E-mail to citizens through a durable outbox: rows are written in the same transaction as the change, and
// sent after the commit (and again on a timer), with retries. A crash never loses a message nor sends one
// for a change that did not commit.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import type { DbOrTrx } from '../../platform/db/index.js';
import { viDate } from '../../platform/html/index.js';
import type { AppDeps } from '../../platform/module.js';
import * as repo from './feedback.repository.js';

export type MailSpec =
  | { feedbackId: number; to: string; kind: 'received'; code: string; deadlineOn: string; link: string }
  | { feedbackId: number; to: string; kind: 'answered'; code: string; answer: string; link: string }
  | { feedbackId: number; to: string; kind: 'needs_info'; code: string; note: string; link: string };

export const MAX_ATTEMPTS = 8;
const BATCH = 20;
const TICK_MS = 30_000;

function compose(m: MailSpec): { subject: string; body: string } {
  const sign = '\n\n--\nHướng dẫn Dịch vụ công trực tuyến Hà Nội. Thư này được gửi tự động, vui lòng không trả lời thư.';
  switch (m.kind) {
    case 'received':
      return {
        subject: `Đã nhận phản ánh ${m.code}`,
        body:
          `Cơ quan nhà nước đã nhận phản ánh, kiến nghị của bạn.\n\nMã tra cứu: ${m.code}\n` +
          `Hạn trả lời: ${viDate(m.deadlineOn)} (tính theo ngày làm việc)\n\n` +
          `Xem tình trạng và câu trả lời tại:\n${m.link}${sign}`,
      };
    case 'needs_info':
      return {
        subject: `Phản ánh ${m.code}: cần bạn bổ sung thông tin`,
        body:
          `Để trả lời phản ánh ${m.code}, cán bộ cần bạn bổ sung:\n\n${m.note}\n\n` +
          `Bạn gửi thông tin bổ sung tại:\n${m.link}${sign}`,
      };
    case 'answered':
      return {
        subject: `Phản ánh ${m.code} đã có trả lời`,
        body:
          `Phản ánh ${m.code} của bạn đã có trả lời:\n\n${m.answer}\n\n` +
          `Bạn có hài lòng với câu trả lời không? Hãy cho chúng tôi biết tại:\n${m.link}${sign}`,
      };
  }
}

/** Queue an e-mail in the caller's transaction; false (nothing queued) when SMTP is not configured. */
export async function enqueueMail(trx: DbOrTrx, config: Config, m: MailSpec): Promise<boolean> {
  if (!config.smtp.url) return false;
  const { subject, body } = compose(m);
  const at = new Date().toISOString();
  await repo.insertOutbox(trx, {
    feedback_id: m.feedbackId,
    kind: m.kind,
    to_address: m.to,
    subject,
    body,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    last_error: null,
    created_at: at,
    sent_at: null,
  });
  return true;
}

interface OutboxState {
  transport: Transporter | null;
  timer: NodeJS.Timeout | null;
  running: Promise<OutboxResult> | null;
  again: boolean;
}

export interface OutboxResult {
  sent: number;
  retry: number;
  failed: number;
}

const states = new WeakMap<AppDeps, OutboxState>();

function state(deps: AppDeps): OutboxState {
  let s = states.get(deps);
  if (!s) {
    s = { transport: null, timer: null, running: null, again: false };
    states.set(deps, s);
  }
  return s;
}

function transportOf(deps: AppDeps, s: OutboxState): Transporter {
  s.transport ??= nodemailer.createTransport({
    url: deps.config.smtp.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return s.transport;
}

/** Wait before the next attempt: 1 min, 2, 4... capped at 6 hours. */
export function backoffMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 3600_000);
}

/**
 * Send the messages that are due. Safe to run from several places at once: each row is claimed first.
 *
 * @example
 * await processOutbox(app.deps);
 */
export async function processOutbox(deps: AppDeps, now = new Date()): Promise<OutboxResult> {
  const result: OutboxResult = { sent: 0, retry: 0, failed: 0 };
  if (!deps.config.smtp.url) return result;
  const s = state(deps);
  const rows = await repo.dueOutbox(deps.db, now.toISOString(), BATCH);
  for (const row of rows) {
    const attempt = row.attempts + 1;
    const next = new Date(now.getTime() + backoffMs(attempt)).toISOString();
    if (!(await repo.claimOutbox(deps.db, row, next))) continue;
    try {
      await transportOf(deps, s).sendMail({
        from: deps.config.smtp.from,
        to: row.to_address,
        subject: row.subject,
        text: row.body,
      });
      await repo.finishOutbox(deps.db, row.id, { status: 'sent', sent_at: new Date().toISOString(), last_error: null });
      result.sent += 1;
    } catch (e) {
      // The error text may quote the address: keep only its code and the SMTP reply code.
      const err = e as { code?: string; responseCode?: number };
      const reason = [err.code, err.responseCode].filter(Boolean).join(' ') || 'send failed';
      const failed = attempt >= MAX_ATTEMPTS;
      await repo.finishOutbox(deps.db, row.id, { status: failed ? 'failed' : 'pending', last_error: reason.slice(0, 200) });
      if (failed) result.failed += 1;
      else result.retry += 1;
    }
  }
  return result;
}

/** Run the outbox soon, after the current commit; coalesces calls. */
export function kickOutbox(deps: AppDeps): void {
  if (!deps.config.smtp.url) return;
  const s = state(deps);
  if (s.running) {
    s.again = true;
    return;
  }
  const run = async (): Promise<OutboxResult> => {
    try {
      return await processOutbox(deps);
    } catch {
      return { sent: 0, retry: 0, failed: 0 };
    } finally {
      s.running = null;
      if (s.again) {
        s.again = false;
        kickOutbox(deps);
      }
    }
  };
  s.running = new Promise((resolve) => setImmediate(() => void run().then(resolve)));
}

/** Wait for the send in progress, if any (tests, shutdown). */
export async function outboxIdle(deps: AppDeps): Promise<void> {
  const s = state(deps);
  while (s.running) await s.running;
}

export function startOutbox(deps: AppDeps): void {
  if (!deps.config.smtp.url) return;
  const s = state(deps);
  if (s.timer) return;
  s.timer = setInterval(() => kickOutbox(deps), TICK_MS);
  s.timer.unref();
  kickOutbox(deps);
}

export async function stopOutbox(deps: AppDeps): Promise<void> {
  const s = state(deps);
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  s.again = false;
  await outboxIdle(deps);
  s.transport?.close();
  s.transport = null;
}
