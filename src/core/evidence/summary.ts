import { consentRecordsIn, type RecordWrite } from './consent-record';
import type { AuditEvent } from './cookie';
import { observedCookies, type ObservedCookie } from './jar';

// A tab's audit keeps at most MAX_EVENTS_PER_TAB cookie changes in storage. Past that, its oldest
// changes are folded into a summary: each cookie's state as those changes left it, with how many
// there were and when. The report still lists every cookie and counts every change; only the
// timelines of the oldest changes give way to a count. Storage per tab is then bounded by the cap
// and by the number of distinct cookies, which the browser itself bounds.

/** Changes a tab's audit keeps in full (about 1 KB each in storage). */
export const MAX_EVENTS_PER_TAB = 2_000;
/** Changes left in full after a summary, so that a busy page is not summarised on every update. */
export const EVENTS_KEPT_AFTER_SUMMARY = 1_500;

export interface TabSummary {
  auditId: string;
  tabId: number;
  /** Every change of this audit up to this one (this moment, and this change id within it) is in the summary, none after. */
  through: number;
  throughId?: string;
  /** The first change summarised. */
  from: number;
  /** How many changes the summary holds. */
  events: number;
  cookies: ObservedCookie[];
  /** The writes of consent records that changed the choice they record, among the summarised changes. */
  consentRecords?: RecordWrite[];
  /** The last write of a consent record among them, whatever it said. */
  lastRecord?: RecordWrite;
}

/** Whether a change comes after what a summary holds: later, or in the same millisecond with a later id. */
export function afterSummary(e: { at: number; changeId?: string }, s: Pick<TabSummary, 'through' | 'throughId'>): boolean {
  return e.at > s.through || (e.at === s.through && s.throughId !== undefined && e.changeId !== undefined && e.changeId > s.throughId);
}

// Changes in the order they were recorded: by time, then by id (ids of one millisecond sort in
// the order the worker made them). The browser delivers bursts that share a millisecond.
const byRecording = (a: AuditEvent, b: AuditEvent): number =>
  a.at - b.at || ((a.changeId ?? '') < (b.changeId ?? '') ? -1 : (a.changeId ?? '') > (b.changeId ?? '') ? 1 : 0);

/**
 * Folds the oldest changes of an audit that holds more than the cap, so that every change up to
 * one is folded and none after. Returns null when the audit is within its cap, and when folding
 * would not save room: a summary keeps one state per cookie, so changes of thousands of distinct
 * cookies (a page that sets each once) stay as they are, bounded by the browser's own cookie limits.
 */
export function summarise(
  audit: { auditId: string; tabId: number },
  events: readonly AuditEvent[],
  prior: TabSummary | undefined,
): { summary: TabSummary; folded: AuditEvent[] } | null {
  if (events.length <= MAX_EVENTS_PER_TAB) return null;
  const sorted = [...events].sort(byRecording);
  let cut = sorted.length - EVENTS_KEPT_AFTER_SUMMARY;
  const last = sorted[cut - 1] as AuditEvent;
  // Changes without an id cannot be told apart within a millisecond: those stay together.
  if (last.changeId === undefined) while (cut < sorted.length && (sorted[cut] as AuditEvent).at === last.at) cut++;
  const folded = sorted.slice(0, cut);
  const cookies = observedCookies(folded, prior?.cookies ?? []).map(({ events: now, ...o }) => ({ ...o, events: [], summarised: (o.summarised ?? 0) + now.length }));
  // A cookie's state takes about half the room of a change: fold only what that makes smaller.
  if (cookies.length - (prior?.cookies.length ?? 0) > folded.length / 2) return null;
  const summary: TabSummary = {
    auditId: audit.auditId,
    tabId: audit.tabId,
    through: last.at,
    ...(last.changeId !== undefined ? { throughId: last.changeId } : {}),
    from: prior?.from ?? (folded[0] as AuditEvent).at,
    events: (prior?.events ?? 0) + folded.length,
    cookies,
  };
  const records = consentRecordsIn(folded, prior?.consentRecords);
  const kept = [...(prior?.consentRecords ?? []), ...records.changes];
  if (kept.length > 0) summary.consentRecords = kept.slice(-20);
  const lastRecord = records.last ?? prior?.lastRecord;
  if (lastRecord) summary.lastRecord = lastRecord;
  return { summary, folded };
}

/** What summaries leave for the attribution of later changes: cookies in the jar, and their tabs. */
export function earlierState(summaries: readonly TabSummary[]): { live: string[]; owners: Map<string, number[]> } {
  const live: string[] = [];
  const owners = new Map<string, number[]>();
  for (const s of summaries) {
    for (const c of s.cookies) {
      if (c.present) live.push(c.key);
      owners.set(c.key, [...(owners.get(c.key) ?? []), s.tabId]);
    }
  }
  return { live, owners };
}
