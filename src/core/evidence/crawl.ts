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

/** A page a crawl showed in one of its tabs, from the moment it was asked for until the tab's next page. */
export interface CrawlVisit {
  tab: number;
  from: number;
}

/**
 * The visit on which each cookie first appeared, by index into `visits`. Each tab's audit says when
 * it first saw each cookie (`seen`: tab → cookie ref → time); that tab was then showing its last
 * page asked for before that time. Across tabs the earliest wins, then the earlier visit. Work it
 * out from the tabs' final audits: while a crawl runs, a cookie another tab's script wrote can sit
 * in every tab of the site until that script's write reaches the worker.
 */
export function firstVisits(visits: readonly CrawlVisit[], seen: ReadonlyMap<number, ReadonlyMap<string, number>>): Map<string, number> {
  const best = new Map<string, { at: number; visit: number }>();
  for (const [tab, cookies] of seen) {
    const ofTab = visits.map((v, i) => ({ ...v, i })).filter((v) => v.tab === tab).sort((a, b) => a.from - b.from || a.i - b.i);
    const first = ofTab[0];
    if (first === undefined) continue;
    for (const [ref, at] of cookies) {
      let visit = first.i;
      for (const v of ofTab) if (v.from <= at) visit = v.i;
      const was = best.get(ref);
      if (!was || at < was.at || (at === was.at && visit < was.visit)) best.set(ref, { at, visit });
    }
  }
  return new Map([...best].map(([ref, b]) => [ref, b.visit]));
}
