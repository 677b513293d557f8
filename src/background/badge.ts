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
    running = running.then(updateBadges).catch((e: unknown) => console.error('cookie-auditor: badge update failed', e));
  }, DELAY_MS);
}

// What each tab's badge shows, so that an update that changes nothing calls nothing. An update
// covers every audited tab, and each setBadgeText costs about 10 ms of CPU (2.4 ms in the browser
// process, 7.3 ms in a renderer: 100 calls measured), so twenty open tabs cost 200 ms a burst. Not
// the audit's state, only a mirror of the toolbar: a new worker starts empty and sets each badge
// once more, and a top-level navigation, which makes the browser reset a tab's badge, forgets that tab.
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
