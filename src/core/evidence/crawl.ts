import { siteOfUrl } from './party';

// Which links a whole-portal audit follows: same site, http(s), pages rather than files, and never
// a link that would change what is audited: one that gives or refuses consent (by its words in
// English, French, German, Spanish, Italian or Dutch, by a consent manager's markup, by its
// address), or one that logs the auditor out or deletes something. The policy page goes first.

const NOT_PAGES = /\.(pdf|zip|gz|tgz|7z|rar|csv|tsv|xlsx?|ods|docx?|odt|pptx?|json|geojson|xml|rss|atom|ics|png|jpe?g|gif|svg|webp|ico|mp[34]|webm|avi|mov|wav|ogg|woff2?|ttf|js|css|parquet|shp)$/i;
const CHANGES_STATE = /(log-?out|log-?off|sign-?out|deconnexion|d%C3%A9connexion|disconnect|\/delete|\/remove|unsubscribe)/i;
const CONSENT_ADDRESS = /(consent|cookies?[-_/=]?(accept|refuse|reject|deny|decline|allow|agree|optin|opt-in|optout|opt-out))|((accept|refuse|reject|deny|decline|allow)[-_/=]?(all[-_/=]?)?cookies?)/i;
const CONSENT_WORDS = new RegExp(
  [
    '\\b(accept|agree|allow|reject|refuse|deny|decline)\\b',
    'tout accepter|tout refuser|\\baccepter\\b|\\brefuser\\b|j.accepte|je refuse|continuer sans accepter',
    'alle akzeptieren|akzeptieren|ablehnen|zustimmen|alle ablehnen',
    'aceptar|rechazar|accetta|rifiuta|accepteren|weigeren|alles toestaan',
  ].join('|'),
  'i',
);
const POLICY_LINK = /cookie|politique-de-cookies|cookies-policy|datenschutz|privacy|confidentialit/i;

export interface CrawlLink {
  href: string;
  /** What the link says: its text, or its label or title. */
  text?: string;
  /** Inside a consent manager's banner or dialog. */
  inConsentUi?: boolean;
}

export type SkipReason = 'consent' | 'changes-state';

/** The URL to visit for a link, or why the crawl must not follow it (null: not a page of this site). */
export function crawlDecision(link: CrawlLink, site: string): { url: string } | { skip: SkipReason } | null {
  let u: URL;
  try {
    u = new URL(link.href);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (siteOfUrl(u.href) !== site) return null;
  if (NOT_PAGES.test(u.pathname)) return null;
  const where = u.pathname + u.search;
  if (link.inConsentUi || CONSENT_ADDRESS.test(where) || CONSENT_WORDS.test(link.text ?? '')) return { skip: 'consent' };
  if (CHANGES_STATE.test(where)) return { skip: 'changes-state' };
  u.hash = '';
  return { url: u.href };
}

/** The URL to visit for a link, or null when the crawl must not follow it. */
export function crawlTarget(href: string, site: string, link: Omit<CrawlLink, 'href'> = {}): string | null {
  const d = crawlDecision({ href, ...link }, site);
  return d && 'url' in d ? d.url : null;
}

/** Breadth-first order of visits, without duplicates, bounded by `limit` pages in all; the policy page first. */
export class CrawlQueue {
  private readonly seen = new Set<string>();
  private readonly queue: string[] = [];
  /** Links the crawl would not follow, each once, with why. */
  readonly skipped: Array<{ url: string; text: string; reason: SkipReason }> = [];

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

  add(links: ReadonlyArray<string | CrawlLink>): void {
    for (const l of links) {
      const link = typeof l === 'string' ? { href: l } : l;
      const d = crawlDecision(link, this.site);
      if (d === null) continue;
      if ('skip' in d) {
        if (!this.skipped.some((s) => s.url === link.href)) this.skipped.push({ url: link.href, text: (link.text ?? '').trim().slice(0, 80), reason: d.skip });
        continue;
      }
      if (this.seen.size >= this.limit || this.seen.has(d.url)) continue;
      this.seen.add(d.url);
      if (POLICY_LINK.test(new URL(d.url).pathname) || POLICY_LINK.test(link.text ?? '')) this.queue.unshift(d.url);
      else this.queue.push(d.url);
    }
  }

  next(): string | undefined {
    return this.queue.shift();
  }
}
