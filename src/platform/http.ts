import { isUtf8 } from 'node:buffer';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { h } from 'preact';
import type { Config } from '../config.js';
import { AppError, type ErrorCode } from './errors.js';
import { PUBLIC_DIR } from './html/assets.js';
import { ErrorPage } from './html/error-page.js';
import { sendPage } from './html/render.js';

// A NUL character is never meaningful in our text, and PostgreSQL refuses it in text columns.
const NUL_MESSAGE = 'Dữ liệu gửi lên có ký tự không hợp lệ.';

/**
 * Strict form-body parsing: malformed percent-encoding or invalid UTF-8 is a 400, never silently replaced.
 * Repeated keys become arrays (checkbox groups).
 */
export function parseFormBody(raw: Buffer): Record<string, string | string[]> {
  if (!isUtf8(raw)) throw new AppError('invalid_encoding', 'Dữ liệu gửi lên không đúng mã UTF-8.');
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  const text = raw.toString('utf8');
  if (!text) return out;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      throw new AppError('invalid_encoding', 'Dữ liệu gửi lên không đúng mã UTF-8.');
    }
    if (key.includes('\u0000') || value.includes('\u0000')) throw new AppError('bad_request', NUL_MESSAGE);
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function parseJsonBody(raw: Buffer): unknown {
  if (!isUtf8(raw)) throw new AppError('invalid_encoding', 'Dữ liệu gửi lên không đúng mã UTF-8.');
  const text = raw.toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text, (k, v: unknown) => {
      if (typeof v === 'string' && v.includes('\u0000')) throw new AppError('bad_request', NUL_MESSAGE);
      return k === '__proto__' ? undefined : v;
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad_request', 'Nội dung JSON không hợp lệ.');
  }
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  payload_too_large: 'Dữ liệu gửi lên quá lớn.',
  unsupported_media_type: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
  csrf_invalid: 'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang rồi gửi lại.',
  rate_limited: 'Bạn gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.',
  not_found: 'Không tìm thấy trang hoặc dữ liệu bạn cần.',
  internal: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút.',
  bad_request: 'Yêu cầu không hợp lệ.',
};

function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/open311/') || req.headers.accept === 'application/json';
}

/** One error shape: an HTML error page for people, `{ error: { code, message } }` for programs. */
export function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe.validation) {
    const first = fe.validation[0];
    const where = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
    const msg = `Dữ liệu không hợp lệ${where ? ` ở trường "${where}"` : ''}: ${first?.message ?? ''}`.trim();
    return new AppError('validation_failed', msg, { cause: err });
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped, MESSAGES[mapped] ?? err.message, { cause: err });
  if (fe.statusCode === 429) return new AppError('rate_limited', MESSAGES.rate_limited!, { cause: err });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode = fe.statusCode === 404 ? 'not_found' : fe.statusCode === 413 ? 'payload_too_large' : 'bad_request';
    return new AppError(code, MESSAGES[code] ?? 'Yêu cầu không hợp lệ.', { cause: err, status: fe.statusCode });
  }
  return new AppError('internal', MESSAGES.internal!, { cause: err });
}

export function sendError(req: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (isApi(req)) {
    return reply
      .code(error.status)
      .type('application/json; charset=utf-8')
      .send({ error: { code: error.code, message: error.message } });
  }
  return sendPage(req, reply, h(ErrorPage, { status: error.status, message: error.message }), error.status);
}

export interface HttpPlatformOptions {
  config: Config;
  cookieSecret: string;
}

/** Security headers, cookies, compression, body parsers, rate limits, static files, OpenAPI, errors. */
export async function registerHttpPlatform(app: FastifyInstance, { config, cookieSecret }: HttpPlatformOptions) {
  await app.register(fastifyCookie, { secret: cookieSecret });
  // Helmet's middleware is built once here and applied to each response (the Fastify wrapper rebuilds it on every
  // request). Our policy has no per-request parts: no nonces, scripts and styles come from /static only.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    // The widget script and its API are loaded by other agencies' sites.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: config.publicUrl.startsWith('https:'),
  });
  // One hook for what every response needs: refuse NUL in the URL, security headers, the request id.
  app.addHook('onRequest', (req, reply, done) => {
    if (req.url.includes('%00')) return done(new AppError('bad_request', NUL_MESSAGE));
    reply.header('x-request-id', req.id);
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_req, body, done) => {
      try {
        done(null, parseFormBody(body as Buffer));
      } catch (e) {
        done(e as Error, undefined);
      }
    },
  );
  app.addContentTypeParser('text/plain', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    if (!isUtf8(body as Buffer)) return done(new AppError('invalid_encoding', 'Dữ liệu gửi lên không đúng mã UTF-8.'), undefined);
    const text = (body as Buffer).toString('utf8');
    if (text.includes('\u0000')) return done(new AppError('bad_request', NUL_MESSAGE), undefined);
    done(null, text);
  });

  const allow = new Set(config.rateLimit.allowList);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimit.publicPerMinute,
    timeWindow: 60_000,
    allowList: (req) => allow.has(req.ip),
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError('rate_limited', MESSAGES.rate_limited!);
      (err as unknown as { statusCode: number }).statusCode = ctx.statusCode;
      return err;
    },
  });

  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    // Asset URLs carry a content hash (?v=...), so they can be cached for a year.
    maxAge: '365d',
    immutable: true,
    index: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'DVC Outreach API',
        description:
          'Hướng dẫn dịch vụ công trực tuyến Hà Nội: chủ đề, hướng dẫn, tìm kiếm và các kênh tích hợp. Lỗi luôn có dạng { "error": { "code", "message" } }.',
        version: '1',
      },
      servers: [{ url: config.publicUrl }],
    },
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appErr.code, status: appErr.status }, 'request rejected');
    return sendError(req, reply, appErr);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('not_found', MESSAGES.not_found!)));
}
