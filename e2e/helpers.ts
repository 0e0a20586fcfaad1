// Browser suite helpers: the real server in a child process, Debian's Chromium through playwright-core, axe.
//
// One server and one browser serve every test in the process: e2e/browser.test.ts imports all the *.e2e.ts files, so
// `npm run test:browser` starts them once instead of once per test. Tests stay independent: each one gets fresh browser
// contexts (own cookies, so own sessions), closed when it ends, and creates the data it checks under names no other
// test uses. A file also runs alone: `node --import tsx --test e2e/feedback.e2e.ts`.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../bench/lib.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-123' };

export interface E2E {
  url: string;
  browser: Browser;
  admin: { email: string; password: string };
  /**
   * A new browser context, closed when the test ends. javaScript: false blocks every script the site sends, so pages
   * run exactly as without JavaScript, while axe (injected by the test runner, not the page) can still inspect them.
   */
  context: (opts?: { javaScript?: boolean; width?: number }) => Promise<BrowserContext>;
  /**
   * The two ways people come: with JavaScript, then without. Each turn gets a new page in its own context, closed
   * when the next turn starts.
   *
   * @example
   * for await (const { page, label } of e2e.modes({ width: 360 })) await page.goto(`${e2e.url}/tro-ly`);
   */
  modes: (opts?: { width?: number }) => AsyncGenerator<{ javaScript: boolean; label: string; page: Page }>;
}

interface Shared {
  url: string;
  server: ChildProcess;
  dataDir: string;
  browser: Browser;
}

let shared: Promise<Shared> | undefined;

async function startShared(): Promise<Shared> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-e2e-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_ALLOWLIST: '127.0.0.1,::ffff:127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // If this process ends without running the after() hook (killed on a timeout), the server must not outlive it.
  process.once('exit', () => server.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 300 && !up && server.exitCode === null; i++) {
    try {
      up = (await fetch(`${url}/readyz`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.ok(up, `server started (exit code ${server.exitCode})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return { url, server, dataDir, browser };
}

// Root-level hook: runs once, after the last test of the process.
after(async () => {
  const s = await shared?.catch(() => undefined);
  if (!s) return;
  await s.browser.close();
  if (s.server.exitCode === null) {
    await new Promise<void>((resolve) => {
      s.server.once('exit', () => resolve());
      s.server.kill('SIGTERM');
    });
  }
  fs.rmSync(s.dataDir, { recursive: true, force: true });
});

/**
 * The server (fresh data dir, known admin) and the browser shared by the whole run, started by the first test that
 * asks. The contexts a test opens are closed after it.
 */
export async function startE2E(t: TestContext): Promise<E2E> {
  shared ??= startShared();
  const s = await shared;
  assert.equal(s.server.exitCode, null, 'the e2e server is still running');
  if (!s.browser.isConnected()) s.browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const browser = s.browser;
  const context: E2E['context'] = async ({ javaScript = true, width = 1024 } = {}) => {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'vi-VN' });
    t.after(() => ctx.close().catch(() => undefined));
    if (!javaScript) {
      await ctx.route(/\.m?js(\?|$)/, (route) => route.abort());
      ctx.on('page', followNoscriptRefresh);
    }
    return ctx;
  };
  return {
    url: s.url,
    browser,
    admin: ADMIN,
    context,
    modes: async function* ({ width } = {}) {
      for (const javaScript of [true, false]) {
        const ctx = await context({ javaScript, width });
        yield { javaScript, label: javaScript ? 'JS on' : 'JS off', page: await ctx.newPage() };
        await ctx.close();
      }
    },
  };
}

/**
 * With the site's scripts blocked, Chromium still has scripting on, so it ignores <noscript>. A browser without
 * JavaScript obeys a <meta http-equiv="refresh"> inside one (the KPI import page reloads itself that way until the
 * import ends): do the same here, after the delay it asks for, unless the page has moved on meanwhile.
 */
function followNoscriptRefresh(page: Page): void {
  let loads = 0;
  page.on('load', async () => {
    const load = ++loads;
    const url = page.url();
    const markup = await page.$$eval('noscript', (els) => els.map((e) => e.textContent ?? '').join('')).catch(() => '');
    const m = /<meta\s+http-equiv="refresh"\s+content="(\d+)"/i.exec(markup);
    if (!m) return;
    await new Promise((r) => setTimeout(r, Number(m[1]) * 1000));
    if (load === loads && !page.isClosed() && page.url() === url) await page.reload().catch(() => undefined);
  });
}

/** axe finds no WCAG 2.1 A/AA violation on the page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
  assert.deepEqual(summary, [], `${label}: axe violations`);
}

/** Both checks every page of the suite passes: axe finds nothing, and no sideways scrolling. */
export async function expectAccessibleOnPhone(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
  await expectNoHorizontalScroll(page, label);
}

/** Nothing wider than the viewport (no sideways scrolling on a phone). */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `${label}: page is ${scroll}px wide in a ${width}px viewport`);
}

export async function signInAs(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/quan-tri/dang-nhap`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
  await page.waitForURL(`${base}/quan-tri`);
}
