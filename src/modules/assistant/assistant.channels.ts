import crypto from 'node:crypto';

/**
 * Chat channels other than the web: Zalo Official Account (webhook + OA message API) and a generic signed
 * webhook for other apps (iHanoi...). Pure helpers; the routes use them.
 */

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** A Zalo OA webhook event (the fields we use). */
export interface ZaloEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  message?: { text?: string; msg_id?: string };
}

/**
 * Zalo signs each event: header `X-ZEvent-Signature: mac=<hex>` where
 * mac = sha256(appId + raw body + timestamp (from the body) + OA secret key).
 *
 * @example
 * verifyZaloSignature(raw, req.headers['x-zevent-signature'], appId, oaSecret);
 */
export function verifyZaloSignature(raw: string, header: unknown, appId: string, oaSecret: string): boolean {
  if (!appId || !oaSecret || typeof header !== 'string') return false;
  let timestamp: unknown;
  try {
    timestamp = (JSON.parse(raw) as ZaloEvent).timestamp;
  } catch {
    return false;
  }
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') return false;
  const mac = crypto.createHash('sha256').update(`${appId}${raw}${timestamp}${oaSecret}`).digest('hex');
  return safeEqual(header.trim().replace(/^mac=/i, '').toLowerCase(), mac);
}

export interface ZaloSettings {
  apiBase: string;
  accessToken: string;
}

/**
 * Send a text message to a follower through the OA "consultation" message API (v3):
 * POST {apiBase}/v3.0/oa/message/cs, header `access_token`, body { recipient: { user_id }, message: { text } };
 * the answer is { error: 0, message: "Success", data: { message_id } } or { error: <code>, message }.
 */
export async function sendZaloText(settings: ZaloSettings, userId: string, text: string, timeoutMs = 8000) {
  const res = await fetch(`${settings.apiBase}/v3.0/oa/message/cs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', access_token: settings.accessToken },
    body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: number; message?: string; data?: { message_id?: string } };
  if (!res.ok || body.error !== 0) {
    throw new Error(`Zalo OA message API: HTTP ${res.status}, error ${String(body.error)} ${body.message ?? ''}`.trim());
  }
  return body.data?.message_id ?? null;
}

/** Header names of the generic webhook. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-dvc-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-dvc-timestamp';
/** Requests older (or newer) than this are refused, so a captured request cannot be replayed later. */
export const WEBHOOK_MAX_SKEW_S = 300;

/** `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + raw body). */
export function webhookSignature(secret: string, timestamp: string, raw: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
}

/**
 * Check a generic webhook request: a fresh Unix timestamp (seconds) and the HMAC of timestamp + body.
 *
 * @example
 * verifyWebhook(secret, req.headers['x-dvc-timestamp'], req.headers['x-dvc-signature'], raw);
 */
export function verifyWebhook(secret: string, timestamp: unknown, signature: unknown, raw: string, now = Date.now()): boolean {
  if (!secret || typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{9,11}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > WEBHOOK_MAX_SKEW_S) return false;
  return safeEqual(signature.trim().toLowerCase(), webhookSignature(secret, timestamp, raw));
}

/** A stable, non-reversible key for a channel's user id (so a chat continues without storing the id). */
export function externalKey(channel: string, userId: string): string {
  return crypto.createHash('sha256').update(`${channel}:${userId}`).digest('hex');
}
