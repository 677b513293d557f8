import type { TabAudit } from '../core/attribute';
import type { CookieChange, HeaderRecord, ScriptRecord } from '../core/cookie';
import { auditArea } from './storage-area';

// Typed accessors over the audit storage. Every fact is stored under a key of its own, so
// writes never read-modify-write shared state and a restarted worker cannot lose a half-written
// list. Keys: chg:<id> cookie changes, hdr:<id> Set-Cookie records, scr:<id> script writes,
// tab:<tabId> the audit of a tab.

const PREFIX = { change: 'chg:', header: 'hdr:', script: 'scr:', tab: 'tab:' } as const;

export interface StoredFacts {
  changes: CookieChange[];
  headers: HeaderRecord[];
  scripts: ScriptRecord[];
  tabs: TabAudit[];
}

let counter = 0;
/** A key unique across worker restarts: time, a per-instance counter and randomness. */
export function newId(at: number): string {
  counter = (counter + 1) % 36 ** 5;
  // Fixed-width parts, so that ids of one millisecond sort in the order they were made.
  return `${at.toString(36)}-${counter.toString(36).padStart(5, '0')}-${Math.random().toString(36).slice(2, 8)}`;
}

// Facts arriving in one burst are written together; the batch lives for one macrotask only.
let pending: Record<string, unknown> = {};
let flushing: Promise<void> | null = null;

function enqueue(key: string, value: unknown): void {
  pending[key] = value;
  if (!flushing) flushing = new Promise((resolve) => setTimeout(resolve, 0)).then(writePending);
}

async function writePending(): Promise<void> {
  const batch = pending;
  pending = {};
  flushing = null;
  if (Object.keys(batch).length > 0) await auditArea().set(batch);
}

/** Resolves once every fact recorded so far is in storage. */
export async function flush(): Promise<void> {
  while (flushing) await flushing;
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

export async function getTab(tabId: number): Promise<TabAudit | undefined> {
  const key = PREFIX.tab + tabId;
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
    const next = await update(await getTab(tabId));
    if (next) await auditArea().set({ [PREFIX.tab + tabId]: next });
    return next;
  });
  tabLocks.set(tabId, run.catch(() => undefined));
  return run;
}

export async function removeTab(tabId: number): Promise<void> {
  await auditArea().remove(PREFIX.tab + tabId);
}

export async function loadFacts(): Promise<StoredFacts> {
  await flush();
  const all = await auditArea().get(null);
  const facts: StoredFacts = { changes: [], headers: [], scripts: [], tabs: [] };
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(PREFIX.change)) facts.changes.push(value as CookieChange);
    else if (key.startsWith(PREFIX.header)) facts.headers.push(value as HeaderRecord);
    else if (key.startsWith(PREFIX.script)) facts.scripts.push(value as ScriptRecord);
    else if (key.startsWith(PREFIX.tab)) facts.tabs.push(value as TabAudit);
  }
  return facts;
}

/** Forgets facts older than every open audit: they can no longer belong to one. */
export async function pruneBefore(facts: StoredFacts, cutoff: number): Promise<void> {
  const stale = [
    ...facts.changes.filter((c) => c.at < cutoff).map((c) => PREFIX.change + c.id),
    ...facts.headers.filter((h) => h.at < cutoff).map((h) => PREFIX.header + h.id),
    ...facts.scripts.filter((s) => s.at < cutoff).map((s) => PREFIX.script + s.id),
  ];
  if (stale.length > 0) await auditArea().remove(stale);
}
