import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { Envelope, MessageType, Request, Response } from '../../shared/protocol';
import { findTab, unwrap, visibleIn, type Driver, type DriverPage } from './driver';
import { builtExtensionDir, findBrowser } from './launch';
import { headerPairs, NetworkLog, type Exchange } from './network-log';

// The Driver for Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi, with the
// built extension installed as a temporary add-on.
//
// WebDriver BiDi refuses to navigate to moz-extension:// ("not allowed in this context"), but it
// can run scripts in an extension page once a web page has gone there. So the driver loads a copy
// of dist/firefox whose manifest also lets pages on 127.0.0.1 open popup.html, options.html and query.html,
// under a fresh random UUID that no page can guess, and reaches them from a blank control page it
// serves itself. The shipped dist/firefox is unchanged.

export interface FirefoxOptions {
  extensionDir?: string;
  lang?: string;
  /** More Firefox preferences (a test's privacy settings, for one). */
  prefs?: Record<string, unknown>;
}

export function findFirefox(): string {
  return findBrowser(process.env.FIREFOX_PATH, ['/usr/bin/firefox-esr', '/usr/bin/firefox'], 'cli_no_firefox');
}

/** The add-on as the driver installs it: dist/firefox with its own pages reachable from 127.0.0.1. */
function driverCopy(extensionDir: string): { dir: string; geckoId: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-firefox-'));
  fs.cpSync(extensionDir, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
    web_accessible_resources?: unknown[];
  };
  manifest.web_accessible_resources = [{ resources: ['popup.html', 'options.html', 'query.html'], matches: ['http://127.0.0.1/*'] }];
  fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, geckoId: manifest.browser_specific_settings.gecko.id };
}

async function controlServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><title>cookie-auditor driver</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Runs a function in a page, its argument and result crossing as JSON. BiDi's own serialisation
 * turns an object met twice in one result (a report's missing cookie is also in its declared list)
 * into null on Puppeteer's side.
 */
async function evaluateJson<R, A>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const json = (await page.evaluate(`(async () => JSON.stringify(await (${fn.toString()})(${JSON.stringify(arg ?? null)})))()`)) as string | undefined;
  return (json === undefined ? undefined : JSON.parse(json)) as R;
}

/**
 * Consent managers hide from automated browsers (CookieConsent's hideFromBots reads
 * navigator.webdriver), and Firefox under WebDriver BiDi always says true, whatever its
 * preferences. The page is told what a visitor's browser says, before any of its scripts run.
 */
async function asVisitor(page: Page): Promise<Page> {
  await page.evaluateOnNewDocument(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });
  });
  return page;
}

/** A tab's exchanges into the browser's log, from Puppeteer's events. */
function recordNetwork(page: Page, log: NetworkLog, tab: string): void {
  const byRequest = new WeakMap<HTTPRequest, Exchange>();
  // An event handler that throws would end the process: what BiDi cannot say is left out, never fatal.
  const safely = <T>(f: () => T, otherwise: T): T => {
    try {
      return f();
    } catch {
      return otherwise;
    }
  };
  page.on('request', (r) => {
    // WebDriver BiDi does not give a request's resource type.
    const e = safely(() => log.start({ method: r.method(), url: r.url(), resourceType: safely(() => r.resourceType() as string, 'other'), requestHeaders: safely(() => headerPairs(r.headers()), []), pageref: tab }), undefined);
    if (e) byRequest.set(r, e);
  });
  page.on('response', (res) => {
    const e = safely(() => byRequest.get(res.request()), undefined);
    if (e) e.response = { status: safely(() => res.status(), 0), statusText: safely(() => res.statusText(), ''), headers: safely(() => headerPairs(res.headers()), []), at: Date.now() };
  });
  page.on('requestfailed', (r) => {
    const e = byRequest.get(r);
    if (e) e.failure = safely(() => r.failure()?.errorText, undefined) ?? 'failed';
  });
}

function firefoxPage(page: Page): DriverPage {
  return {
    async goto(url, timeoutMs) {
      const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
      return { contentType: response?.headers()['content-type'] ?? null };
    },
    // Puppeteer does not follow navigations a page starts itself; the page knows where it is.
    url: () => page.evaluate(() => location.href).catch(() => page.url()),
    evaluate: (fn, arg) => evaluateJson(page, fn, arg),
    evaluateSource: (source) => page.evaluate(source),
    isVisible: (selector) => page.evaluate(visibleIn, selector).catch(() => false),
    async waitForVisible(selector, timeoutMs) {
      try {
        await page.waitForSelector(selector, { visible: true, timeout: timeoutMs });
        return 'visible';
      } catch (e) {
        return e instanceof Error && /valid selector|SyntaxError/i.test(e.message) ? 'invalid' : 'missing';
      }
    },
    click: (selector, timeoutMs) => page.locator(selector).setTimeout(timeoutMs).click(),
    networkIdle: (timeoutMs) => page.waitForNetworkIdle({ idleTime: 250, timeout: timeoutMs }),
    bringToFront: () => page.bringToFront(),
    screenshot: async () => Buffer.from(await page.screenshot({ type: 'png' })),
    close: () => page.close(),
  };
}

export async function launchFirefox(opts: FirefoxOptions = {}): Promise<Driver> {
  const executablePath = findFirefox();
  const copy = driverCopy(opts.extensionDir ?? builtExtensionDir('firefox'));
  const uuid = randomUUID();
  const control = await controlServer();
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await control.close();
    fs.rmSync(copy.dir, { recursive: true, force: true });
  };
  try {
    // Loaded only when Firefox is asked for: a Chromium audit does not pay for it (about 100 ms).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load that works both compiled and under jest
    const puppeteer = (require('puppeteer-core') as typeof import('puppeteer-core')).default;
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: true,
      // Ctrl-C is the command's to handle: a fleet writes its summary before the browsers close.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [copy.geckoId]: uuid }),
        'intl.locale.requested': opts.lang ?? 'en-US',
        ...opts.prefs,
      },
    });
    await browser.installExtension(copy.dir);
  } catch (e) {
    await close();
    throw e;
  }
  const b = browser;

  const openExtensionPage = async (pathAndQuery: string): Promise<Page> => {
    const page = await b.newPage();
    await page.goto(`${control.origin}/`);
    const url = `moz-extension://${uuid}/${pathAndQuery}`;
    await page.evaluate((u) => {
      location.href = u;
    }, url);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ready = await page.evaluate(() => location.protocol === 'moz-extension:' && document.readyState === 'complete').catch(() => false);
      if (ready) return page;
      if (Date.now() > deadline) throw new Error(`Firefox did not open ${url}.`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  // The extension's empty query page: it loads nothing and gives us the extension's APIs. Opened
  // once; a failed opening is tried again on the next call.
  let queryPage: Promise<Page> | undefined;
  const extensionApiPage = (): Promise<Page> => {
    queryPage ??= openExtensionPage('query.html').catch((e: unknown) => {
      queryPage = undefined;
      throw e;
    });
    return queryPage;
  };
  const call = async <K extends MessageType>(type: K, request: Request<K>): Promise<Response<K>> => {
    const page = await extensionApiPage();
    const envelope = await evaluateJson(page, (message) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(message) as Promise<Envelope<Response<K>> | undefined>, { type, ...request });
    return unwrap(type, envelope);
  };

  const network = new NetworkLog();
  const recorded = new WeakSet<Page>();
  let tabCount = 0;
  const auditPage = (p: Page): DriverPage => {
    if (!recorded.has(p)) {
      recorded.add(p);
      recordNetwork(p, network, `tab-${++tabCount}`);
    }
    return firefoxPage(p);
  };
  const driver: Driver = {
    browser: 'firefox',
    network,
    version: () => b.version(),
    firstPage: async () => auditPage(await asVisitor((await b.pages()).find((p) => p.url() === 'about:blank') ?? (await b.newPage()))),
    newPage: async () => auditPage(await asVisitor(await b.newPage())),
    openExtensionPage: async (pathAndQuery) => firefoxPage(await openExtensionPage(pathAndQuery)),
    call,
    async openInOtherStore(url) {
      // A WebDriver BiDi user context is a Firefox container: a cookie store of its own.
      const context = await b.createBrowserContext();
      const page = firefoxPage(await context.newPage());
      await page.goto(url, 15_000);
      return driver.tabIdOf(page);
    },
    stopBackground: () => Promise.reject(new Error('WebDriver BiDi cannot suspend Firefox\'s background page.')),
    clearSiteData: () => Promise.reject(new Error('The Firefox driver starts a fresh browser per site instead.')),
    async tabIdOf(p) {
      await p.bringToFront();
      const url = await p.url();
      const page = await extensionApiPage();
      return findTab(() => evaluateJson(page, () => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({}), null), url);
    },
    close,
  };
  // The background may still be starting: wait until its router answers.
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await call('getReport', { tabId: -1, showValues: false });
      return driver;
    } catch (e) {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`The extension did not start in Firefox: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
