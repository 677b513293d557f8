import { hostOfUrl } from './party';

// Browser storage other than cookies, as evidence (ePrivacy 5(3) covers any information stored in
// the visitor's browser): writes and removals of localStorage and sessionStorage keys, the
// IndexedDB databases and object stores a page creates, and what a frame found already stored when
// it loaded. Kept as raw facts per frame, like script cookie writes; an audit's items derive from them.

export type StorageArea = 'localStorage' | 'sessionStorage' | 'indexedDB';
export const STORAGE_AREAS: readonly StorageArea[] = ['localStorage', 'sessionStorage', 'indexedDB'];

/**
 * `set`: a key written (IndexedDB: a database opened, created if it was not there); `remove`: a
 * key removed (a database deleted); `clear`: every key of the area removed; `store`: an IndexedDB
 * object store created; `found`: already stored when the frame loaded; `appeared`: stored later
 * with no hooked write to explain it (a property assignment, another tab).
 */
export type StorageOp = 'set' | 'remove' | 'clear' | 'store' | 'found' | 'appeared';
export const STORAGE_OPS: readonly StorageOp[] = ['set', 'remove', 'clear', 'store', 'found', 'appeared'];

/** One storage fact of one frame, as the relay checked it against the storage itself. */
export interface StorageWrite {
  area: StorageArea;
  /** The key, or the database's name; empty for `clear`. */
  key: string;
  op: StorageOp;
  /** Characters of the value, as the storage holds it (set, found, appeared). */
  size?: number;
  /** The value's first characters: reports redact it unless values are asked for. */
  preview?: string;
  /** `store`: the object store's name. */
  store?: string;
  /** The script that made the call, from the call stack (page-supplied, so only a hint). */
  scriptUrl?: string;
  /** Writes of this key the relay folded into this one (a loop writing one key). */
  repeat?: number;
  at: number;
}

/** Storage facts of one frame, attributed by the browser's sender, never by the page. */
export interface StorageRecord {
  id: string;
  at: number;
  tabId: number;
  frameId: number;
  frameUrl: string;
  /** The top-level site when the frame is another site's: the browser partitions its storage under it. */
  partitionSite?: string;
  writes: StorageWrite[];
}

export type StorageEventKind = 'found' | 'set' | 'overwrite' | 'remove' | 'clear' | 'store';

export interface StorageEvent {
  kind: StorageEventKind;
  at: number;
  /** The script, when a hooked call made it; absent for what was found or appeared. */
  scriptUrl?: string;
  frameUrl: string;
  store?: string;
  repeat?: number;
}

/** One storage item (a key, or an IndexedDB database) as the audit saw it. */
export interface ObservedStorage {
  id: string;
  area: StorageArea;
  /** scheme://host:port: storage belongs to an origin, not to a domain. */
  origin: string;
  host: string;
  key: string;
  partitionSite?: string;
  firstSeen: number;
  /** Already stored when the first frame of its origin loaded in this audit. */
  preexisting: boolean;
  present: boolean;
  size?: number;
  preview?: string;
  /** IndexedDB: the object stores the audit saw created. */
  stores?: string[];
  /** What first wrote it; null when it was only found. */
  setBy: { scriptUrl?: string; frameUrl: string; at: number } | null;
  /** Every event but the oldest past MAX_EVENTS_PER_ITEM, which `eventCount` still counts. */
  events: StorageEvent[];
  eventCount: number;
}

export { PREVIEW_CHARS } from './preview';

/** Events an item keeps in full: a page that writes one key in a loop gets a count, not a list. */
export const MAX_EVENTS_PER_ITEM = 100;

export function originOf(url: string): string | null {
  if (hostOfUrl(url) === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function storageId(x: Pick<ObservedStorage, 'area' | 'origin' | 'key' | 'partitionSite'>): string {
  return [x.area, x.partitionSite ?? '', x.origin, x.key].join('\u0000');
}

/**
 * The storage items of one tab's audit, in the order they first appeared: the tab's records from
 * its start, each write applied in the order it was made.
 */
export function observedStorage(records: readonly StorageRecord[], audit: { tabId: number; startedAt: number }): ObservedStorage[] {
  const mine = records.filter((r) => r.tabId === audit.tabId && r.at >= audit.startedAt);
  const writes = mine.flatMap((r) => r.writes.map((w, i) => ({ r, w, i })));
  writes.sort((a, b) => a.w.at - b.w.at || a.r.at - b.r.at || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : a.i - b.i));
  const items = new Map<string, ObservedStorage>();
  const push = (o: ObservedStorage, e: StorageEvent): void => {
    o.eventCount += e.repeat ?? 1;
    o.events.push(e);
    if (o.events.length > MAX_EVENTS_PER_ITEM) o.events.shift();
  };
  for (const { r, w } of writes) {
    const origin = originOf(r.frameUrl);
    const host = hostOfUrl(r.frameUrl);
    if (origin === null || host === null) continue;
    const frameUrl = r.frameUrl;
    const base = { area: w.area, origin, host, ...(r.partitionSite ? { partitionSite: r.partitionSite } : {}) };
    if (w.op === 'clear') {
      for (const o of items.values()) {
        if (o.area !== w.area || o.origin !== origin || o.partitionSite !== r.partitionSite || !o.present) continue;
        o.present = false;
        push(o, { kind: 'clear', at: w.at, frameUrl, ...(w.scriptUrl ? { scriptUrl: w.scriptUrl } : {}) });
      }
      continue;
    }
    const id = storageId({ ...base, key: w.key });
    let o = items.get(id);
    if (!o) {
      // A removal of a key never seen says nothing stored: evidence only of an attempt.
      if (w.op === 'remove') continue;
      o = { id, ...base, key: w.key, firstSeen: w.at, preexisting: w.op === 'found', present: false, setBy: null, events: [], eventCount: 0 };
      items.set(id, o);
    } else if ((w.op === 'found' || w.op === 'appeared') && o.present) {
      continue; // seen again by another frame or page of the audit: nothing new
    }
    const by = w.scriptUrl ? { scriptUrl: w.scriptUrl } : {};
    if (w.op === 'remove') {
      if (!o.present) continue;
      o.present = false;
      push(o, { kind: 'remove', at: w.at, frameUrl, ...by });
      continue;
    }
    if (w.op === 'store') {
      o.stores = [...new Set([...(o.stores ?? []), w.store ?? ''])];
      o.present = true;
      if (!o.setBy) o.setBy = { ...by, frameUrl, at: w.at };
      push(o, { kind: 'store', at: w.at, frameUrl, ...by, ...(w.store !== undefined ? { store: w.store } : {}) });
      continue;
    }
    // Opening a database that is there already writes nothing.
    if (w.area === 'indexedDB' && w.op === 'set' && o.present) continue;
    const kind: StorageEventKind = w.op === 'found' ? 'found' : o.present ? 'overwrite' : 'set';
    o.present = true;
    if (w.size !== undefined) o.size = w.size;
    if (w.preview !== undefined) o.preview = w.preview;
    if (!o.setBy && w.op === 'set') o.setBy = { ...by, frameUrl, at: w.at };
    push(o, { kind, at: w.at, frameUrl, ...by, ...(w.repeat && w.repeat > 1 ? { repeat: w.repeat } : {}) });
  }
  return [...items.values()];
}
