import type { Report } from '../../core/report/report';
import { pendingCount, type Envelope, type MessageType, type Request, type Response } from '../../shared/protocol';
import type { NetworkLog } from './network-log';

// What the CLI (and the cross-browser tests) need from a browser with the extension loaded. Two
// drivers implement it: Chromium through playwright-core, Firefox through puppeteer-core over
// WebDriver BiDi. Everything that differs between the two browsers' automation lives behind it.

export type BrowserKind = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserKind[] = ['chromium', 'firefox'];

export interface DriverPage {
  /** Loads a URL and waits for its load event; the main response's content type when there is one. */
  goto(url: string, timeoutMs: number): Promise<{ contentType: string | null }>;
  url(): Promise<string>;
  /** Runs a function in the page (a web page's own world, or an extension page with its APIs). */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Runs script source in the page's own world, whatever the page's CSP; its result as the page's JSON. */
  evaluateSource(source: string): Promise<unknown>;
  /** Whether an element matching the selector is shown now (false when none matches or it does not parse). */
  isVisible(selector: string): Promise<boolean>;
  /** Waits for a visible element: 'invalid' when the selector does not parse. */
  waitForVisible(selector: string, timeoutMs: number): Promise<'visible' | 'missing' | 'invalid'>;
  click(selector: string, timeoutMs: number): Promise<void>;
  /** Resolves once the network has been quiet for a moment (250 ms), or rejects at the timeout. */
  networkIdle(timeoutMs: number): Promise<void>;
  bringToFront(): Promise<void>;
  /** A PNG of what the tab shows now (the viewport). */
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface Driver {
  readonly browser: BrowserKind;
  /** The tab the browser opened with (or a new one). */
  firstPage(): Promise<DriverPage>;
  newPage(): Promise<DriverPage>;
  /** Opens one of the extension's own pages (`popup.html?tabId=3`) in a tab of its own. */
  openExtensionPage(pathAndQuery: string): Promise<DriverPage>;
  /** Sends one message of the extension's protocol from an extension page, exactly as the popup does. */
  call<K extends MessageType>(type: K, request: Request<K>): Promise<Response<K>>;
  /**
   * Opens a URL in a tab that uses another cookie store than the default one: a private window in
   * Chromium (launched with `incognito`), a container in Firefox. Returns the tab's id.
   */
  openInOtherStore(url: string): Promise<number>;
  /**
   * Stops the extension's background as the browser does when it is idle. Chromium only: WebDriver
   * BiDi has no command to suspend Firefox's background page.
   */
  stopBackground(): Promise<void>;
  /** The browser's tab id of a page. */
  tabIdOf(page: DriverPage): Promise<number>;
  /**
   * Forgets what sites left in the browser (cookies, HTTP cache), so that it audits the next site as
   * a fresh profile would; storage and caches are per top-level site in Chromium already. Rejects
   * where the driver cannot (then launch a fresh browser instead).
   */
  clearSiteData(): Promise<void>;
  /** Every http(s) exchange of the browser's tabs since launch, headers only (an evidence bundle's HAR). */
  readonly network: NetworkLog;
  /** The browser's product and version, as it reports them. */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** Unwraps the router's envelope: its error becomes an exception with the extension's own words. */
export function unwrap<T>(type: string, envelope: Envelope<T> | undefined): T {
  if (!envelope) throw new Error(`The extension did not answer "${type}".`);
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

export function reportOf(d: Driver, tabId: number, showValues = false): Promise<Report | null> {
  return d.call('getReport', { tabId, showValues });
}

/** The tab id among the extension's view of all tabs: one URL, or else the active one of that URL. */
export async function findTab(query: () => Promise<Array<{ id?: number; url?: string; active?: boolean }>>, url: string): Promise<number> {
  const tabs = (await query()).filter((t) => t.url === url);
  const id = (tabs.length === 1 ? tabs[0] : tabs.find((t) => t.active))?.id;
  if (id === undefined) throw new Error(`No tab found for ${url}.`);
  return id;
}

/**
 * Waits until the page's network is quiet, the audit has not changed for 250 ms, and the extension
 * has no check of the tab's evidence pending (background/pending: refused writes the jar has not yet
 * decided, inferences, script writes on their way, the storage look after the load). Each wait is
 * the evidence's own: no fixed delay stands in for a check.
 */
const STABLE_MS = 250;

const signatureOf = (report: Report | null): string =>
  // Attribution counts too: a cookie a script wrote shows "unknown" until the script's write,
  // which the page sends separately, reaches the worker.
  report
    ? `${report.cookies.length}:${report.cookies.reduce((n, c) => n + c.eventCount, 0)}:${report.storage.items.reduce((n, i) => n + i.eventCount, 0)}:${report.cookies.map((c) => c.setBy.kind[0]).join('')}:${report.refused.length}`
    : 'none';

export async function settle(d: Driver, page: DriverPage, tabId: number, timeoutMs: number): Promise<Report | null> {
  const deadline = Date.now() + timeoutMs;
  let idle = false;
  void page
    // A page that never falls quiet (a long poll) is not waited on past 5 s: its evidence checks still are.
    .networkIdle(Math.max(1, Math.min(5_000, deadline - Date.now())))
    .catch(() => undefined)
    .then(() => {
      idle = true;
    });
  let last = '';
  let stableSince = Date.now();
  let report: Report | null = null;
  for (;;) {
    report = await reportOf(d, tabId);
    const sig = signatureOf(report);
    if (sig !== last) {
      last = sig;
      stableSince = Date.now();
    } else if (idle && Date.now() - stableSince >= STABLE_MS) {
      const pending = await d.call('getPending', { tabId }).catch(() => null);
      if (pending === null || pendingCount(pending) === 0) {
        // What a check decided reaches the report: read it once more, and return it if nothing moved.
        const after = await reportOf(d, tabId);
        if (signatureOf(after) === last) return after;
        last = signatureOf(after);
        stableSince = Date.now();
      }
    }
    if (Date.now() > deadline) return report;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An element is shown when it has a box and is not hidden by style: the test a click needs. */
export function visibleIn(selector: string): boolean {
  let el: Element | null;
  try {
    el = document.querySelector(selector);
  } catch {
    return false;
  }
  if (!el) return false;
  const style = getComputedStyle(el);
  return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
}
