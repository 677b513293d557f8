import type { Category } from '../classify';

// The vendor knowledge base's file format (one JSON file per group in data/): vendors as their own
// documentation describes them. The format is described for contributors in docs/architecture.md.

export const GROUPS = [
  'ab-testing',
  'session-replay',
  'analytics',
  'advertising',
  'chat',
  'infrastructure',
  'consent',
  'commerce',
  'cms',
  'framework',
  'payment',
] as const;
export type Group = (typeof GROUPS)[number];

/** Where a vendor documents the cookie is written: the site's own domain, the vendor's, or either. */
export type Where = 'first-party' | 'vendor' | 'both';
export const WHERE: readonly Where[] = ['first-party', 'vendor', 'both'];

export type KnownCategory = Exclude<Category, 'unknown'>;
export const KNOWN_CATEGORIES: readonly KnownCategory[] = ['necessary', 'functional', 'analytics', 'advertising'];

export interface VendorCookie {
  /** Exact, with documented dynamic parts as `{what}`. */
  name: string;
  category: KnownCategory;
  purpose: string;
  where: Where;
  lifetime?: string;
  /** A consent manager's record of the visitor's choice. */
  consentRecord?: boolean;
  /** When this entry comes from another page than the vendor's `source`. */
  source?: string;
}

export interface VendorStorage {
  kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  key: string;
  category: KnownCategory;
  purpose: string;
  where: Where;
  consentRecord?: boolean;
  source?: string;
}

export interface Vendor {
  id: string;
  name: string;
  /** Registrable domains (or a telling subdomain) its scripts are served from and its responses come from. */
  domains: string[];
  source: string;
  cookies?: VendorCookie[];
  storage?: VendorStorage[];
}

export interface VendorFile {
  group: Group;
  vendors: Vendor[];
}
