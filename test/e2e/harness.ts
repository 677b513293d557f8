import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/core/report/report';
import { launch, type Launched, type LaunchOptions } from '../../src/cli/browser/launch';
import { chromiumDriver, chromiumPage, extensionReport } from '../../src/cli/browser/chromium-driver';
import { settle, type Driver, type DriverPage } from '../../src/cli/browser/driver';
import { startFixtures, type Fixtures } from '../fixtures/portal';

// Drives the real extension in real headless Chromium, as a user (or the CLI) would.

export { launch, type Launched };

/** Opens a URL in a page of any browser's driver and waits until its audit is settled. */
export async function settledIn(d: Driver, url: string, page?: DriverPage): Promise<{ page: DriverPage; tabId: number; report: Report }> {
  const p = page ?? (await d.newPage());
  await p.goto(url, 30_000);
  const tabId = await d.tabIdOf(p);
  const report = await settle(d, p, tabId, 10_000);
  if (!report) throw new Error(`no audit for ${url}`);
  return { page: p, tabId, report };
}

export async function openAndSettle(l: Launched, url: string, page?: Page): Promise<{ page: Page; tabId: number; report: Report }> {
  const p = page ?? (await l.context.newPage());
  const { tabId, report } = await settledIn(chromiumDriver(l), url, chromiumPage(p));
  return { page: p, tabId, report };
}

export async function reportOf(l: Launched, tabId: number, showValues = false): Promise<Report> {
  const r = await extensionReport(l, tabId, showValues);
  if (!r) throw new Error(`no audit for tab ${tabId}`);
  return r;
}

export const names = (r: Report, status?: 'declared' | 'undeclared'): string[] =>
  r.cookies.filter((c) => status === undefined || c.status === status).map((c) => c.name).sort();

/** What the popup shows for a tab: the names in each group, read from its DOM. */
export async function popupGroups(l: Launched, tabId: number): Promise<{ page: Page; groups: Record<string, string[]> }> {
  const page = await l.context.newPage();
  await page.goto(`chrome-extension://${l.extensionId}/popup.html?tabId=${tabId}`);
  await page.waitForSelector('#app[data-ready="true"]');
  return { page, groups: await page.evaluate(readPopupGroups) };
}

/** Runs in the popup: the names it lists in each group of cookies (browser storage is read by its own tests). */
export function readPopupGroups(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of document.querySelectorAll('section[data-group]:not([data-group="findings"]):not([data-group="storage"])')) {
    out[(s as HTMLElement).dataset.group as string] = [...s.querySelectorAll('li .name')].map((n) => n.textContent ?? '').sort();
  }
  return out;
}

/** Stops the extension's service worker, as Chromium does when it is idle. */
export function stopServiceWorker(l: Launched): Promise<void> {
  return chromiumDriver(l).stopBackground();
}

export async function badgeText(l: Launched, tabId: number): Promise<string> {
  return (l.worker as NonNullable<Launched['worker']>).evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

export async function badgeTitle(l: Launched, tabId: number): Promise<string> {
  return (l.worker as NonNullable<Launched['worker']>).evaluate((id: number) => chrome.action.getTitle({ tabId: id }), tabId);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const CLI = path.join(__dirname, '../../dist/node/src/cli/audit.js');
/** `timeoutMs`: a run of several fresh browsers (--choices) needs more than one page's 90 s. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve) => {
    // English unless a test asks otherwise, whatever the machine's locale.
    const base = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };
    execFile(process.execPath, [CLI, ...args], { env: { ...base, ...env }, timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Retries an assertion until it passes or the time is up (then throws its last failure). */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** When the current service worker instance started: changes when the worker is restarted. */
export function workerStartedAt(l: Launched): Promise<number> {
  return (l.worker as NonNullable<Launched['worker']>).evaluate(() => (globalThis as { __cookieAuditorStartedAt?: number }).__cookieAuditorStartedAt ?? 0);
}

/**
 * Starts the fixture sites and a browser with the extension for one test file, hands them to
 * `ready` (which may open pages), and stops both after the file's tests.
 */
export function withBrowser(ready: (fx: Fixtures, l: Launched) => void | Promise<void>, opts?: LaunchOptions): void {
  let fx: Fixtures | undefined;
  let l: Launched | undefined;
  beforeAll(async () => {
    fx = await startFixtures();
    l = await launch(opts);
    await ready(fx, l);
  });
  afterAll(async () => {
    await l?.close();
    await fx?.close();
  });
}
