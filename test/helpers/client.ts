import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as cheerio from 'cheerio';
import { checkPage } from './page-checks.js';

export interface Page {
  status: number;
  html: string;
  $: cheerio.CheerioAPI;
  res: LightMyRequestResponse;
}

/**
 * One browser: keeps cookies, checks every HTML page it receives (one h1, title, unique ids, CSRF on forms),
 * and sends the CSRF token from the last page with each form post, as a browser would.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly app: FastifyInstance) {}

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('text/html')) {
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m) this.csrf = m[1]!;
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    const isHtml = String(res.headers['content-type'] ?? '').startsWith('text/html');
    const $ = isHtml ? checkPage(res.body, url) : cheerio.load('');
    return { status: res.statusCode, html: res.body, $, res };
  }

  /** Post a form (urlencoded), adding the current CSRF token unless one is given. */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    opts: { csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) params.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
    this.keep(res);
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) checkPage(res.body, `POST ${url}`);
    return res;
  }

  async json(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookieHeader(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    this.keep(res);
    return res;
  }
}
