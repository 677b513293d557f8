import { siteOfHost } from '../../evidence/party';
import { hasPlaceholder, leadOf, literalOf, matchable, patternRegExp } from './pattern';
import { KNOWN_CATEGORIES, type KnownCategory, type Vendor, type VendorFile, type Where } from './types';

// The vendor knowledge base compiled for lookups: exact names in a map, `{…}` patterns as anchored
// regular expressions bucketed by their first characters (a lookup tests only the few that can
// match), and the vendors' domains for the setter rule. Compiled on first use, not at start.

export interface VendorRule {
  /** The name or key as the vendor documents it. */
  name: string;
  vendor: string;
  vendorId: string;
  category: KnownCategory;
  purpose: string;
  where: Where;
  source: string;
  /** The vendor's registrable domains: a rule `where: vendor` holds only on them. */
  sites: readonly string[];
  /** A consent manager's record of the visitor's choice (never a consent finding). */
  consentRecord?: boolean;
  /** Storage rules: the area. */
  kind?: string;
  test?: RegExp;
  /** Characters outside placeholders: the longer, the more specific. */
  literal: number;
}

export interface VendorEntry {
  id: string;
  name: string;
  source: string;
  /** The category most of its documented cookies and keys have (the more intrusive on a tie); unknown when it documents none. */
  category: KnownCategory | 'unknown';
}

/** Exact names and bucketed patterns. */
export class RuleIndex<R extends { name: string; test?: RegExp; literal: number }> {
  private readonly exact = new Map<string, R[]>();
  private readonly buckets = new Map<string, R[]>();

  constructor(rules: readonly R[], private readonly lead: (r: R) => string) {
    const sorted = [...rules].sort((a, b) => b.literal - a.literal);
    for (const r of sorted) {
      if (!r.test) push(this.exact, r.name, r);
      else push(this.buckets, this.lead(r).slice(0, 3), r);
    }
  }

  exactly(name: string): readonly R[] {
    return this.exact.get(name) ?? [];
  }

  /** Patterns whose whole shape the name has, the most fixed text first. */
  patterns(name: string): R[] {
    const out: R[] = [];
    for (const key of new Set([name.slice(0, 3), name.slice(0, 2), name.slice(0, 1), ''])) {
      for (const r of this.buckets.get(key) ?? []) if (r.test?.test(name)) out.push(r);
    }
    return out.sort((a, b) => b.literal - a.literal);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export interface VendorKnowledge {
  /** Every documented cookie, in file order. */
  cookieRules: readonly VendorRule[];
  cookies: RuleIndex<VendorRule>;
  storage: RuleIndex<VendorRule>;
  /** Registrable domain (or listed subdomain) → vendor. */
  byDomain: ReadonlyMap<string, VendorEntry>;
  vendors: readonly VendorEntry[];
}

function dominant(v: Vendor): KnownCategory | 'unknown' {
  const n = new Map<KnownCategory, number>();
  for (const e of [...(v.cookies ?? []), ...(v.storage ?? [])]) n.set(e.category, (n.get(e.category) ?? 0) + 1);
  // A tie goes to the category that needs consent: the auditor checks it rather than missing it.
  if (n.size === 0) return 'unknown';
  const order = [...KNOWN_CATEGORIES].reverse();
  return order.reduce((best, c) => ((n.get(c) ?? 0) > (n.get(best) ?? 0) ? c : best), order[0] as KnownCategory);
}

export function compileKnowledge(files: readonly VendorFile[]): VendorKnowledge {
  const cookies: VendorRule[] = [];
  const storage: VendorRule[] = [];
  const byDomain = new Map<string, VendorEntry>();
  const vendors: VendorEntry[] = [];
  for (const f of files) {
    for (const v of f.vendors) {
      const entry: VendorEntry = {
        id: v.id,
        name: v.name,
        source: v.source,
        category: dominant(v),
      };
      vendors.push(entry);
      for (const d of v.domains) if (!byDomain.has(d)) byDomain.set(d, entry);
      const sites = [...new Set(v.domains.map((d) => siteOfHost(d)))];
      const rule = (name: string, e: { category: KnownCategory; purpose: string; where: Where; source?: string; consentRecord?: boolean }): VendorRule => ({
        name,
        vendor: v.name,
        vendorId: v.id,
        category: e.category,
        purpose: e.purpose,
        where: e.where,
        source: e.source ?? v.source,
        sites,
        literal: literalOf(name).length,
        ...(e.consentRecord ? { consentRecord: true } : {}),
        ...(hasPlaceholder(name) ? { test: patternRegExp(name) } : {}),
      });
      // A name with too little fixed text would match anything: left out (and reported by --check).
      for (const c of v.cookies ?? []) if (matchable(c.name)) cookies.push(rule(c.name, c));
      for (const s of v.storage ?? []) if (matchable(s.key)) storage.push({ ...rule(s.key, s), kind: s.kind });
    }
  }
  return {
    cookieRules: cookies,
    cookies: new RuleIndex(cookies, (r) => leadOf(r.name)),
    storage: new RuleIndex(storage, (r) => leadOf(r.name)),
    byDomain,
    vendors,
  };
}

/** The vendor whose domain a host is on: the host itself or any parent domain of it. */
export function vendorOfHost(k: VendorKnowledge, host: string): VendorEntry | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (let d = h; d !== ''; d = d.includes('.') ? d.slice(d.indexOf('.') + 1) : '') {
    const v = k.byDomain.get(d);
    if (v) return v;
  }
  return undefined;
}
