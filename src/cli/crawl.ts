import { CrawlQueue, type CrawlLink } from '../core/evidence/crawl';
import { ref } from '../core/judgement/findings';
import type { Report } from '../core/report/report';
import type { Translate } from '../core/text/i18n';
import { reportOf, settle, type Driver, type DriverPage } from './driver';

// `--pages N`: after the start page, the same tab follows same-site links breadth first. The
// extension keeps one audit for a tab while it stays on one site, so the evidence merges by itself;
// here we only note on which page each cookie first appeared, and what happened to each page.

export type PageOutcome = NonNullable<Report['pages']>[number];

export interface CrawlOptions {
  site: string;
  pages: number;
  timeoutMs: number;
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

export async function crawl(
  d: Driver,
  page: DriverPage,
  tabId: number,
  start: Report,
  opts: CrawlOptions,
): Promise<{ firstSeenOn: Map<string, string>; pages: PageOutcome[]; skippedLinks: CrawlQueue['skipped'] }> {
  const firstSeenOn = new Map(start.cookies.map((c) => [ref(c), start.url]));
  const pages: PageOutcome[] = [{ url: start.url, status: 'audited', cookies: start.cookies.length }];
  const queue = new CrawlQueue(opts.site, opts.pages);
  queue.visited([start.url, await page.url()]);
  queue.add(await linksOf(page));
  for (let next = queue.next(); next !== undefined && pages.length < opts.pages; next = queue.next()) {
    opts.onPage?.(pages.length + 1, next);
    let report: Report | null;
    let type = 'text/html';
    try {
      const response = await gotoPage(page, next, opts.timeoutMs);
      type = response.contentType ?? 'text/html';
      report = await settle(d, page, tabId, Math.min(opts.timeoutMs, 15_000));
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.replace(/^page\.goto: /, '') ?? 'error';
      pages.push({ url: next, status: 'failed', error });
      // Settle the tab on a blank page (not a site, so the audit stays) before the next one.
      await gotoPage(page, 'about:blank', 5_000).catch(() => undefined);
      continue;
    }
    if (!report || report.site !== opts.site) {
      // A same-site link that redirected to another site: the tab's audit moved on with it.
      pages.push({ url: next, status: 'failed', error: opts.t('crawl_left_site', await page.url()) });
      break;
    }
    let found = 0;
    for (const c of report.cookies) {
      if (firstSeenOn.has(ref(c))) continue;
      firstSeenOn.set(ref(c), next);
      found++;
    }
    if (!/html/i.test(type)) {
      // A file behind a link with a page-like address: its cookies count, its content is not followed.
      pages.push({ url: next, status: 'skipped', error: opts.t('crawl_not_html', type.split(';')[0] ?? type), cookies: found });
      continue;
    }
    pages.push({ url: next, status: 'audited', cookies: found });
    queue.add(await linksOf(page));
  }
  return { firstSeenOn, pages, skippedLinks: queue.skipped };
}

/** The crawl's final report: the tab's merged audit, each cookie with the page it first appeared on. */
export async function crawledReport(d: Driver, tabId: number, showValues: boolean, result: Awaited<ReturnType<typeof crawl>>): Promise<Report | null> {
  const r = await reportOf(d, tabId, showValues);
  if (!r) return null;
  return {
    ...r,
    cookies: r.cookies.map((c) => ({ ...c, firstSeenOn: result.firstSeenOn.get(ref(c)) ?? r.url })),
    pages: result.pages,
    skippedLinks: result.skippedLinks,
  };
}
