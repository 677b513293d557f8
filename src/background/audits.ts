import browser from 'webextension-polyfill';
import { assignEvents, MATCH_WINDOW_MS } from '../core/attribute';
import { hostOfUrl } from '../core/party';
import { buildReport, type Report } from '../core/report';
import { loadFacts, pruneBefore, storageProblem, type StoredFacts } from './audit-store';
import { declaredListResolver } from './declared-lists';
import { browserName, thirdPartyCookies } from './platform';
import { t } from '../shared/i18n';
import { cachedReport, keepReport, reportsVersion } from './report-cache';

// Turns the stored facts into reports: the same path for the popup, the badge and the CLI.

/** The facts about the browser a report states, read afresh each time. */
async function environmentNow(): Promise<Report['environment']> {
  const storageError = storageProblem();
  return {
    browser: await browserName(),
    extensionVersion: browser.runtime.getManifest().version,
    thirdPartyCookies: await thirdPartyCookies(),
    ...(storageError ? { storageError } : {}),
  };
}

/** The reports of some tabs (or all), derived from the stored facts; kept for reportFor. */
export async function reportsFor(
  tabIds: readonly number[] | 'all',
  showValues: boolean,
  /** Facts already loaded, with the reports' version read before they were. */
  loaded?: { facts: StoredFacts; version: number },
): Promise<Map<number, Report>> {
  const version = loaded?.version ?? reportsVersion();
  const f = loaded?.facts ?? (await loadFacts());
  const assigned = assignEvents(f.changes, f.headers, f.scripts, f.tabs);
  const environment = await environmentNow();
  const declaredListFor = await declaredListResolver();
  const reports = new Map<number, Report>();
  const now = Date.now();
  for (const tab of f.tabs) {
    if (tabIds !== 'all' && !tabIds.includes(tab.tabId)) continue;
    const report = buildReport({
      url: tab.url,
      site: tab.site,
      startedAt: tab.startedAt,
      generatedAt: now,
      events: assigned.get(tab.tabId) ?? [],
      declaredList: declaredListFor(tab.site, hostOfUrl(tab.url) ?? undefined),
      showValues,
      environment,
      ...(tab.consentAt !== undefined ? { consentMarkedAt: tab.consentAt } : {}),
      ...(tab.consentHow !== undefined ? { consentMarkedHow: tab.consentHow } : {}),
      t,
    });
    reports.set(tab.tabId, report);
    keepReport(tab.tabId, showValues, report, version);
  }
  return reports;
}

/** One tab's report: the one derived last when no fact or list has changed since, else derived now. */
export async function reportFor(tabId: number, showValues: boolean): Promise<Report | null> {
  const kept = cachedReport(tabId, showValues);
  if (kept) return { ...kept, generatedAt: new Date().toISOString(), environment: await environmentNow() };
  return (await reportsFor([tabId], showValues)).get(tabId) ?? null;
}

/** Drops facts that predate every open audit (privacy: nothing is kept beyond the audits). */
export async function prune(facts: StoredFacts): Promise<void> {
  const starts = facts.tabs.map((t) => t.startedAt);
  const cutoff = (starts.length > 0 ? Math.min(...starts) : Date.now()) - MATCH_WINDOW_MS;
  await pruneBefore(facts, cutoff);
}
