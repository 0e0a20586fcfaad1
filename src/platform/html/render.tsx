import crypto from 'node:crypto';
import zlib from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import type { JSX } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { assetUrl } from './assets.js';
import { PageCtx, type PageContext, type Prefs } from './context.js';

export const PREFS_COOKIE = 'hien-thi';

export function readPrefs(req: FastifyRequest): Prefs {
  const v = req.cookies?.[PREFS_COOKIE] ?? '';
  return { largeText: v.includes('lt'), contrast: v.includes('hc') };
}

export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  let token: string | undefined;
  return {
    path: req.url.split('?')[0] ?? '/',
    prefs: readPrefs(req),
    user: req.user ?? null,
    csrf: () => (token ??= reply.generateCsrf({ userInfo: req.csrfUserInfo() })),
    asset: assetUrl,
  };
}

/** Render a page to HTML with its request context. */
export function renderPage(ctx: PageContext, page: JSX.Element): string {
  return `<!doctype html>${renderToString(<PageCtx.Provider value={ctx}>{page}</PageCtx.Provider>)}`;
}

/**
 * Send a server-rendered page.
 *
 * @example
 * return sendPage(req, reply, <GuidePage guide={g} />);
 */
export function sendPage(req: FastifyRequest, reply: FastifyReply, page: JSX.Element, status = 200): FastifyReply {
  const html = renderPage(pageContext(req, reply), page);
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

const CSRF_SLOT = '\u0000csrf\u0000';

/** Encodings a cached page is kept in, best first (browsers send "gzip, deflate, br"). */
const ENCODINGS: Array<'br' | 'gzip'> = ['br', 'gzip'];

interface CachedPage {
  /** UTF-8 bytes split where the CSRF token goes (one part when the page has no POST form). */
  parts: Buffer[];
  /** Compressed once, for pages without a token: every visitor gets the same bytes. */
  br?: Buffer;
  gzip?: Buffer;
  /** Weak validator of those bytes (the same for every encoding): a browser that has them gets a 304. */
  etag?: string;
}

/**
 * A cache of rendered public pages, kept until clear() (call it when the content changes). A page that holds no
 * token is kept as bytes, plain and compressed, and sent as they are; a page with a POST form is kept with a
 * placeholder where each request swaps in its own CSRF token.
 */
export class PageCache {
  // Kept as UTF-8 bytes: encoding 13 KB of Vietnamese text on every request costs more than copying bytes.
  private pages = new Map<string, CachedPage>();
  constructor(private readonly max = 500) {}

  clear(): void {
    this.pages.clear();
  }

  send(req: FastifyRequest, reply: FastifyReply, key: string, page: () => JSX.Element, status = 200): FastifyReply {
    const ctx = pageContext(req, reply);
    const fullKey = `${key}|${ctx.prefs.largeText ? 'lt' : ''}${ctx.prefs.contrast ? 'hc' : ''}`;
    let cached = this.pages.get(fullKey);
    if (!cached) {
      const parts = renderPage({ ...ctx, csrf: () => CSRF_SLOT }, page())
        .split(CSRF_SLOT)
        .map((p) => Buffer.from(p));
      cached = { parts };
      if (parts.length === 1) {
        cached.br = zlib.brotliCompressSync(parts[0]!, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: parts[0]!.length },
        });
        cached.gzip = zlib.gzipSync(parts[0]!, { level: 9 });
        cached.etag = `W/"${crypto.createHash('sha256').update(parts[0]!).digest('base64url').slice(0, 22)}"`;
      }
      if (this.pages.size >= this.max) this.pages.clear();
      this.pages.set(fullKey, cached);
    }
    reply.code(status).type('text/html; charset=utf-8');
    const { parts } = cached;
    if (parts.length > 1) {
      const token = Buffer.from(ctx.csrf());
      return reply.send(Buffer.concat(parts.flatMap((p, i) => (i ? [token, p] : [p]))));
    }
    reply.header('vary', 'accept-encoding');
    if (status === 200 && cached.etag) {
      // Always revalidate (content changes when editors publish), but an unchanged page costs a phone no download.
      reply.header('etag', cached.etag).header('cache-control', 'no-cache');
      if (fresh(req.headers, { etag: cached.etag })) return reply.code(304).send();
    }
    const accepted = req.headers['accept-encoding'];
    const encoding = accepted ? negotiate(accepted, ENCODINGS) : null;
    if (encoding) return reply.header('content-encoding', encoding).send(cached[encoding]);
    return reply.send(parts[0]);
  }
}

/** POST/Redirect/GET: a 303 so the browser follows with a GET. */
export function redirect(reply: FastifyReply, to: string): FastifyReply {
  return reply.redirect(to, 303);
}

/** A same-site path to go back to, or the fallback. Never an absolute URL (no open redirect). */
export function safeBack(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}
