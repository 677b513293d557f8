import { importedCookies } from './imported-cookies';
import { CURATED_COOKIES } from './known-cookies';
import { Classifier } from './classifier';
import { VENDOR_FILES } from './vendors/files';
import type { VendorEntry, VendorKnowledge } from './vendors/knowledge';
import type { Category } from './category';

// Vendor and category of a cookie, and how that was found. Precedence, first that answers:
// 1. exact: the name as the curated table (known-cookies.ts) or a vendor's documentation
//    (vendors/data/*.json) writes it, curated first;
// 2. family: a documented prefix or `{…}` pattern, the most fixed text first;
// 3. database: the imported Open Cookie Database (imported-cookies.ts), exact rows before prefixes;
// 4. setter: an unknown name written by a script (or set by a response) from a known vendor's domain.
// Within a step, an entry of the vendor whose script set the cookie is preferred. The site's declared
// list wins over all of these: the report asks here only for undeclared cookies' defaults (the Open
// Cookie Database lists `sessionid` as an Instagram cookie, which is wrong on a Django portal).
// `npm run cookie-db -- --check` reports where the sources disagree.

export { CATEGORIES, needsConsent, type Category } from './category';

/** How a classification was made: the name, a documented pattern, the database, or the setter. */
export type How = 'exact' | 'family' | 'database' | 'setter';
export const HOWS: readonly How[] = ['exact', 'family', 'database', 'setter'];


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
  /** Absent when unknown. */
  how?: How;
  /** Where the classification comes from: a URL, or the database row and its URL. */
  source?: string;
  /** The entry that matched as its source writes it (`_hjSession_{site_id}`, `_pk_id.*`), or the setter's host. */
  rule?: string;
  /** What the vendor documents it is for (vendor knowledge base only). */
  purpose?: string;
  /** The vendor documents it as its record of the visitor's choice (a consent manager's, vendor knowledge base only). */
  consentRecord?: boolean;
}

export type Known = Classification & { how: How; source: string; rule: string; vendor: string };

let shared: Classifier | undefined;

/** The shipped tables, indexed on the first lookup (a report), not when the background starts. */
function tables(): Classifier {
  shared ??= new Classifier({ curated: CURATED_COOKIES, vendors: VENDOR_FILES, database: importedCookies() });
  return shared;
}

/** The compiled vendor knowledge base (for `--check`). */
export function vendorKnowledge(): VendorKnowledge {
  return tables().knowledge;
}

/** The known vendor a script or response URL comes from. */
export function vendorOfUrl(url: string | null | undefined): VendorEntry | undefined {
  return tables().vendorOfUrl(url);
}

/**
 * What the tables know of a cookie `name` on registrable domain `cookieSite`, written by a script
 * or a response from `setterUrl` when the audit knows it. Undefined when nothing knows it.
 */
export function knownCookie(name: string, cookieSite: string, setterUrl?: string | null): Known | undefined {
  return tables().knownCookie(name, cookieSite, setterUrl);
}

/** A name the tables know, for reading names out of a policy's sentences (Classifier.isKnownName). */
export function isKnownCookieName(name: string): boolean {
  return tables().isKnownName(name);
}

/** Vendor and category of a cookie, and how they were found; `unknown` with no vendor when nothing knows it. */
export function classify(name: string, cookieSite: string, setterUrl?: string | null): Classification {
  return knownCookie(name, cookieSite, setterUrl) ?? { category: 'unknown', vendor: null };
}
