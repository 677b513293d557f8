import { plural } from '../core/text/i18n';
import { t } from '../shared/i18n';
import browser from 'webextension-polyfill';
import { loadFacts } from './audit-store';
import { prune, reportsFor, summariseOverfull } from './audits';
import { MAX_EVENTS_PER_TAB } from '../core/evidence/summary';
import { reportsVersion } from './report-cache';
import { recordRefusals } from './refusals';
import { REFUSAL_GRACE_MS } from '../core/evidence/refusal';

// The toolbar badge: how many undeclared cookies the tab's page has set. Recomputed shortly
// after a burst of events rather than on each one.

const DELAY_MS = 250;
let timer: ReturnType<typeof setTimeout> | undefined;
// One update at a time: two at once would each summarise from their own snapshot of the facts, and
// the later one would write a summary that misses what the earlier one folded.
let running: Promise<void> = Promise.resolve();

export function scheduleBadgeUpdate(): void {
  if (timer !== undefined) return;
  timer = setTimeout(() => {
    timer = undefined;
    running = running.then(updateOnceLoaded).catch((e: unknown) => console.error('cookie-auditor: badge update failed', e));
  }, DELAY_MS);
}

// While a page loads, the update waits for it, up to MAX_DEFER_MS: deriving the reports and drawing
// the badge took the worker and the browser process ~130 ms of CPU per load of the realistic page,
// which on two cores the page itself paid for. Its badge shows once the page has loaded.
const MAX_DEFER_MS = 3_000;
let deferredSince: number | undefined;

async function updateOnceLoaded(): Promise<void> {
  const loading = await browser.tabs.query({ status: 'loading' }).catch(() => []);
  const now = Date.now();
  if (loading.length > 0 && now - (deferredSince ??= now) < MAX_DEFER_MS) {
    scheduleBadgeUpdate();
    return;
  }
  deferredSince = undefined;
  await updateBadges();
}

// What each tab's badge shows, so that an update that changes nothing calls nothing: every action
// call makes the browser process draw the toolbar icon again (measured on the realistic page: the
// badge's three calls per tab per update were 84 ms of its CPU per page load). Not the audit's
// state, only a mirror of the toolbar: a new worker starts empty and sets each badge once more, and
// a top-level navigation, which makes the browser reset a tab's badge, forgets that tab.
const shown = new Map<number, string>();
// Counts each tab's resets: a badge set while its tab navigated is not taken as shown.
const resets = new Map<number, number>();
let colourSet = false;

/** The tab navigated (its badge was reset) or closed (nothing of it is kept). */
export function forgetBadge(tabId: number, closed = false): void {
  shown.delete(tabId);
  if (closed) resets.delete(tabId);
  else resets.set(tabId, (resets.get(tabId) ?? 0) + 1);
}

export async function showBadge(tabId: number, text: string, title: string): Promise<void> {
  const seen = `${text}\n${title}`;
  if (shown.get(tabId) === seen) return;
  const reset = resets.get(tabId);
  if (!colourSet) {
    // One colour for every tab: set once per worker, not per tab and update.
    await browser.action.setBadgeBackgroundColor({ color: '#b3261e' });
    colourSet = true;
  }
  await browser.action.setBadgeText({ tabId, text });
  await browser.action.setTitle({ tabId, title });
  if (resets.get(tabId) === reset) shown.set(tabId, seen);
}

async function updateBadges(): Promise<void> {
  const version = reportsVersion();
  const facts = await loadFacts();
  const reports = await reportsFor('all', false, { facts, version });
  for (const [tabId, r] of reports) {
    const n = r.summary.undeclared;
    const text = n === 0 ? '' : n > 999 ? '999+' : String(n);
    const title = n === 0 ? plural(t, 'badge_all_declared', r.summary.total) : plural(t, 'badge_undeclared', n, r.site);
    try {
      await showBadge(tabId, text, title);
    } catch {
      // The tab closed between the report and the badge: nothing to show.
    }
  }
  // Past a tab's cap, its oldest changes are summarised; pruning works on what is then stored.
  const overfull = [...reports.values()].some((r) => r.cookies.reduce((n, c) => n + c.events.length, 0) > MAX_EVENTS_PER_TAB);
  if (overfull && (await summariseOverfull(facts)) > 0) {
    await prune(await loadFacts());
    scheduleBadgeUpdate();
    return;
  }
  await prune(facts);
  // Writes whose change never came: once old enough, the jar says whether the browser refused them.
  if (await recordRefusals(facts)) setTimeout(scheduleBadgeUpdate, REFUSAL_GRACE_MS);
}
