import { refusalCandidates, refusalOf, REFUSAL_GRACE_MS, storedInJar, withoutLaterChange } from '../core/evidence/refusal';
import { MATCH_WINDOW_MS } from '../core/evidence/attribute';
import { writesWithoutChange, type LostWrite } from '../core/evidence/recover';
import { putRefusal, type StoredFacts } from './audit-store';
import { allCookies, toCookieState } from './platform';

// Records the writes the browser refused: a write that no stored change followed, whose cookie is
// not in the jar (at the size it wrote) once REFUSAL_GRACE_MS have passed. A write whose cookie is
// in the jar was stored (Firefox reports no change when a write leaves a cookie as it was) and is
// never asked about again.

const stored = new Set<string>(); // a cache of jar answers: after a restart they are asked again, harmlessly

/** Writes no change answered, of audited tabs, that the jar has not shown stored. */
function lostWrites(facts: StoredFacts): LostWrite[] {
  const storeOf = new Map(facts.tabs.map((t) => [t.tabId, t.storeId]));
  // A summary removes the changes it folds, not every write they answered: writes up to its end
  // (and the matching window after it) may have had their change folded, so they are never asked about.
  const auditOf = new Map(facts.tabs.map((t) => [t.tabId, t.auditId]));
  const foldedUntil = new Map(facts.summaries.map((s) => [s.auditId, s.through + MATCH_WINDOW_MS]));
  return withoutLaterChange(writesWithoutChange(facts.changes, facts.headers, facts.scripts), facts.changes).filter(
    (w) => storeOf.has(w.tabId) && !stored.has(w.ref) && w.at > (foldedUntil.get(auditOf.get(w.tabId) ?? '') ?? -Infinity),
  );
}

/**
 * A tab's writes whose refusal is still undecided: neither recorded as refused nor found in the jar.
 * `due` counts those old enough to be asked about now (the next badge update asks).
 */
export function pendingRefusals(facts: StoredFacts, tabId: number): { pending: number; due: number } {
  const recorded = new Set(facts.refusals.map((r) => r.id));
  const open = lostWrites(facts).filter((w) => w.tabId === tabId && !recorded.has(w.ref));
  const now = Date.now();
  return { pending: open.length, due: open.filter((w) => now - w.at >= REFUSAL_GRACE_MS).length };
}

/** Records what is due; true when some writes are still too young to ask about. */
export async function recordRefusals(facts: StoredFacts): Promise<boolean> {
  const recorded = new Set(facts.refusals.map((r) => r.id));
  const storeOf = new Map(facts.tabs.map((t) => [t.tabId, t.storeId]));
  const lost = lostWrites(facts);
  const now = Date.now();
  const due = refusalCandidates(lost, recorded, now);
  if (due.length > 0) {
    const stores = [...new Set(due.map((w) => storeOf.get(w.tabId) as string))];
    const jar = (await Promise.all(stores.map((s) => allCookies(s)))).flat().map(toCookieState);
    for (const w of due) {
      if (storedInJar(w, jar)) stored.add(w.ref);
      else putRefusal(refusalOf(w));
    }
  }
  return lost.some((w) => !recorded.has(w.ref) && now - w.at < REFUSAL_GRACE_MS);
}
