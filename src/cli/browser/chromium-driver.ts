import type { Page, Request as PwRequest } from 'playwright-core';
import type { Report } from '../../core/report/report';
import type { Envelope, MessageType, Request, Response } from '../../shared/protocol';
import { findTab, reportOf, settle as settleDriver, unwrap, visibleIn, type Driver, type DriverPage } from './driver';
import { launch, type Launched, type LaunchOptions } from './launch';
import { NetworkLog, type Exchange } from './network-log';

// The Driver for Chromium, over playwright-core. Chromium-only tests keep the Playwright objects
// (`Launched`, `Page`) for what only Chromium can do, and reach the extension through here.

const pages = new WeakMap<Page, DriverPage>();

/** Requests in flight and the last moment the network did something, watched from the page's creation. */
function networkWatch(page: Page): { idleFor: () => number } {
  let inFlight = 0;
  let last = Date.now();
  page.on('request', () => {
    inFlight++;
    last = Date.now();
  });
  const done = (): void => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { idleFor: () => (inFlight > 0 ? 0 : Date.now() - last) };
}

/** Quiet the network must keep before a page counts as settled (Playwright's networkidle waits 500 ms). */
const NETWORK_QUIET_MS = 250;

export function chromiumPage(page: Page): DriverPage {
  const known = pages.get(page);
  if (known) return known;
  const network = networkWatch(page);
  const wrapped: DriverPage = {
    async goto(url, timeoutMs) {
      const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
      return { contentType: response?.headers()['content-type'] ?? null };
    },
    url: async () => page.url(),
    // The argument crosses as JSON: Playwright's handle unboxing does not apply to plain data.
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown),
    evaluateSource: (source) => page.evaluate(source),
    isVisible: (selector) => page.evaluate(visibleIn, selector).catch(() => false),
    async waitForVisible(selector, timeoutMs) {
      try {
        await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
        return 'visible';
      } catch (e) {
        return e instanceof Error && /selector|parse/i.test(e.message) && !/Timeout/.test(e.message) ? 'invalid' : 'missing';
      }
    },
    click: (selector, timeoutMs) => page.locator(selector).first().click({ timeout: timeoutMs }),
    async networkIdle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (network.idleFor() < NETWORK_QUIET_MS) {
        if (Date.now() > deadline) throw new Error(`The network was still busy after ${timeoutMs} ms.`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    bringToFront: () => page.bringToFront(),
    screenshot: () => page.screenshot({ type: 'png' }),
    close: () => page.close(),
  };
  pages.set(page, wrapped);
  return wrapped;
}

const drivers = new WeakMap<Launched, Driver>();

/** The context's exchanges, from Playwright's events (headers arrive asynchronously, filled in as they come). */
function recordNetwork(l: Launched): NetworkLog {
  const log = new NetworkLog();
  const tabs = new WeakMap<Page, string>();
  let nextTab = 1;
  const tabOf = (r: PwRequest): string => {
    try {
      const p = r.frame().page();
      if (!tabs.has(p)) tabs.set(p, `tab-${nextTab++}`);
      return tabs.get(p) as string;
    } catch {
      return 'worker';
    }
  };
  const byRequest = new WeakMap<PwRequest, Exchange>();
  const pairs = (h: Array<{ name: string; value: string }>): Array<[string, string]> => h.map((x) => [x.name, x.value]);
  l.context.on('request', (r) => {
    const e = log.start({ method: r.method(), url: r.url(), resourceType: r.resourceType(), requestHeaders: [], pageref: tabOf(r) });
    if (!e) return;
    byRequest.set(r, e);
    void r.headersArray().then((h) => (e.requestHeaders = pairs(h)), () => undefined);
  });
  l.context.on('response', (res) => {
    const e = byRequest.get(res.request());
    if (!e) return;
    const at = Date.now();
    void res.headersArray().then((h) => (e.response = { status: res.status(), statusText: res.statusText(), headers: pairs(h), at }), () => undefined);
  });
  l.context.on('requestfailed', (r) => {
    const e = byRequest.get(r);
    if (e) e.failure = r.failure()?.errorText ?? 'failed';
  });
  return log;
}

export function chromiumDriver(l: Launched): Driver {
  const known = drivers.get(l);
  if (known) return known;
  let queryPage: Page | undefined;
  // The extension's empty query page: it loads nothing and gives us chrome.runtime.
  const extensionPage = async (): Promise<Page> => {
    if (queryPage && !queryPage.isClosed()) return queryPage;
    queryPage = await l.context.newPage();
    await queryPage.goto(`chrome-extension://${l.extensionId}/query.html`);
    return queryPage;
  };
  const network = recordNetwork(l);
  const driver: Driver = {
    browser: 'chromium',
    network,
    version: async () => (await extensionPage()).evaluate(() => navigator.userAgent),
    // The persistent context opens with one blank tab: use it rather than open another.
    firstPage: async () => chromiumPage(l.context.pages().find((p) => p.url() === 'about:blank') ?? (await l.context.newPage())),
    newPage: async () => chromiumPage(await l.context.newPage()),
    async openExtensionPage(pathAndQuery) {
      const page = await l.context.newPage();
      await page.goto(`chrome-extension://${l.extensionId}/${pathAndQuery}`);
      return chromiumPage(page);
    },
    async call<K extends MessageType>(type: K, request: Request<K>): Promise<Response<K>> {
      const page = await extensionPage();
      const envelope = (await page.evaluate((message) => chrome.runtime.sendMessage(message), { type, ...request })) as Envelope<Response<K>> | undefined;
      return unwrap(type, envelope);
    },
    async openInOtherStore(url) {
      const page = await extensionPage();
      const tabId = await page.evaluate(async (u) => {
        if (!(await chrome.extension.isAllowedIncognitoAccess())) return null;
        return (await chrome.windows.create({ incognito: true, url: u }))?.tabs?.[0]?.id ?? null;
      }, url);
      if (tabId === null) throw new Error('The extension may not run in incognito windows: launch Chromium with { incognito: true }.');
      return tabId;
    },
    async stopBackground() {
      const cdp = await l.context.newCDPSession(await extensionPage());
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
        const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${l.extensionId}/`));
        if (!sw) throw new Error('The extension has no running service worker.');
        await cdp.send('Target.closeTarget', { targetId: sw.targetId });
      } finally {
        await cdp.detach();
      }
    },
    async tabIdOf(p) {
      if (!l.worker) throw new Error('No extension loaded.');
      const worker = l.worker;
      // Several tabs may show the same URL: the one brought to the front is this page.
      await p.bringToFront();
      return findTab(() => worker.evaluate(() => chrome.tabs.query({})), await p.url());
    },
    async clearSiteData() {
      await l.context.clearCookies();
      const cdp = await l.context.newCDPSession(await extensionPage());
      try {
        await cdp.send('Network.clearBrowserCache');
      } finally {
        await cdp.detach();
      }
    },
    close: () => l.close(),
  };
  drivers.set(l, driver);
  return driver;
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<Driver> {
  return chromiumDriver(await launch(opts));
}

// For Chromium-only tests and scripts that hold Playwright objects.

export function extensionCall<K extends MessageType>(l: Launched, type: K, request: Request<K>): Promise<Response<K>> {
  return chromiumDriver(l).call(type, request);
}

export function extensionReport(l: Launched, tabId: number, showValues = false): Promise<Report | null> {
  return reportOf(chromiumDriver(l), tabId, showValues);
}

export function tabIdOf(l: Launched, page: Page): Promise<number> {
  return chromiumDriver(l).tabIdOf(chromiumPage(page));
}

export function settle(l: Launched, page: Page, tabId: number, timeoutMs: number): Promise<Report | null> {
  return settleDriver(chromiumDriver(l), chromiumPage(page), tabId, timeoutMs);
}
