import { compileName, type DeclaredCookie, type DeclaredList } from './declared';
import type { ObservedCookie } from './jar';

export interface Comparison {
  declaredPresent: Array<{ observed: ObservedCookie; declared: DeclaredCookie }>;
  undeclared: ObservedCookie[];
  /** Declared cookies no observed cookie matched. */
  missing: DeclaredCookie[];
}

/**
 * Compiles a declared list once. Exact names go to a hash map (O(1) per cookie); patterns are
 * tried in order after. An exact name wins over a pattern, and the first pattern wins among patterns.
 */
export function makeMatcher(list: DeclaredList): (cookieName: string) => DeclaredCookie | undefined {
  const exact = new Map<string, DeclaredCookie>();
  const patterns: Array<{ test: (n: string) => boolean; declared: DeclaredCookie }> = [];
  for (const d of list.cookies) {
    if (d.name.includes('*')) patterns.push({ test: compileName(d.name), declared: d });
    else if (!exact.has(d.name)) exact.set(d.name, d);
  }
  return (name) => exact.get(name) ?? patterns.find((p) => p.test(name))?.declared;
}

/** Sorts observed cookies into the three groups an auditor reads. */
export function compare(observed: readonly ObservedCookie[], list: DeclaredList): Comparison {
  const match = makeMatcher(list);
  const result: Comparison = { declaredPresent: [], undeclared: [], missing: [] };
  const seen = new Set<DeclaredCookie>();
  for (const o of observed) {
    const d = match(o.cookie.name);
    if (d) {
      result.declaredPresent.push({ observed: o, declared: d });
      seen.add(d);
    } else {
      result.undeclared.push(o);
    }
  }
  result.missing = list.cookies.filter((d) => !seen.has(d));
  return result;
}
