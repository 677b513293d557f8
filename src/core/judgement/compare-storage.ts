import { compileName, type DeclaredList, type DeclaredProvider, type DeclaredStorage } from '../declared/declared';
import { declaredPattern } from '../declared/name-forms';
import type { ObservedStorage } from '../evidence/storage';

/**
 * How a storage item met its declaration: the same key, a declared pattern, only its provider (a
 * policy row naming the provider and no key), or a cookie of the same name (a policy that lists a
 * vendor's identifier once, as a cookie, though the vendor keeps it in storage too).
 */
export type StorageMatch =
  | { kind: 'exact' }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'provider'; provider: DeclaredProvider }
  | { kind: 'cookie'; cookie: string };

export interface StorageMatched {
  declared: DeclaredStorage;
  match: StorageMatch;
}

export interface StorageComparison {
  matched: Map<ObservedStorage, StorageMatched>;
  /** Declared storage no item matched. */
  missing: DeclaredStorage[];
}

const norm = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();

/** Sorts an audit's storage items into declared and undeclared, and finds the declared ones never seen. */
export function compareStorage(items: readonly ObservedStorage[], list: DeclaredList, vendorOf: (o: ObservedStorage) => string | null): StorageComparison {
  const declared = (list.storage ?? []).map((d) => {
    const exact = declaredPattern(d.key) === null;
    let test: (key: string) => boolean = (k) => k === d.key;
    if (!exact) {
      try {
        test = compileName(d.key);
      } catch {
        test = () => false; // a pattern that matches everything is no declaration (the reader refuses it)
      }
    }
    return { d, exact, test };
  });
  const cookies = new Map(list.cookies.filter((c) => declaredPattern(c.name) === null).map((c) => [c.name, c]));
  const providers = (list.providers ?? []).map((p) => ({ p, key: norm(p.provider) })).filter((x) => x.key !== '');
  const seen = new Set<DeclaredStorage>();
  const matched = new Map<ObservedStorage, StorageMatched>();
  for (const o of items) {
    const mine = declared.filter((x) => x.d.kind === o.area);
    const hit = mine.find((x) => x.exact && x.test(o.key)) ?? mine.find((x) => !x.exact && x.test(o.key));
    if (hit) {
      seen.add(hit.d);
      matched.set(o, { declared: hit.d, match: hit.exact ? { kind: 'exact' } : { kind: 'pattern', pattern: hit.d.key } });
      continue;
    }
    const cookie = o.area === 'indexedDB' ? undefined : cookies.get(o.key);
    if (cookie) {
      matched.set(o, { declared: { kind: o.area, key: cookie.name, provider: cookie.provider, purpose: cookie.purpose || cookie.function }, match: { kind: 'cookie', cookie: cookie.name } });
      continue;
    }
    const vendor = vendorOf(o);
    const v = vendor ? norm(vendor) : '';
    const byProvider = v === '' ? undefined : providers.find((x) => v === x.key || v.startsWith(`${x.key} `));
    if (byProvider) {
      const p = byProvider.p;
      matched.set(o, { declared: { kind: o.area, key: p.provider, provider: p.provider, purpose: p.purpose || p.function }, match: { kind: 'provider', provider: p } });
    }
  }
  return { matched, missing: (list.storage ?? []).filter((d) => !seen.has(d)) };
}
