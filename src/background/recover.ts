import browser from 'webextension-polyfill';
import { missedChange, missedCookies, snapshotOf } from '../core/evidence/missed';
import { jarCookieOf, writesWithoutChange } from '../core/evidence/recover';
import { flush, getJarSnapshot, loadFacts, newId, putChange, putJarSnapshot } from './audit-store';
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
  const jar = (await Promise.all(stores.map(allCookies))).flat().map(toCookieState);
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

async function wholeJar() {
  const stores = await browser.cookies.getAllCookieStores();
  return (await Promise.all(stores.map((s) => allCookies(s.id)))).flat().map(toCookieState);
}

// An event may still be on its way to this worker when the jar is read: a cookie is counted as
// missed only if, this long after, no change for it has arrived.
const CONFIRM_MS = 1_000;
let checked = false;

/**
 * Records the cookies set while no worker listened (core/evidence/missed), then takes a new
 * snapshot of the jar. Run once per worker, after the events of its start have arrived.
 */
export async function recoverMissedCookies(): Promise<number> {
  const snapshot = await getJarSnapshot();
  let recovered = 0;
  if (snapshot) {
    const at = Date.now();
    const jar = await wholeJar();
    let facts = await loadFacts();
    let missed = facts.tabs.length === 0 ? [] : missedCookies(jar, snapshot, facts.changes, facts.summaries);
    if (missed.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, CONFIRM_MS));
      facts = await loadFacts();
      missed = missedCookies(missed, snapshot, facts.changes, facts.summaries);
    }
    for (const cookie of missed) putChange(missedChange(newId(at), cookie, at, snapshot));
    recovered = missed.length;
    await flush();
  }
  await putJarSnapshot(snapshotOf(await wholeJar(), Date.now()));
  checked = true;
  return recovered;
}

let deferred = false;
/** Whether this worker has looked for missed cookies; until then the changes that explain the snapshot must stay. */
export function missedCookiesChecked(): boolean {
  deferred ||= !checked;
  return checked;
}

/** Whether a prune waited for the look for missed cookies (the badge update after it prunes). */
export function pruneDeferred(): boolean {
  return deferred;
}

/** Before changes are forgotten, the snapshot takes over what they told (a later worker must not count their cookies as missed). */
export async function refreshJarSnapshot(): Promise<void> {
  await putJarSnapshot(snapshotOf(await wholeJar(), Date.now()));
}
