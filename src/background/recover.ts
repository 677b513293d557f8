import { jarCookieOf, writesWithoutChange } from '../core/evidence/recover';
import { flush, loadFacts, newId, putChange } from './audit-store';
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
