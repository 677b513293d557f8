import type { Category, How, Known, KnownCookie } from './classify';
import { compileKnowledge, RuleIndex, vendorOfHost, type VendorEntry, type VendorKnowledge } from './vendors/knowledge';
import { leadOf } from './vendors/pattern';
import type { VendorFile, Where } from './vendors/types';

// The classification engine over its three sources (precedence in classify.ts): built from any
// tables, so that tests can hold it to its rules with tables of their own.

/** One entry of any source, indexed alike. */
interface Rule {
  name: string;
  vendor: string;
  vendorId?: string;
  category: Category;
  source: string;
  purpose?: string;
  consentRecord?: boolean;
  origin: 'curated' | 'vendor' | 'database';
  /** Curated and database rows: only on this registrable domain. */
  domain?: string;
  /** Vendor rules: where the vendor writes it, and its sites. */
  where?: Where;
  sites?: readonly string[];
  test?: RegExp;
  literal: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function tableRule(k: KnownCookie, origin: Rule['origin']): Rule {
  const prefix = k.name.endsWith('*') ? k.name.slice(0, -1) : undefined;
  return {
    name: k.name,
    vendor: k.vendor,
    category: k.category,
    source: k.source,
    origin,
    ...(k.domain !== undefined ? { domain: k.domain } : {}),
    literal: (prefix ?? k.name).length,
    ...(prefix !== undefined ? { test: new RegExp(`^${escape(prefix)}[\\s\\S]*$`) } : {}),
  };
}

const leadOfTable = (r: Rule): string => (r.name.endsWith('*') ? r.name.slice(0, -1) : r.name);

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

function ofVendor(r: Rule, v: VendorEntry | undefined): boolean {
  if (!v) return false;
  if (r.vendorId !== undefined) return r.vendorId === v.id;
  const a = norm(r.vendor);
  const b = norm(v.name);
  return a !== '' && b !== '' && (a.startsWith(b) || b.startsWith(a));
}

function known(r: Rule, how: How): Known {
  return {
    category: r.category,
    vendor: r.vendor,
    how,
    source: r.source,
    rule: r.name,
    ...(r.purpose !== undefined ? { purpose: r.purpose } : {}),
    ...(r.consentRecord ? { consentRecord: true } : {}),
  };
}

/** The first candidate that holds, the setter's vendor's own first; curated rows bound to the cookie's domain before general ones. */
function pick(candidates: readonly Rule[], holds: (r: Rule) => boolean, setter: VendorEntry | undefined): Rule | undefined {
  const ok = candidates.filter(holds);
  return ok.find((r) => ofVendor(r, setter)) ?? ok.find((r) => r.origin === 'curated' && r.domain !== undefined) ?? ok[0];
}

export interface Sources {
  curated: readonly KnownCookie[];
  vendors: readonly VendorFile[];
  database: readonly KnownCookie[];
}

export class Classifier {
  readonly knowledge: VendorKnowledge;
  private readonly names: RuleIndex<Rule>;
  private readonly db: RuleIndex<Rule>;

  constructor(sources: Sources) {
    this.knowledge = compileKnowledge(sources.vendors);
    const curated = sources.curated.map((k) => tableRule(k, 'curated'));
    const vendor = this.knowledge.cookieRules.map((r): Rule => ({ ...r, origin: 'vendor' }));
    this.names = new RuleIndex<Rule>([...curated, ...vendor], (r) => (r.origin === 'vendor' ? leadOf(r.name) : leadOfTable(r)));
    this.db = new RuleIndex<Rule>(sources.database.map((k) => tableRule(k, 'database')), leadOfTable);
  }

  /** The known vendor a script or response URL comes from. */
  vendorOfUrl(url: string | null | undefined): VendorEntry | undefined {
    if (!url) return undefined;
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return undefined;
    }
    return host ? vendorOfHost(this.knowledge, host) : undefined;
  }

  knownCookie(name: string, cookieSite: string, setterUrl?: string | null): Known | undefined {
    const setter = this.vendorOfUrl(setterUrl);
    const holds = (r: Rule): boolean => {
      if (r.origin === 'vendor') return r.where !== 'vendor' || (r.sites ?? []).includes(cookieSite);
      if (r.domain === undefined || r.domain === cookieSite) return true;
      if (r.origin !== 'database') return false;
      // A database row filed under a vendor's domain also holds on the site's own domain where a script
      // or response from that vendor set it, or where the vendor documents writing this name there.
      const owner = vendorOfHost(this.knowledge, r.domain);
      if (!owner) return false;
      if (owner === setter) return true;
      return [...this.knowledge.cookies.exactly(name), ...this.knowledge.cookies.patterns(name)].some((x) => x.vendorId === owner.id && x.where !== 'vendor');
    };
    const exact = pick(this.names.exactly(name), holds, setter);
    if (exact) return known(exact, 'exact');
    const family = pick(this.names.patterns(name), holds, setter);
    if (family) return known(family, 'family');
    const db = pick(this.db.exactly(name), holds, setter) ?? pick(this.db.patterns(name), holds, setter);
    if (db) return known(db, 'database');
    if (setter) {
      // Marked as known by its setter, so that an auditor tells it apart from a match by name.
      const host = new URL(setterUrl as string).hostname;
      return { category: setter.category, vendor: setter.name, how: 'setter', source: setter.source, rule: host };
    }
    return undefined;
  }

  /**
   * A name the tables know, for reading names out of a policy's sentences. A plain lowercase word
   * only the vendors' documentation knows (`cart`, `language`) is more likely English than a cookie.
   */
  isKnownName(name: string): boolean {
    if (!this.knownCookie(name, '')) return false;
    if (!/^[a-z]+$/.test(name)) return true;
    return this.names.exactly(name).some((r) => r.origin === 'curated') || this.db.exactly(name).length > 0;
  }
}
