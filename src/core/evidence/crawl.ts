import { siteOfUrl } from './party';

// Which links a whole-portal audit follows: same site, http(s), pages rather than files, and never
// a link that would log the auditor out or change something.

const NOT_PAGES = /\.(pdf|zip|gz|tgz|7z|rar|csv|tsv|xlsx?|ods|docx?|odt|pptx?|json|geojson|xml|rss|atom|ics|png|jpe?g|gif|svg|webp|ico|mp[34]|webm|avi|mov|wav|ogg|woff2?|ttf|js|css|parquet|shp)$/i;
const DANGEROUS = /(log-?out|log-?off|sign-?out|deconnexion|d%C3%A9connexion|disconnect|\/delete|\/remove|unsubscribe)/i;

/** The URL to visit for a link, or null when the crawl must not follow it. */
export function crawlTarget(href: string, site: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (siteOfUrl(u.href) !== site) return null;
  if (NOT_PAGES.test(u.pathname) || DANGEROUS.test(u.pathname + u.search)) return null;
  u.hash = '';
  return u.href;
}

/** Breadth-first order of visits, without duplicates, bounded by `limit` pages in all. */
export class CrawlQueue {
  private readonly seen = new Set<string>();
  private readonly queue: string[] = [];

  constructor(
    private readonly site: string,
    private readonly limit: number,
  ) {}

  /** Pages already visited (the start page, and where it redirected): never queued again. */
  visited(hrefs: readonly string[]): void {
    for (const h of hrefs) {
      const t = crawlTarget(h, this.site);
      if (t !== null) this.seen.add(t);
    }
  }

  add(hrefs: readonly string[]): void {
    for (const h of hrefs) {
      if (this.seen.size >= this.limit) return;
      const t = crawlTarget(h, this.site);
      if (t === null || this.seen.has(t)) continue;
      this.seen.add(t);
      this.queue.push(t);
    }
  }

  next(): string | undefined {
    return this.queue.shift();
  }
}
