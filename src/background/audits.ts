import browser from 'webextension-polyfill';
import { assignEvents, MATCH_WINDOW_MS } from '../core/attribute';
import { hostOfUrl } from '../core/party';
import { buildReport, type Report } from '../core/report';
import { loadFacts, pruneBefore, storageProblem, type StoredFacts } from './audit-store';
import { declaredListResolver } from './declared-lists';
import { browserName, thirdPartyCookies } from './platform';
import { t } from '../shared/i18n';

// Turns the stored facts into reports: the same path for the popup, the badge and the CLI.

export async function reportsFor(
  tabIds: readonly number[] | 'all',
  showValues: boolean,
  facts?: StoredFacts,
): Promise<Map<number, Report>> {
  const f = facts ?? (await loadFacts());
  const assigned = assignEvents(f.changes, f.headers, f.scripts, f.tabs);
  const storageError = storageProblem();
  const environment = {
    browser: await browserName(),
    extensionVersion: browser.runtime.getManifest().version,
    thirdPartyCookies: await thirdPartyCookies(),
    ...(storageError ? { storageError } : {}),
  };
  const declaredListFor = await declaredListResolver();
  const reports = new Map<number, Report>();
  const now = Date.now();
  for (const tab of f.tabs) {
    if (tabIds !== 'all' && !tabIds.includes(tab.tabId)) continue;
    reports.set(
      tab.tabId,
      buildReport({
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
      }),
    );
  }
  return reports;
}

export async function reportFor(tabId: number, showValues: boolean): Promise<Report | null> {
  return (await reportsFor([tabId], showValues)).get(tabId) ?? null;
}

/** Drops facts that predate every open audit (privacy: nothing is kept beyond the audits). */
export async function prune(facts: StoredFacts): Promise<void> {
  const starts = facts.tabs.map((t) => t.startedAt);
  const cutoff = (starts.length > 0 ? Math.min(...starts) : Date.now()) - MATCH_WINDOW_MS;
  await pruneBefore(facts, cutoff);
}
