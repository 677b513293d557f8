import { importedCookies } from './imported-cookies';
import { CURATED_COOKIES } from './known-cookies';

// Vendor and category of a cookie from the tables of well-known cookies. The curated table
// (known-cookies.ts) wins over an imported Open Cookie Database (imported-cookies.ts), and the
// site's declared list wins over both: the report asks here only for undeclared cookies' defaults
// (the Open Cookie Database lists `sessionid` as an Instagram cookie, which is wrong on a Django portal).

export type Category = 'necessary' | 'functional' | 'analytics' | 'advertising' | 'unknown';

export const CATEGORIES: readonly Category[] = ['necessary', 'functional', 'analytics', 'advertising', 'unknown'];

/** Categories that need the visitor's consent before they are set. */
export function needsConsent(category: Category): boolean {
  return category === 'analytics' || category === 'advertising';
}

export interface KnownCookie {
  /** Exact name, or a prefix ending in `*`. */
  name: string;
  vendor: string;
  category: Category;
  /** Only when the cookie is on this registrable domain (third-party cookies of a vendor). */
  domain?: string;
  source: string;
}

export interface Classification {
  category: Category;
  vendor: string | null;
}

/** A table indexed for lookups: exact names in a map, prefixes longest first. */
class CookieTable {
  private readonly exact = new Map<string, KnownCookie[]>();
  private readonly prefixes: KnownCookie[];

  constructor(entries: readonly KnownCookie[]) {
    const prefixes: KnownCookie[] = [];
    for (const k of entries) {
      if (k.name.endsWith('*')) prefixes.push(k);
      else {
        const list = this.exact.get(k.name);
        if (list) list.push(k);
        else this.exact.set(k.name, [k]);
      }
    }
    this.prefixes = prefixes.sort((a, b) => b.name.length - a.name.length);
  }

  /** The most specific entry: exact before prefix, a longer prefix before a shorter, a domain-bound entry before a general one. */
  find(name: string, cookieSite: string): KnownCookie | undefined {
    const onDomain = (k: KnownCookie): boolean => k.domain === undefined || k.domain === cookieSite;
    const exact = this.exact.get(name)?.filter(onDomain);
    if (exact && exact.length > 0) return exact.find((k) => k.domain !== undefined) ?? exact[0];
    return this.prefixes.find((k) => onDomain(k) && name.startsWith(k.name.slice(0, -1)));
  }
}

const curated = new CookieTable(CURATED_COOKIES);
// Indexed on the first lookup the curated table cannot answer, not when the background starts.
let imported: CookieTable | undefined;

export function knownCookie(name: string, cookieSite: string): KnownCookie | undefined {
  return curated.find(name, cookieSite) ?? (imported ??= new CookieTable(importedCookies())).find(name, cookieSite);
}

/** Vendor and category of a cookie by its name (and domain, for vendor third-party cookies). */
export function classify(name: string, cookieSite: string): Classification {
  const k = knownCookie(name, cookieSite);
  return k ? { category: k.category, vendor: k.vendor } : { category: 'unknown', vendor: null };
}
