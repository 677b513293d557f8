import { compileName, type DeclaredCookie, type DeclaredList } from '../declared/declared';
import type { ObservedCookie } from '../evidence/jar';

export interface Comparison {
  declaredPresent: Array<{ observed: ObservedCookie; declared: DeclaredCookie }>;
  undeclared: ObservedCookie[];
  /** Declared cookies no observed cookie matched. */
  missing: DeclaredCookie[];
}

interface Pattern {
  order: number;
  test: (n: string) => boolean;
  declared: DeclaredCookie;
}

/**
 * Compiles a declared list once. Exact names go to a hash map (O(1) per cookie). Patterns are
 * bucketed by their fixed text before the first `*`, so a cookie is tested only against the
 * patterns whose prefix it starts with: a list of 1,000 patterns costs a few lookups, not 1,000 regexes.
 * An exact name wins over a pattern, and the first pattern in the list wins among patterns.
 */
export function makeMatcher(list: DeclaredList): (cookieName: string) => DeclaredCookie | undefined {
  const exact = new Map<string, DeclaredCookie>();
  const byPrefix = new Map<string, Pattern[]>();
  list.cookies.forEach((d, order) => {
    if (!d.name.includes('*')) {
      if (!exact.has(d.name)) exact.set(d.name, d);
      return;
    }
    const prefix = d.name.slice(0, d.name.indexOf('*'));
    const bucket = byPrefix.get(prefix) ?? [];
    bucket.push({ order, test: compileName(d.name), declared: d });
    byPrefix.set(prefix, bucket);
  });
  const lengths = [...new Set([...byPrefix.keys()].map((p) => p.length))].sort((a, b) => a - b);
  return (name) => {
    const hit = exact.get(name);
    if (hit) return hit;
    let best: Pattern | undefined;
    for (const len of lengths) {
      if (len > name.length) break;
      for (const p of byPrefix.get(name.slice(0, len)) ?? []) {
        if ((!best || p.order < best.order) && p.test(name)) best = p;
      }
    }
    return best?.declared;
  };
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
