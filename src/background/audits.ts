import browser from 'webextension-polyfill';
import { assignEvents, MATCH_WINDOW_MS, withInferences, type TabAudit } from '../core/evidence/attribute';
import { cookieKey, type AuditEvent } from '../core/evidence/cookie';
import { afterSummary, earlierState, summarise, type TabSummary } from '../core/evidence/summary';
import { hostOfUrl } from '../core/evidence/party';
import { stillRefused } from '../core/evidence/refusal';
import type { Report, ReportInput } from '../core/report/report';
import { reportCore } from './core-loader';
import { observedStorage, storageId, type ObservedStorage } from '../core/evidence/storage';
import { foldIntoSnapshot, missedCookiesChecked } from './recover';
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

/** What every report of a set of loaded facts shares. */
async function reportContext(f: StoredFacts) {
  return { assigned: assign(f), environment: await environmentNow(), declaredListFor: await declaredListResolver(), refusals: stillRefused(f.refusals, f.changes), full: fullEvidenceIn(f), now: Date.now() };
}
type ReportContext = Awaited<ReturnType<typeof reportContext>>;

/** A tab's report, as its facts make it; `events` and `storage` may be given for several tabs at once. */
function tabReport(tab: TabAudit, f: StoredFacts, c: ReportContext, showValues: boolean, merged?: Pick<ReportInput, 'events' | 'storage' | 'refusals' | 'consentMarks' | 'startedAt'>): Report {
  const summary = c.assigned.summaryOf(tab);
  const marks = merged ? merged.consentMarks : tab.consentMarks;
  return reportCore().buildReport({
    url: tab.url,
    site: tab.site,
    startedAt: merged?.startedAt ?? tab.startedAt,
    generatedAt: c.now,
    events: merged?.events ?? c.assigned.assigned.get(tab.tabId) ?? [],
    declaredList: c.declaredListFor(tab.site, hostOfUrl(tab.url) ?? undefined),
    showValues,
    environment: { ...c.environment, evidence: c.full(tab.tabId) ? 'full' : 'passive' },
    ...(marks ? { consentMarks: marks } : {}),
    t,
    ...(summary ? { summary } : {}),
    refusals: merged?.refusals ?? c.refusals.filter((r) => r.tabId === tab.tabId && r.recordedAt >= tab.startedAt),
    ...(tab.loads ? { loads: tab.loads } : {}),
    storage: merged?.storage ?? observedStorage(f.storage, tab),
  });
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
  const context = await reportContext(f);
  const reports = new Map<number, Report>();
  for (const tab of f.tabs) {
    if (tabIds !== 'all' && !tabIds.includes(tab.tabId)) continue;
    const report = tabReport(tab, f, context, showValues);
    reports.set(tab.tabId, report);
    keepReport(tab.tabId, showValues, report, version);
  }
  return reports;
}

/**
 * One report of several tabs' audits of one site (a crawl in parallel tabs): every change once, as
 * its own tab attributed it (a change no write explains goes to each tab holding the cookie: the
 * first tab's copy is kept), every storage item once. The first tab's page and summary are the
 * report's: past its cap the first tab's summary holds its oldest changes, and the other tabs'
 * changes older than that summary are left out (see docs/limits.md).
 */
export async function mergedReportFor(tabIds: readonly number[], showValues: boolean): Promise<Report | null> {
  const f = await loadFacts();
  const tabs = tabIds.flatMap((id) => f.tabs.find((tab) => tab.tabId === id) ?? []);
  const first = tabs[0];
  if (!first) return null;
  const context = await reportContext(f);
  const seen = new Set<string>();
  const events = tabs
    .flatMap((tab) => context.assigned.assigned.get(tab.tabId) ?? [])
    .filter((e) => {
      const id = e.changeId ?? `${e.at}|${e.kind}|${cookieKey(e.cookie)}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => a.at - b.at);
  const items = new Map<string, ObservedStorage>();
  for (const tab of tabs) for (const o of observedStorage(f.storage, tab)) if (!items.has(storageId(o))) items.set(storageId(o), o);
  const marks = tabs.flatMap((tab) => tab.consentMarks ?? []).sort((a, b) => a.at - b.at);
  return tabReport(first, f, context, showValues, {
    events,
    storage: [...items.values()],
    refusals: context.refusals.filter((r) => tabs.some((tab) => r.tabId === tab.tabId && r.recordedAt >= tab.startedAt)),
    startedAt: Math.min(...tabs.map((tab) => tab.startedAt)),
    ...(marks.length > 0 ? { consentMarks: marks } : {}),
  });
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
  // The changes and summaries tell a later worker which cookies it did not miss: until this worker
  // has looked for missed ones they stay, and before they go the jar's snapshot takes over.
  if (!missedCookiesChecked()) return;
  await pruneBefore(facts, cutoff, foldIntoSnapshot);
}
