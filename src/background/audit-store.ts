import type { TabAudit } from '../core/evidence/attribute';
import type { CookieChange, HeaderRecord, Inference, RefusalRecord, ScriptRecord } from '../core/evidence/cookie';
import type { TabSummary } from '../core/evidence/summary';
import type { StorageRecord } from '../core/evidence/storage';
import type { JarSnapshot } from '../core/evidence/missed';
import { invalidateReports } from './report-cache';
import { auditArea } from './storage-area';

// Typed accessors over the audit storage. Every fact is stored under a key of its own, so
// writes never read-modify-write shared state and a restarted worker cannot lose a half-written
// list. Keys: chg:<id> cookie changes, hdr:<id> Set-Cookie records, scr:<id> script writes,
// tab:<tabId> the audit of a tab, sum:<auditId> the summary of an audit's oldest changes,
// rfs:<recordId#index> a write the browser refused, sto:<id> a frame's browser-storage facts,
// inf:<changeId> the responses around a change (passive mode), evm:<tabId> a tab that records full evidence,
// jar:snapshot digests of the audited sites' cookies in the jar when last read (background/recover).

const PREFIX = { change: 'chg:', header: 'hdr:', script: 'scr:', tab: 'tab:', summary: 'sum:', refusal: 'rfs:', storage: 'sto:', inference: 'inf:', evidence: 'evm:' } as const;

export interface StoredFacts {
  changes: CookieChange[];
  headers: HeaderRecord[];
  scripts: ScriptRecord[];
  tabs: TabAudit[];
  summaries: TabSummary[];
  refusals: RefusalRecord[];
  storage: StorageRecord[];
  inferences: Inference[];
  /** The tabs switched to full evidence (background/evidence-mode). */
  fullEvidence: number[];
}

let counter = 0;
/** A key unique across worker restarts: time, a per-instance counter and randomness. */
export function newId(at: number): string {
  counter = (counter + 1) % 36 ** 5;
  // Fixed-width parts, so that ids of one millisecond sort in the order they were made.
  return `${at.toString(36)}-${counter.toString(36).padStart(5, '0')}-${Math.random().toString(36).slice(2, 8)}`;
}

// A fact is handed to storage in the very task that received it when no write is in flight, so a
// worker stopped right after an event loses nothing. Facts that arrive while a write is in flight
// wait for it and go together in the next one: a burst of a thousand costs a few writes, not a thousand.
let pending: Record<string, unknown> = {};
let writing: Promise<void> | null = null;

// A fact is stored as JSON text. Chromium converts an object handed to storage property by
// property, in the worker (measured: 115 µs per cookie change, 62% of the worker's time while a
// page wrote 1,000 cookies); a string goes in one piece, 22–31 µs with its JSON.stringify, and
// reads back 4 times faster.
function enqueue(key: string, value: unknown): void {
  invalidateReports();
  pending[key] = JSON.stringify(value);
  writing ??= writeAll();
}

/** A stored fact: JSON text (see enqueue), or an object as tab audits and summaries are stored. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Stores the facts a full storage refused, now that something made room. */
function retryUnsaved(): void {
  if (writing || Object.keys(unsaved).length === 0) return;
  writing = (async () => {
    await writePending();
    await writeAll();
  })();
}

async function writeAll(): Promise<void> {
  while (Object.keys(pending).length > 0) await writePending();
  writing = null;
}

// Facts a failed write could not store (storage full, or the write refused): kept in memory,
// retried with the next batch, and read with the stored ones, so reports and exports still hold
// them. A write of a batch is all or nothing, so what is already stored is never half-changed.
const unsaved: Record<string, unknown> = {};
// Tab audits that could not be stored: retried only through their tab's own update queue, never
// written by a batch, so an older copy cannot overwrite a newer one.
const unsavedTabs: Record<string, TabAudit> = {};
let lastError: { at: number; message: string } | null = null;

async function writePending(): Promise<void> {
  const batch = { ...unsaved, ...pending };
  pending = {};
  if (Object.keys(batch).length === 0) return;
  // Writes may overlap: each settles only its own keys, so a failed batch is never forgotten
  // because a later one succeeded.
  try {
    await auditArea().set(batch);
    // Read by `npm run bench`: how long after this worker started its first fact was stored.
    (globalThis as { __cookieAuditorFirstFactAt?: number }).__cookieAuditorFirstFactAt ??= performance.timeOrigin + performance.now();
    for (const key of Object.keys(batch)) delete unsaved[key];
    // There is room again: store the tab audits kept in memory, each through its tab's queue.
    for (const key of Object.keys(unsavedTabs)) void updateTab(Number(key.slice(PREFIX.tab.length)), (cur) => cur);
    if (Object.keys(unsaved).length + Object.keys(unsavedTabs).length === 0) lastError = null;
  } catch (e) {
    Object.assign(unsaved, batch);
    lastError = { at: Date.now(), message: e instanceof Error ? e.message : String(e) };
  }
  // Whether the write held or not shows in the reports (environment.storageError).
  invalidateReports();
}

/** The last write that failed, if the facts it held are still in memory only. */
export function storageProblem(): { message: string; unsaved: number } | null {
  const count = Object.keys(unsaved).length + Object.keys(unsavedTabs).length;
  return lastError && count > 0 ? { message: lastError.message, unsaved: count } : null;
}

/** Resolves once every fact recorded so far is in storage. */
export async function flush(): Promise<void> {
  while (writing) await writing;
}

export function putChange(c: CookieChange): void {
  enqueue(PREFIX.change + c.id, c);
}
export function putHeader(h: HeaderRecord): void {
  enqueue(PREFIX.header + h.id, h);
}
export function putScript(s: ScriptRecord): void {
  enqueue(PREFIX.script + s.id, s);
}
export function putRefusal(r: RefusalRecord): void {
  enqueue(PREFIX.refusal + r.id, r);
}
export function putStorage(r: StorageRecord): void {
  enqueue(PREFIX.storage + r.id, r);
}
export function putInference(i: Inference): void {
  enqueue(PREFIX.inference + i.id, i);
}

/** A tab switched to full evidence: stored at once, for as long as the tab lives. */
export async function markFullEvidence(tabId: number, on: boolean): Promise<void> {
  const key = PREFIX.evidence + tabId;
  // Every closed tab is unmarked: one that never was changes no report, and must not throw away
  // the reports kept for the others (a popup of thousands of cookies would derive its own again).
  if (!on && !(key in (await auditArea().get(key)))) return;
  invalidateReports();
  if (on) await auditArea().set({ [key]: true });
  else await auditArea().remove(key);
}

const SNAPSHOT_KEY = 'jar:snapshot';

/** Which cookies the audited sites had in the jar when last read (core/evidence/missed), if they were read in this session. */
export async function getJarSnapshot(): Promise<JarSnapshot | undefined> {
  return (await auditArea().get(SNAPSHOT_KEY))[SNAPSHOT_KEY] as JarSnapshot | undefined;
}

export async function putJarSnapshot(snapshot: JarSnapshot): Promise<void> {
  await auditArea().set({ [SNAPSHOT_KEY]: snapshot });
}

export async function removeJarSnapshot(): Promise<void> {
  await auditArea().remove(SNAPSHOT_KEY);
}

/** The tabs switched to full evidence, read without the rest of the facts (a starting worker). */
export async function fullEvidenceTabs(): Promise<number[]> {
  const all = await auditArea().get(null);
  return Object.keys(all).flatMap((key) => (key.startsWith(PREFIX.evidence) ? [Number(key.slice(PREFIX.evidence.length))] : []));
}

export async function getTab(tabId: number): Promise<TabAudit | undefined> {
  const key = PREFIX.tab + tabId;
  if (key in unsavedTabs) return unsavedTabs[key];
  const got = await auditArea().get(key);
  return got[key] as TabAudit | undefined;
}

// Updates of one tab's audit run one after another, in the order updateTab was called (the chain
// is extended synchronously), so two quick navigations can neither interleave nor overtake.
const tabLocks = new Map<number, Promise<unknown>>();
export function updateTab(
  tabId: number,
  update: (current: TabAudit | undefined) => TabAudit | undefined | Promise<TabAudit | undefined>,
): Promise<TabAudit | undefined> {
  const run = (tabLocks.get(tabId) ?? Promise.resolve()).then(async () => {
    const current = await getTab(tabId);
    const next = await update(current);
    const key = PREFIX.tab + tabId;
    // An update that changes nothing (a reload, a second event for one navigation) writes nothing,
    // unless the audit waits in memory for room in storage.
    const unchanged = next !== undefined && current !== undefined && !(key in unsavedTabs) && JSON.stringify(next) === JSON.stringify(current);
    if (next && !unchanged) {
      invalidateReports();
      try {
        await auditArea().set({ [key]: next });
        delete unsavedTabs[key];
        if (Object.keys(unsaved).length + Object.keys(unsavedTabs).length === 0) lastError = null;
      } catch (e) {
        // Storage full: the audit goes on in memory, and the popup says so.
        unsavedTabs[key] = next;
        lastError = { at: Date.now(), message: e instanceof Error ? e.message : String(e) };
      }
    }
    return next;
  });
  tabLocks.set(tabId, run.catch(() => undefined));
  return run;
}

/** Forgets a closed tab's audit; false when it had none (an extension page). */
export async function removeTab(tabId: number): Promise<boolean> {
  if ((await getTab(tabId)) === undefined) return false;
  invalidateReports();
  delete unsavedTabs[PREFIX.tab + tabId];
  await auditArea().remove(PREFIX.tab + tabId);
  return true;
}

export async function loadFacts(): Promise<StoredFacts> {
  await flush();
  const all = { ...(await auditArea().get(null)), ...unsaved, ...unsavedTabs };
  const facts: StoredFacts = { changes: [], headers: [], scripts: [], tabs: [], summaries: [], refusals: [], storage: [], inferences: [], fullEvidence: [] };
  for (const [key, stored] of Object.entries(all)) {
    // Keys of others (a test's padding, the jar's snapshot) are never parsed.
    const value = key.indexOf(':') === 3 ? decoded(stored) : undefined;
    if (value === undefined || value === null) continue;
    if (key.startsWith(PREFIX.change)) facts.changes.push(value as CookieChange);
    else if (key.startsWith(PREFIX.header)) facts.headers.push(value as HeaderRecord);
    else if (key.startsWith(PREFIX.script)) facts.scripts.push(value as ScriptRecord);
    else if (key.startsWith(PREFIX.tab)) facts.tabs.push(value as TabAudit);
    else if (key.startsWith(PREFIX.summary)) facts.summaries.push(value as TabSummary);
    else if (key.startsWith(PREFIX.refusal)) facts.refusals.push(value as RefusalRecord);
    else if (key.startsWith(PREFIX.storage)) facts.storage.push(value as StorageRecord);
    else if (key.startsWith(PREFIX.inference)) facts.inferences.push(value as Inference);
    else if (key.startsWith(PREFIX.evidence)) facts.fullEvidence.push(Number(key.slice(PREFIX.evidence.length)));
  }
  return facts;
}

/**
 * Stores the summary of an audit's oldest changes, then forgets the facts it holds. In that order:
 * a worker stopped in between leaves facts the summary already counts, which reports skip (they
 * only read an audit's changes after the summary's `through`), and the next summary removes.
 */
export async function saveSummary(summary: TabSummary, folded: { changes: string[]; headers: string[]; scripts: string[] }): Promise<void> {
  invalidateReports();
  const records = [...folded.headers.map((id) => PREFIX.header + id), ...folded.scripts.map((id) => PREFIX.script + id)];
  const changes = folded.changes.map((id) => PREFIX.change + id);
  const entry = { [PREFIX.summary + summary.auditId]: summary };
  try {
    await auditArea().set(entry);
  } catch (e) {
    // Storage is full (a page wrote faster than summaries kept up): make room with the write
    // records the summary has already used, then try again. Were the worker stopped in between,
    // the changes would stay, only their origin unknown; none is lost.
    if (records.length === 0) throw e;
    await auditArea().remove(records);
    records.length = 0;
    await auditArea().set(entry);
  }
  const keys = [...changes, ...records];
  for (const key of keys) delete unsaved[key];
  if (keys.length > 0) await auditArea().remove(keys);
  retryUnsaved();
}

/**
 * Forgets facts older than every open audit (they can no longer belong to one), and the summaries of
 * audits that ended; `beforeRemoval` gets the changes and summaries about to go, first.
 */
export async function pruneBefore(
  facts: StoredFacts,
  cutoff: number,
  beforeRemoval: (changes: CookieChange[], summaries: TabSummary[]) => Promise<void>,
): Promise<void> {
  const open = new Set(facts.tabs.map((t) => t.auditId));
  const changes = facts.changes.filter((c) => c.at < cutoff);
  const summaries = facts.summaries.filter((s) => !open.has(s.auditId));
  if (changes.length + summaries.length > 0) await beforeRemoval(changes, summaries);
  const stale = [
    ...changes.map((c) => PREFIX.change + c.id),
    ...facts.headers.filter((h) => h.at < cutoff).map((h) => PREFIX.header + h.id),
    ...facts.scripts.filter((s) => s.at < cutoff).map((s) => PREFIX.script + s.id),
    ...facts.refusals.filter((r) => r.at < cutoff).map((r) => PREFIX.refusal + r.id),
    ...facts.storage.filter((r) => r.at < cutoff).map((r) => PREFIX.storage + r.id),
    ...facts.inferences.filter((r) => r.at < cutoff).map((r) => PREFIX.inference + r.id),
    ...summaries.map((s) => PREFIX.summary + s.auditId),
  ];
  for (const key of stale) delete unsaved[key];
  if (stale.length > 0) {
    await auditArea().remove(stale);
    retryUnsaved();
  }
}
