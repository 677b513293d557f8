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

async function updateBadges(): Promise<void> {
  const version = reportsVersion();
  const facts = await loadFacts();
  const reports = await reportsFor('all', false, { facts, version });
  for (const [tabId, r] of reports) {
    const n = r.summary.undeclared;
    const text = n === 0 ? '' : n > 999 ? '999+' : String(n);
    const title = n === 0 ? plural(t, 'badge_all_declared', r.summary.total) : plural(t, 'badge_undeclared', n, r.site);
    try {
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
      await browser.action.setBadgeText({ tabId, text });
      await browser.action.setTitle({ tabId, title });
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
