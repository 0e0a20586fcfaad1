// Browser suite helpers: the real server in a child process, Debian's Chromium through playwright-core, axe.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
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

export interface E2E {
  url: string;
  browser: Browser;
  admin: { email: string; password: string };
  /**
   * A new browser context. javaScript: false blocks every script the site sends, so pages run exactly as
   * without JavaScript, while axe (injected by the test runner, not the page) can still inspect them.
   */
  context: (opts?: { javaScript?: boolean; width?: number }) => Promise<BrowserContext>;
}

/** Start the server on a fresh data dir with a known admin, and a browser; both closed after the suite. */
export async function startE2E(t: TestContext): Promise<E2E> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvc-e2e-'));
  const admin = { email: 'admin@e2e.test', password: 'e2e-admin-password-123' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      RATE_LIMIT_ALLOWLIST: '127.0.0.1,::ffff:127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    try {
      up = (await fetch(`${url}/readyz`)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  assert.ok(up, 'server started');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  t.after(async () => {
    await browser.close();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    url,
    browser,
    admin,
    context: async ({ javaScript = true, width = 1024 } = {}) => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'vi-VN' });
      if (!javaScript) await ctx.route(/\.m?js(\?|$)/, (route) => route.abort());
      return ctx;
    },
  };
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
