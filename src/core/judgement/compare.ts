import { compileName, type DeclaredCookie, type DeclaredList } from '../declared/declared';
import { declaredPattern } from '../declared/name-forms';
import type { ObservedCookie } from '../evidence/jar';
import { familyOfStem, type CookieFamily } from './known-families';

/** How an observed name met its declared entry: the same name, a declared pattern, or a vendor's family of names. */
export type DeclaredMatch = { kind: 'exact' } | { kind: 'pattern'; pattern: string } | { kind: 'family'; family: CookieFamily };

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
export function makeMatcher(list: DeclaredList): (cookieName: string) => Matched | undefined {
  const exact = new Map<string, DeclaredCookie>();
  const families: Matched[] = [];
  const byPrefix = new Map<string, Pattern[]>();
  list.cookies.forEach((d, order) => {
    const family = familyOfStem(d.name.trim());
    if (family && !families.some((f) => f.match.kind === 'family' && f.match.family === family)) families.push({ declared: d, match: { kind: 'family', family } });
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
  return (name) => {
    const hit = exact.get(name);
    if (hit) return { declared: hit, match: EXACT };
    const inFamily = families.find((f) => f.match.kind === 'family' && f.match.family.test.test(name));
    if (inFamily) return inFamily;
    let best: Pattern | undefined;
    for (const len of lengths) {
      if (len > name.length) break;
      for (const p of byPrefix.get(name.slice(0, len)) ?? []) {
        if ((!best || p.order < best.order) && p.test(name)) best = p;
      }
    }
    return best ? { declared: best.declared, match: { kind: 'pattern', pattern: best.declared.name } } : undefined;
  };
}

/** Sorts observed cookies into the three groups an auditor reads. */
export function compare(observed: readonly ObservedCookie[], list: DeclaredList): Comparison {
  const match = makeMatcher(list);
  const result: Comparison = { declaredPresent: [], undeclared: [], missing: [] };
  const seen = new Set<DeclaredCookie>();
  for (const o of observed) {
    const m = match(o.cookie.name);
    if (m) {
      result.declaredPresent.push({ observed: o, ...m });
      seen.add(m.declared);
    } else {
      result.undeclared.push(o);
    }
  }
  result.missing = list.cookies.filter((d) => !seen.has(d));
  return result;
}
