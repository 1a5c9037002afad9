import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../../scripts/provision-browser';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { freePort } from './free-port';
import { useTestApp } from './test-app';
import type { WorkflowHarness } from './workflow-harness';

/** Where the browser tests leave a screenshot of every page they visit (git-ignored). */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/** The flags that keep Chromium off this machine's closed network and out of a sandbox it cannot use as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleBrowser {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context signed in as a seeded user. */
  signIn(username: string): Promise<Page>;
  snap(page: Page, name: string): Promise<void>;
}

/** The console served on a local port over the file's harness, and headless Debian Chromium. */
export function useConsoleBrowser(harness: WorkflowHarness): ConsoleBrowser {
  const http = useTestApp(harness);
  const holder = {} as ConsoleBrowser;
  let server: Server | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    const port = await freePort();
    server = http.app.listen(port, '127.0.0.1');
    holder.baseUrl = `http://127.0.0.1:${port}`;
    holder.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    holder.signIn = async (username) => {
      const context = await holder.browser.newContext({
        baseURL: holder.baseUrl,
        locale: 'zh-CN',
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/login');
      await page.fill('input[name="username"]', username);
      await page.fill('input[name="password"]', DEMO_PASSWORD);
      await Promise.all([
        page.waitForURL((url) => !url.pathname.startsWith('/login')),
        page.click('button[type="submit"]'),
      ]);
      return page;
    };
    holder.snap = async (page, name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    };
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await holder.browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return holder;
}
