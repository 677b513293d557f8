import type { Page } from 'playwright-core';
import { CrawlQueue } from '../core/crawl';
import { ref } from '../core/findings';
import type { Report } from '../core/report';
import { extensionReport, settle, type Launched } from './launch';

// `--pages N`: after the start page, the same tab follows same-site links breadth first. The
// extension keeps one audit for a tab while it stays on one site, so the evidence merges by itself;
// here we only note on which page each cookie first appeared, and what happened to each page.

export type PageOutcome = NonNullable<Report['pages']>[number];

export interface CrawlOptions {
  site: string;
  pages: number;
  timeoutMs: number;
  /** Told of each page as it starts (the CLI prints a progress line when stderr is a terminal). */
  onPage?: (index: number, url: string) => void;
}

async function linksOf(page: Page): Promise<string[]> {
  return page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href)).catch(() => []);
}

export async function crawl(
  l: Launched,
  page: Page,
  tabId: number,
  start: Report,
  opts: CrawlOptions,
): Promise<{ firstSeenOn: Map<string, string>; pages: PageOutcome[] }> {
  const firstSeenOn = new Map(start.cookies.map((c) => [ref(c), start.url]));
  const pages: PageOutcome[] = [{ url: start.url, status: 'audited', cookies: start.cookies.length }];
  const queue = new CrawlQueue(opts.site, opts.pages);
  queue.add([start.url, page.url()]);
  queue.next();
  if (page.url() !== start.url) queue.next();
  queue.add(await linksOf(page));
  for (let next = queue.next(); next !== undefined && pages.length < opts.pages; next = queue.next()) {
    opts.onPage?.(pages.length + 1, next);
    let report: Report | null;
    try {
      const response = await page.goto(next, { waitUntil: 'load', timeout: opts.timeoutMs });
      const type = response?.headers()['content-type'] ?? 'text/html';
      if (!/html/i.test(type)) {
        pages.push({ url: next, status: 'skipped', error: `not an HTML page (${type.split(';')[0] ?? type})` });
        continue;
      }
      report = await settle(l, page, tabId, Math.min(opts.timeoutMs, 15_000));
    } catch (e) {
      pages.push({ url: next, status: 'failed', error: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'error' });
      continue;
    }
    if (!report || report.site !== opts.site) {
      // A same-site link that redirected to another site: the tab's audit moved on with it.
      pages.push({ url: next, status: 'failed', error: `it led off the site, to ${page.url()}; the crawl stops here` });
      break;
    }
    let found = 0;
    for (const c of report.cookies) {
      if (firstSeenOn.has(ref(c))) continue;
      firstSeenOn.set(ref(c), next);
      found++;
    }
    pages.push({ url: next, status: 'audited', cookies: found });
    queue.add(await linksOf(page));
  }
  return { firstSeenOn, pages };
}

/** The crawl's final report: the tab's merged audit, each cookie with the page it first appeared on. */
export async function crawledReport(l: Launched, tabId: number, showValues: boolean, result: Awaited<ReturnType<typeof crawl>>): Promise<Report | null> {
  const r = await extensionReport(l, tabId, showValues);
  if (!r) return null;
  return {
    ...r,
    cookies: r.cookies.map((c) => ({ ...c, firstSeenOn: result.firstSeenOn.get(ref(c)) ?? r.url })),
    pages: result.pages,
  };
}
