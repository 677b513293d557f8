import { cookieKey, type CookieChange, type CookieState } from './cookie';
import { siteOfHost } from './party';
import type { TabSummary } from './summary';

// Chromium drops the events of a service worker it stops while the worker is still starting: a
// page loaded in that moment sets its cookies with no listener told (measured: the worker started
// 20 ms after the page's load, and was stopped before any event reached it). Neither a change nor
// the write that caused it is then on record, so only the jar can tell. A worker keeps a snapshot
// of which cookies the jar held for the sites being audited; the next worker finds the cookies of
// those sites that are in the jar now, were not in the snapshot, and that no stored change or
// summary accounts for: they were set while no worker listened. Only the audited sites are read
// (a whole jar of 6,400 cookies took 370–590 ms to read in the worker), and the snapshot keeps a
// digest of each cookie's identity, never names or values.

export interface JarSnapshot {
  /** The sites it covers (`coverKey`), each with when its cookies were read. */
  covers: Record<string, number>;
  digests: string[];
}

/** A site of a cookie store, as a snapshot covers it. */
export function coverKey(storeId: string, site: string): string {
  return `${storeId}|${site}`;
}

/** A 53-bit digest of a cookie's identity (store, partition, domain, path, name), in base 36. */
export function cookieDigest(c: Pick<CookieState, 'storeId' | 'partitionSite' | 'domain' | 'path' | 'name'>): string {
  const key = cookieKey(c);
  // cyrb53: a fast string hash with few collisions; a collision only hides a missed cookie.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The snapshot of the cookies read for these sites at `at`. */
export function snapshotOf(jar: readonly CookieState[], sites: readonly string[], at: number): JarSnapshot {
  return { covers: Object.fromEntries(sites.map((s) => [s, at])), digests: [...new Set(jar.map(cookieDigest))] };
}

/** A snapshot that also covers a site, whose cookies were read at `at`. */
export function withSite(snapshot: JarSnapshot | undefined, site: string, jar: readonly CookieState[], at: number): JarSnapshot {
  if (!snapshot) return snapshotOf(jar, [site], at);
  return { covers: { ...snapshot.covers, [site]: at }, digests: [...new Set([...snapshot.digests, ...jar.map(cookieDigest)])] };
}

/**
 * The snapshot, once the changes and summaries about to be forgotten are folded in: what they told
 * (these cookies existed) must not be taken later for a missed cookie. Removals are not folded: a
 * snapshot only grows between two looks at the jar.
 */
export function grownSnapshot(snapshot: JarSnapshot, changes: readonly CookieChange[], summaries: readonly TabSummary[]): JarSnapshot {
  const digests = new Set(snapshot.digests);
  for (const c of changes) if (!c.removed) digests.add(cookieDigest(c.cookie));
  for (const s of summaries) for (const o of s.cookies) digests.add(cookieDigest(o.cookie));
  return { covers: snapshot.covers, digests: [...digests] };
}

/** When the snapshot last saw this cookie's site without it, if it covers that site. */
export function coveredSince(snapshot: JarSnapshot, c: Pick<CookieState, 'storeId' | 'domain'>): number | undefined {
  return snapshot.covers[coverKey(c.storeId, siteOfHost(c.domain))];
}

/** The jar's cookies set while no worker listened: of a covered site, not in the snapshot, and no change or summary holds them. */
export function missedCookies(jar: readonly CookieState[], snapshot: JarSnapshot, changes: readonly CookieChange[], summaries: readonly TabSummary[]): CookieState[] {
  const before = new Set(snapshot.digests);
  const known = new Set([...changes.map((c) => cookieKey(c.cookie)), ...summaries.flatMap((s) => s.cookies.map((o) => o.key))]);
  return jar.filter((c) => coveredSince(snapshot, c) !== undefined && !before.has(cookieDigest(c)) && !known.has(cookieKey(c)));
}

/** The change recorded for a missed cookie: found at `at`, absent when its site was last read. */
export function missedChange(id: string, cookie: CookieState, at: number, snapshot: JarSnapshot): CookieChange {
  return { id, at, removed: false, cause: 'explicit', cookie, missedSince: coveredSince(snapshot, cookie) ?? at };
}
