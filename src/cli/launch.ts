import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Report } from '../core/report';
import { LocalizedError } from '../core/i18n';
import type { Envelope, MessageType, Request, Response } from '../shared/protocol';

// Launches the system Chromium with the built extension loaded, in a fresh profile.

export class UsageError extends LocalizedError {}


export function findChromium(): string {
  // An explicit CHROME_PATH is the user's choice: a wrong one is an error, not a reason to guess.
  const explicit = process.env.CHROME_PATH;
  const candidates = explicit ? [explicit] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new UsageError('cli_no_chromium', candidates.join(', '));
  return found;
}

export function defaultExtensionDir(): string {
  // dist/node/src/cli -> dist/chrome when compiled; src/cli -> dist/chrome under ts-jest.
  const fromHere = [path.resolve(__dirname, '../../../chrome'), path.resolve(__dirname, '../../dist/chrome')];
  const dir = fromHere.find((d) => fs.existsSync(path.join(d, 'manifest.json')));
  if (!dir) throw new UsageError('cli_not_built');
  return dir;
}

export interface LaunchOptions {
  extensionDir?: string;
  /** Chromium 156 blocks third-party cookies by default; an audit must see what the page tries. */
  allowThirdPartyCookies?: boolean;
  lang?: string;
  /** Load no extension: the bare browser, for comparisons. */
  bare?: boolean;
  /** More Chromium switches (a test's net log, for one). */
  extraArgs?: string[];
}

export interface Launched {
  context: BrowserContext;
  worker: Worker | null;
  extensionId: string | null;
  profileDir: string;
  close: () => Promise<void>;
}

export async function launch(opts: LaunchOptions = {}): Promise<Launched> {
  const executablePath = findChromium();
  const extensionDir = opts.bare ? null : (opts.extensionDir ?? defaultExtensionDir());
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-'));
  if (opts.allowThirdPartyCookies !== false) {
    fs.mkdirSync(path.join(profileDir, 'Default'), { recursive: true });
    fs.writeFileSync(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  // The extension speaks the browser's language: set it, so the audit does not depend on the machine's.
  args.push(`--lang=${opts.lang ?? 'en'}`, ...(opts.extraArgs ?? []));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args,
    ...(opts.lang ? { locale: opts.lang } : {}),
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    fs.rmSync(profileDir, { recursive: true, force: true });
  };
  if (!extensionDir) return { context, worker: null, extensionId: null, profileDir, close };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    // The event may come before the worker's top level ran: wait until its listeners are in place.
    const deadline = Date.now() + 10_000;
    while (!(await worker.evaluate(() => (globalThis as { __cookieAuditorReady?: boolean }).__cookieAuditorReady === true))) {
      if (Date.now() > deadline) throw new Error('The extension did not start (its service worker never became ready).');
      await new Promise((r) => setTimeout(r, 25));
    }
    return { context, worker, extensionId: new URL(worker.url()).host, profileDir, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The browser's tab id of a page opened in this context. */
export async function tabIdOf(l: Launched, page: Page): Promise<number> {
  if (!l.worker) throw new Error('No extension loaded.');
  const url = page.url();
  // Several tabs may show the same URL: the one brought to the front is this page.
  await page.bringToFront();
  const id = await l.worker.evaluate(async (u: string) => {
    const tabs = (await chrome.tabs.query({})).filter((t) => t.url === u);
    return (tabs.length === 1 ? tabs[0] : tabs.find((t) => t.active))?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab found for ${url}.`);
  return id;
}

/**
 * Sends one message of the extension's protocol from an extension page, exactly as the popup does,
 * and returns its answer.
 */
export async function extensionCall<K extends MessageType>(l: Launched, type: K, request: Request<K>): Promise<Response<K>> {
  const page = await extensionPage(l);
  const envelope = (await page.evaluate((message) => chrome.runtime.sendMessage(message), { type, ...request })) as
    | Envelope<Response<K>>
    | undefined;
  if (!envelope) throw new Error(`The extension did not answer "${type}".`);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

export function extensionReport(l: Launched, tabId: number, showValues = false): Promise<Report | null> {
  return extensionCall(l, 'getReport', { tabId, showValues });
}

const queryPages = new WeakMap<Launched, Page>();
async function extensionPage(l: Launched): Promise<Page> {
  const existing = queryPages.get(l);
  if (existing && !existing.isClosed()) return existing;
  const page = await l.context.newPage();
  // The popup page with a tab that does not exist: it renders nothing and gives us chrome.runtime.
  await page.goto(`chrome-extension://${l.extensionId}/popup.html?tabId=0`);
  queryPages.set(l, page);
  return page;
}

/**
 * Waits until the page's network is idle and the audit has not changed for 400 ms. Both clocks run
 * at once: network idle alone takes 500 ms of quiet, and the audit is usually stable by then.
 */
export async function settle(l: Launched, page: Page, tabId: number, timeoutMs: number): Promise<Report | null> {
  const deadline = Date.now() + timeoutMs;
  let idle = false;
  void page
    .waitForLoadState('networkidle', { timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) })
    .catch(() => undefined)
    .then(() => {
      idle = true;
    });
  let last = '';
  let stableSince = Date.now();
  let report: Report | null = null;
  for (;;) {
    report = await extensionReport(l, tabId);
    const sig = report ? `${report.cookies.length}:${report.cookies.reduce((n, c) => n + c.eventCount, 0)}` : 'none';
    if (sig !== last) {
      last = sig;
      stableSince = Date.now();
    } else if (idle && Date.now() - stableSince >= 400) {
      return report;
    }
    if (Date.now() > deadline) return report;
    await new Promise((r) => setTimeout(r, 100));
  }
}
