import { CrawlQueue, firstVisits, type CrawlLink, type CrawlVisit } from '../core/evidence/crawl';
import { ref } from '../core/judgement/findings';
import type { Report } from '../core/report/report';
import type { Translate } from '../core/text/i18n';
import { settle, type Driver, type DriverPage } from './browser/driver';

// `--pages N`: after the start page, same-site links are followed breadth first, in up to `--tabs`
// tabs at once. The extension keeps one audit per tab while it stays on one site, each change
// attributed in its own tab; at the end it merges the tabs' audits into one report. Here we only
// note what happened to each page, and when each tab asked for it: from the tabs' final audits,
// that says on which page each cookie first appeared.

export type PageOutcome = NonNullable<Report['pages']>[number];

export interface CrawlOptions {
  site: string;
  pages: number;
  /** Tabs visiting pages at once, the start page's tab included. */
  tabs: number;
  timeoutMs: number;
  showValues: boolean;
  t: Translate;
  /** Told of each page as it starts (the CLI prints a progress line when stderr is a terminal). */
  onPage?: (index: number, url: string) => void;
}

// Where consent managers draw their banners and dialogs: a link inside one is a choice, never a page.
const CONSENT_UI = [
  '#tarteaucitronRoot', '#didomi-host', '#onetrust-consent-sdk', '#CybotCookiebotDialog', '#axeptio_overlay', '#cc-main', '.cc-window',
  '.klaro', '.orejime-Main', '#cookie-law-info-bar', '#cmplz-cookiebanner-container', '#usercentrics-root', '[aria-label*="cookie" i][role="dialog"]',
].join(',');

async function linksOf(page: DriverPage): Promise<CrawlLink[]> {
  return page
    .evaluate(
      (consentUi) =>
        [...document.querySelectorAll('a[href]')].map((a) => ({
          href: (a as HTMLAnchorElement).href,
          text: (a.textContent || a.getAttribute('aria-label') || a.getAttribute('title') || '').replace(/\s+/g, ' ').trim(),
          inConsentUi: a.closest(consentUi) !== null,
        })),
      CONSENT_UI,
    )
    .catch(() => []);
}

/**
 * Opens a page. After a failed one the browser may still be on its way to its own error page, and
 * that late navigation cuts ours short: wait a moment and try again, a few times.
 */
async function gotoPage(page: DriverPage, url: string, timeoutMs: number): ReturnType<DriverPage['goto']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.goto(url, timeoutMs);
    } catch (e) {
      if (attempt >= 4 || !(e instanceof Error) || !/interrupted by another navigation|NS_BINDING_ABORTED/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 150 * attempt));
    }
  }
}

/**
 * Tabs a crawl uses unless told. Measured on the 20-page bench portal on 2 cores: past the first
 * page, 4 tabs visit about 1.6 times as many pages a second as one (4.0 against 2.5); 8 did no better.
 */
export const DEFAULT_TABS = 4;

type CrawlTab = { page: DriverPage; tabId?: number };
type Visit = { outcome: PageOutcome; links: CrawlLink[]; stop: boolean };

/** One page in one tab: its outcome and its links. */
async function visit(d: Driver, tab: CrawlTab, url: string, opts: CrawlOptions): Promise<Visit> {
  const page = tab.page;
  let report: Report | null;
  let type = 'text/html';
  try {
    const response = await gotoPage(page, url, opts.timeoutMs);
    type = response.contentType ?? 'text/html';
    // A new tab is found by the page it shows: blank tabs all look alike.
    tab.tabId ??= await d.tabIdOf(page);
    report = await settle(d, page, tab.tabId, Math.min(opts.timeoutMs, 15_000));
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.replace(/^page\.goto: /, '') ?? 'error';
    // Settle the tab on a blank page (not a site, so the audit stays) before its next page.
    await gotoPage(page, 'about:blank', 5_000).catch(() => undefined);
    return { outcome: { url, status: 'failed', error }, links: [], stop: false };
  }
  if (!report || report.site !== opts.site) {
    // A same-site link that redirected to another site: this tab's audit moved on with it.
    return { outcome: { url, status: 'failed', error: opts.t('crawl_left_site', await page.url()) }, links: [], stop: true };
  }
  if (!/html/i.test(type)) {
    // A file behind a link with a page-like address: its cookies count, its content is not followed.
    return { outcome: { url, status: 'skipped', error: opts.t('crawl_not_html', type.split(';')[0] ?? type) }, links: [], stop: false };
  }
  return { outcome: { url, status: 'audited' }, links: await linksOf(page), stop: false };
}

/** Each cookie's first page, and how many cookies each page was the first to show, from each tab's final audit. */
async function firstSeenOn(d: Driver, tabs: readonly CrawlTab[], visits: readonly CrawlVisit[], pages: Array<PageOutcome | undefined>): Promise<Map<string, string>> {
  const seen = new Map<number, Map<string, number>>();
  for (const [i, tab] of tabs.entries()) {
    const r = tab.tabId === undefined ? null : await d.call('getReport', { tabId: tab.tabId, showValues: false });
    if (r) seen.set(i, new Map(r.cookies.map((c) => [ref(c), Date.parse(c.firstSeen)])));
  }
  const on = new Map<string, string>();
  const counts = pages.map(() => 0);
  for (const [key, i] of firstVisits(visits, seen)) {
    const page = pages[i];
    if (page === undefined) continue;
    on.set(key, page.url);
    counts[i] = (counts[i] ?? 0) + 1;
  }
  // A page that failed has a count only when something appeared on it before it failed.
  pages.forEach((p, i) => {
    if (p && (p.status !== 'failed' || (counts[i] ?? 0) > 0)) p.cookies = counts[i] ?? 0;
  });
  return on;
}

/**
 * Crawls from the start page, already audited in `page`, and returns the merged report of every
 * tab it used, each cookie with the page it first appeared on. The extra tabs are closed at the end.
 */
export async function crawl(d: Driver, page: DriverPage, tabId: number, start: Report, opts: CrawlOptions): Promise<Report | null> {
  // Each page's outcome at the place it was taken from the queue: the report lists them breadth first.
  // `visits` has the same places: which tab showed the page, from when.
  const pages: Array<PageOutcome | undefined> = [{ url: start.url, status: 'audited' }];
  const visits: CrawlVisit[] = [{ tab: 0, from: -Infinity }];
  const queue = new CrawlQueue(opts.site, opts.pages);
  queue.visited([start.url, await page.url()]);
  queue.add(await linksOf(page));
  const tabs: CrawlTab[] = [{ page, tabId }];
  const extra: DriverPage[] = [];
  try {
    let started = 1;
    let inFlight = 0;
    let left = false;
    // A tab with nothing to visit waits for the others: the page they are on may hold more links.
    let waiting: Array<() => void> = [];
    const wake = (): void => {
      const all = waiting;
      waiting = [];
      all.forEach((w) => w());
    };
    const worker = async (tab: CrawlTab, tabIndex: number): Promise<void> => {
      while (!left && started < opts.pages) {
        const next = queue.next();
        if (next === undefined) {
          if (inFlight === 0) return;
          await new Promise<void>((r) => waiting.push(r));
          continue;
        }
        const index = started++;
        inFlight++;
        opts.onPage?.(started, next);
        visits[index] = { tab: tabIndex, from: Date.now() };
        const v = await visit(d, tab, next, opts).finally(() => inFlight--);
        pages[index] = v.outcome;
        queue.add(v.links);
        if (v.stop) left = true;
        wake();
      }
      wake();
    };
    const want = Math.max(1, Math.min(opts.tabs, opts.pages - 1));
    for (let i = 1; i < want; i++) {
      const p = await d.newPage();
      extra.push(p);
      tabs.push({ page: p });
    }
    await Promise.all(tabs.map(worker));
    const r = await d.call('getMergedReport', { tabIds: tabs.flatMap((x) => x.tabId ?? []), showValues: opts.showValues });
    if (!r) return null;
    const on = await firstSeenOn(d, tabs, visits, pages);
    return {
      ...r,
      cookies: r.cookies.map((c) => ({ ...c, firstSeenOn: on.get(ref(c)) ?? r.url })),
      pages: pages.filter((p): p is PageOutcome => p !== undefined),
      skippedLinks: queue.skipped,
    };
  } finally {
    await Promise.all(extra.map((p) => p.close().catch(() => undefined)));
  }
}
