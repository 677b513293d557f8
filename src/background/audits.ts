import browser from 'webextension-polyfill';
import { assignEvents, MATCH_WINDOW_MS, withInferences, type TabAudit } from '../core/evidence/attribute';
import { cookieKey, type AuditEvent } from '../core/evidence/cookie';
import { afterSummary, earlierState, summarise, type TabSummary } from '../core/evidence/summary';
import { hostOfUrl } from '../core/evidence/party';
import { stillRefused } from '../core/evidence/refusal';
import { buildReport, type Report } from '../core/report/report';
import { observedStorage } from '../core/evidence/storage';
import { loadFacts, pruneBefore, saveSummary, storageProblem, type StoredFacts } from './audit-store';
import { declaredListResolver } from './declared-lists';
import { browserName, thirdPartyCookies } from './platform';
import { t } from '../shared/i18n';
import { cachedReport, keepReport, reportsVersion } from './report-cache';
import { fullEvidenceIn } from './evidence-mode';

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
  const { assigned, summaryOf } = assign(f);
  const environment = await environmentNow();
  const declaredListFor = await declaredListResolver();
  const reports = new Map<number, Report>();
  const now = Date.now();
  const refusals = stillRefused(f.refusals, f.changes);
  const full = fullEvidenceIn(f);
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
      environment: { ...environment, evidence: full(tab.tabId) ? 'full' : 'passive' },
      ...(tab.consentMarks ? { consentMarks: tab.consentMarks } : {}),
      t,
      ...(summaryOf(tab) ? { summary: summaryOf(tab) } : {}),
      refusals: refusals.filter((r) => r.tabId === tab.tabId && r.recordedAt >= tab.startedAt),
      storage: observedStorage(f.storage, tab),
    });
    reports.set(tab.tabId, report);
    keepReport(tab.tabId, showValues, report, version);
  }
  return reports;
}

/** One tab's report: the one derived last when no fact or list has changed since, else derived now. */
export async function reportFor(tabId: number, showValues: boolean): Promise<Report | null> {
  const kept = cachedReport(tabId, showValues);
  if (kept) return { ...kept, generatedAt: new Date().toISOString(), environment: { ...(await environmentNow()), ...(kept.environment.evidence ? { evidence: kept.environment.evidence } : {}) } };
  return (await reportsFor([tabId], showValues)).get(tabId) ?? null;
}

type Attributed = { assigned: Map<number, AuditEvent[]>; summaryOf: (tab: TabAudit) => TabSummary | undefined };
// One attribution per loaded set of facts: the badge update derives the reports and then the
// summaries from the same facts.
const attributed = new WeakMap<StoredFacts, Attributed>();

/** The changes of each tab's audit, attributed after what the summaries of open audits left. */
function assign(f: StoredFacts): Attributed {
  const known = attributed.get(f);
  if (known) return known;
  const byAudit = new Map(f.summaries.map((s) => [s.auditId, s]));
  const summaryOf = (tab: TabAudit): TabSummary | undefined => byAudit.get(tab.auditId);
  const open = f.tabs.flatMap((tab) => summaryOf(tab) ?? []);
  const result = { assigned: assignEvents(withInferences(f.changes, f.inferences), f.headers, f.scripts, f.tabs, earlierState(open)), summaryOf };
  attributed.set(f, result);
  return result;
}

/**
 * Folds the oldest changes of every audit past its cap into its summary (core/evidence/summary), and
 * forgets the facts folded: storage per tab stays bounded however long a busy page is audited.
 */
export async function summariseOverfull(f: StoredFacts): Promise<number> {
  const { assigned, summaryOf } = assign(f);
  let summarised = 0;
  for (const tab of f.tabs) {
    const prior = summaryOf(tab);
    const all = assigned.get(tab.tabId) ?? [];
    const result = summarise(tab, prior ? all.filter((e) => afterSummary(e, prior)) : all, prior);
    if (!result) continue;
    const summary = result.summary;
    const { through } = summary;
    // Every change of this audit up to the summary's last is in it now, leftovers of an interrupted summary included.
    const changes = all.filter((e) => !afterSummary(e, summary) && e.changeId !== undefined).map((e) => e.changeId as string);
    const foldedKeys = new Set(result.folded.map((e) => cookieKey(e.cookie)));
    // Chromium's removal half of an overwrite belongs to no audit: it goes with the cookie's changes.
    changes.push(...f.changes.filter((c) => c.removed && c.cause === 'overwrite' && !afterSummary({ at: c.at, changeId: c.id }, summary) && foldedKeys.has(cookieKey(c.cookie))).map((c) => c.id));
    const old = (r: { tabId: number; at: number }): boolean => r.tabId === tab.tabId && r.at < through - MATCH_WINDOW_MS;
    try {
      await saveSummary(summary, {
        changes,
        headers: f.headers.filter(old).map((h) => h.id),
        scripts: f.scripts.filter(old).map((s) => s.id),
      });
    } catch (e) {
      // Storage too full even for the summary: the facts stay as they are (the popup says storage
      // is full), and the next update tries again.
      console.error('cookie-auditor: could not store a summary', e);
      continue;
    }
    summarised += result.folded.length;
  }
  return summarised;
}

/** Drops facts that predate every open audit (privacy: nothing is kept beyond the audits). */
export async function prune(facts: StoredFacts): Promise<void> {
  const starts = facts.tabs.map((t) => t.startedAt);
  const cutoff = (starts.length > 0 ? Math.min(...starts) : Date.now()) - MATCH_WINDOW_MS;
  await pruneBefore(facts, cutoff);
}
