import type { CookieChange, CookieState } from '../core/evidence/cookie';
import { coverKey, grownSnapshot, missedChange, missedCookies, snapshotOf, withSite, type JarSnapshot } from '../core/evidence/missed';
import type { TabSummary } from '../core/evidence/summary';
import { jarCookieOf, writesWithoutChange } from '../core/evidence/recover';
import { flush, getJarSnapshot, loadFacts, newId, putChange, putJarSnapshot, removeJarSnapshot } from './audit-store';
import { allCookies, toCookieState } from './platform';

// Records the cookie changes a forcibly stopped worker missed: a write is on record, its cookie is
// in the jar, but no change is. Run when a worker starts, and once more shortly after, when the
// page hook's late messages have arrived.
export async function recoverLostChanges(): Promise<number> {
  const facts = await loadFacts();
  if (facts.tabs.length === 0) return 0;
  const lost = writesWithoutChange(facts.changes, facts.headers, facts.scripts);
  if (lost.length === 0) return 0;
  const stores = [...new Set(facts.tabs.map((t) => t.storeId))];
  const jar = (await Promise.all(stores.map((s) => allCookies(s)))).flat().map(toCookieState);
  let recovered = 0;
  for (const w of lost) {
    const cookie = jarCookieOf(w, jar);
    if (!cookie) continue;
    putChange({ id: newId(w.at), at: w.at, removed: false, cause: 'explicit', cookie });
    recovered++;
  }
  await flush();
  return recovered;
}

/** The cookies of one audited site (its domain and subdomains) in one store. */
async function cookiesOfSite(cover: string): Promise<CookieState[]> {
  const [storeId, site] = cover.split('|') as [string, string];
  return (await allCookies(storeId, site)).map(toCookieState);
}

// An event may still be on its way to this worker when the jar is read: a cookie is counted as
// missed only if, this long after, no change for it has arrived.
const CONFIRM_MS = 1_000;
let checked = false;
let deferred = false;
// Snapshot updates run one after another (each reads, then writes the one key).
let snapshotQueue: Promise<unknown> = Promise.resolve();
function updateSnapshot<T>(update: () => Promise<T>): Promise<T> {
  const run = snapshotQueue.then(update);
  snapshotQueue = run.catch(() => undefined);
  return run;
}

/**
 * Records the cookies set while no worker listened (core/evidence/missed), and takes a new
 * snapshot of the audited sites' cookies. Run once per worker, after the events of its start have arrived.
 */
export function recoverMissedCookies(): Promise<number> {
  return updateSnapshot(async () => {
    try {
      const snapshot = await getJarSnapshot();
      let facts = await loadFacts();
      const sites = [...new Set(facts.tabs.map((t) => coverKey(t.storeId, t.site)))];
      // No audit to hold a missed cookie: the snapshot stays as it is, grown at each prune.
      if (sites.length === 0) return 0;
      const at = Date.now();
      const jar = (await Promise.all(sites.map(cookiesOfSite))).flat();
      let missed = snapshot ? missedCookies(jar, snapshot, facts.changes, facts.summaries) : [];
      if (snapshot && missed.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, CONFIRM_MS));
        facts = await loadFacts();
        missed = missedCookies(missed, snapshot, facts.changes, facts.summaries);
        for (const cookie of missed) putChange(missedChange(newId(at), cookie, at, snapshot));
        await flush();
      }
      // Whatever changed since the jar was read, this worker heard: its changes are on record.
      await storeSnapshot(snapshotOf(jar, sites, at));
      return missed.length;
    } catch (e) {
      // With no snapshot, a later worker looks for no missed cookie rather than risk a wrong one.
      await removeJarSnapshot().catch(() => undefined);
      throw e;
    } finally {
      checked = true;
    }
  });
}

async function storeSnapshot(snapshot: JarSnapshot): Promise<void> {
  try {
    await putJarSnapshot(snapshot);
  } catch {
    // Storage is full. Removing makes room; it does not fail for lack of it.
    await removeJarSnapshot();
  }
}

const coveredHere = new Set<string>();
/**
 * An audit started: the snapshot covers its site from now on, so that a later worker can tell
 * which of its cookies came while none listened. Until this is stored, the site is not looked at.
 */
export function coverSite(storeId: string, site: string): Promise<void> {
  const cover = coverKey(storeId, site);
  if (coveredHere.has(cover)) return Promise.resolve();
  coveredHere.add(cover);
  return updateSnapshot(async () => {
    const snapshot = await getJarSnapshot();
    if (snapshot?.covers[cover] !== undefined) return;
    const at = Date.now();
    await storeSnapshot(withSite(snapshot, cover, await cookiesOfSite(cover), at));
  }).catch(() => void coveredHere.delete(cover));
}

/** Whether this worker has looked for missed cookies; until then the changes that explain the snapshot must stay. */
export function missedCookiesChecked(): boolean {
  deferred ||= !checked;
  return checked;
}

/** Whether a prune waited for the look for missed cookies (the badge update after it prunes). */
export function pruneDeferred(): boolean {
  return deferred;
}

/** Before changes and summaries are forgotten, the snapshot takes over what they told. */
export function foldIntoSnapshot(changes: readonly CookieChange[], summaries: readonly TabSummary[]): Promise<void> {
  return updateSnapshot(async () => {
    const snapshot = await getJarSnapshot();
    // No snapshot: the next look at the jar takes one, with these cookies in it.
    if (snapshot) await storeSnapshot(grownSnapshot(snapshot, changes, summaries));
  });
}
