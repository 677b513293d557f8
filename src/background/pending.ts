import type { PendingChecks } from '../shared/protocol';
import { loadFacts } from './audit-store';
import { pendingRefusals } from './refusals';
import { pendingInferences } from './recorder';
import { reportFor } from './audits';
import { scheduleBadgeUpdate } from './badge';

// The checks of a tab's evidence still under way, so that whoever waits for a settled audit (the
// command line, the popup) waits exactly as long as its evidence needs: a refused write is known
// only once the jar is asked (REFUSAL_GRACE_MS after it), a passive change's setter once its
// inference is stored, a script's write once the page's relay sent it, the page's storage once the
// relay looked at it after the load.

/** The relay looks at the page's storage this long after its load event (content/relay), and its message takes a moment. */
const STORAGE_LOOK_MS = 1_000 + 300;
/** A script's write reaches the worker apart from the cookie change it explains: the relay sends every 50 ms. */
const ATTRIBUTION_MS = 500;

// When each tab's page last finished loading, in memory: a restarted worker waits for no look it did not see.
const completedAt = new Map<number, number>();

export function pageCompleted(tabId: number, at: number): void {
  completedAt.set(tabId, at);
}

export function forgetPage(tabId: number): void {
  completedAt.delete(tabId);
}

export async function pendingChecks(tabId: number): Promise<PendingChecks> {
  const now = Date.now();
  const refusals = pendingRefusals(await loadFacts(), tabId);
  // An undecided write old enough is asked about by the next badge update: make sure one comes.
  if (refusals.due > 0) scheduleBadgeUpdate();
  const report = await reportFor(tabId, false);
  const attributions =
    report?.environment.evidence === 'full'
      ? (report.cookies.filter((c) => c.events.some((e) => e.setBy.kind === 'unknown' && (e.kind === 'set' || e.kind === 'overwrite') && now - Date.parse(e.at) < ATTRIBUTION_MS)).length)
      : 0;
  const loaded = completedAt.get(tabId);
  return {
    refusals: refusals.pending,
    inferences: pendingInferences(),
    attributions,
    storage: loaded !== undefined && now - loaded < STORAGE_LOOK_MS ? 1 : 0,
  };
}
