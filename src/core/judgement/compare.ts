import { compileName, type DeclaredCookie, type DeclaredList, type DeclaredProvider } from '../declared/declared';
import { declaredPattern } from '../declared/name-forms';
import type { ObservedCookie } from '../evidence/jar';
import { siteOfHost } from '../evidence/party';
import { knownCookie } from './classify';
import { familyOfStem, type CookieFamily } from './known-families';

/**
 * How an observed name met its declared entry: the same name, a declared pattern, a vendor's
 * family of names, or only its provider (a policy row naming the provider and no cookie).
 */
export type DeclaredMatch =
  | { kind: 'exact' }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'family'; family: CookieFamily }
  | { kind: 'provider'; provider: DeclaredProvider };

export interface Matched {
  declared: DeclaredCookie;
  match: DeclaredMatch;
}

export interface Comparison {
  declaredPresent: Array<{ observed: ObservedCookie } & Matched>;
  undeclared: ObservedCookie[];
  /** Declared cookies no observed cookie matched. */
  missing: DeclaredCookie[];
}

interface Pattern {
  order: number;
  test: (n: string) => boolean;
  declared: DeclaredCookie;
}

const EXACT: DeclaredMatch = { kind: 'exact' };

/**
 * Compiles a declared list once. Exact names go to a hash map (O(1) per cookie). A declared name
 * that is a known family's stem (`_pk_id`) also matches that family's names, and only those.
 * Patterns, placeholders included (`_ga_xxx`), are bucketed by their fixed text before the first
 * `*`, so a cookie is tested only against the patterns whose prefix it starts with: a list of 1,000
 * patterns costs a few lookups, not 1,000 regexes. An exact name wins over a family, a family over
 * a pattern, and the first pattern in the list wins among patterns.
 */
export function makeMatcher(list: DeclaredList): (cookieName: string, cookieSite?: string) => Matched | undefined {
  const exact = new Map<string, DeclaredCookie>();
  const families: Array<{ declared: DeclaredCookie; family: CookieFamily }> = [];
  const byPrefix = new Map<string, Pattern[]>();
  list.cookies.forEach((d, order) => {
    const family = familyOfStem(d.name.trim());
    if (family && !families.some((f) => f.family === family)) families.push({ declared: d, family });
    const pattern = declaredPattern(d.name);
    if (pattern === null) {
      if (!exact.has(d.name)) exact.set(d.name, d);
      return;
    }
    const prefix = pattern.slice(0, pattern.indexOf('*'));
    const bucket = byPrefix.get(prefix) ?? [];
    bucket.push({ order, test: compileName(d.name), declared: d });
    byPrefix.set(prefix, bucket);
  });
  const lengths = [...new Set([...byPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  const byProvider = providerMatcher(list.providers ?? []);
  return (name, site) => {
    const hit = exact.get(name);
    if (hit) return { declared: hit, match: EXACT };
    const inFamily = families.find((f) => f.family.test.test(name));
    if (inFamily) return { declared: inFamily.declared, match: { kind: 'family', family: inFamily.family } };
    let best: Pattern | undefined;
    for (const len of lengths) {
      if (len > name.length) break;
      for (const p of byPrefix.get(name.slice(0, len)) ?? []) {
        if ((!best || p.order < best.order) && p.test(name)) best = p;
      }
    }
    if (best) return { declared: best.declared, match: { kind: 'pattern', pattern: best.declared.name } };
    return site === undefined ? undefined : byProvider(name, site);
  };
}

const norm = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Providers declared as a whole: a cookie the known-cookie table gives to that vendor is declared
 * by its provider ("Google" covers "Google Analytics"; "Matomo" covers Matomo's cookies).
 */
function providerMatcher(providers: readonly DeclaredProvider[]): (name: string, site: string) => Matched | undefined {
  if (providers.length === 0) return () => undefined;
  const named = providers.map((p) => ({ p, key: norm(p.provider) })).filter((x) => x.key !== '');
  return (name, site) => {
    const vendor = knownCookie(name, site)?.vendor;
    if (!vendor) return undefined;
    const v = norm(vendor);
    const hit = named.find((x) => v === x.key || v.startsWith(`${x.key} `));
    if (!hit) return undefined;
    const declared: DeclaredCookie = { name: hit.p.provider, provider: hit.p.provider, function: hit.p.function, purpose: hit.p.purpose, ...(hit.p.category ? { category: hit.p.category } : {}) };
    return { declared, match: { kind: 'provider', provider: hit.p } };
  };
}

/** Sorts observed cookies into the three groups an auditor reads. */
export function compare(observed: readonly ObservedCookie[], list: DeclaredList): Comparison {
  const match = makeMatcher(list);
  const result: Comparison = { declaredPresent: [], undeclared: [], missing: [] };
  const seen = new Set<DeclaredCookie>();
  for (const o of observed) {
    const m = match(o.cookie.name, siteOfHost(o.cookie.domain));
    if (m) {
      result.declaredPresent.push({ observed: o, ...m });
      if (m.match.kind !== 'provider') seen.add(m.declared);
    } else {
      result.undeclared.push(o);
    }
  }
  result.missing = list.cookies.filter((d) => !seen.has(d));
  return result;
}
