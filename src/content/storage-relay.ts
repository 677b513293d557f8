import { PREVIEW_CHARS } from '../core/evidence/preview';
import type { StorageWrite } from '../core/evidence/storage';
import type { HookStorage } from './channel';
import { callerUrl } from './stack';

// The relay's half of browser-storage evidence, in the frame's isolated world: what the frame
// found stored when it loaded, the hook's calls checked against the storage itself (a call the
// storage does not bear out is dropped: a page cannot invent a fact), and keys that appear with
// no hooked call (`localStorage.x = …` bypasses setItem). The isolated world sees the same storage
// as the page, through its own untouched prototypes.

type KeyArea = 'localStorage' | 'sessionStorage';
const KEY_AREAS: readonly KeyArea[] = ['localStorage', 'sessionStorage'];
/** Facts one frame may send over its life: a page writing in a loop forever gets counts, not facts. */
const MAX_FACTS = 20_000;

let sent = 0;
/** Keys this frame knows of, per area: found at load, or written through a hooked call. */
const known: Record<KeyArea, Set<string>> = { localStorage: new Set(), sessionStorage: new Set() };

function storageOf(area: KeyArea): Storage | null {
  try {
    return area === 'localStorage' ? window.localStorage : window.sessionStorage;
  } catch {
    return null; // a sandboxed or opaque frame has none
  }
}

function valueFact(area: KeyArea, key: string, value: string, op: StorageWrite['op'], at: number): StorageWrite {
  return { area, key, op, size: value.length, preview: value.slice(0, PREVIEW_CHARS), at };
}

/** The keys and values an area of this frame holds now (none when the frame has no storage). */
function* entries(area: KeyArea): Generator<[string, string]> {
  const store = storageOf(area);
  if (!store) return;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    const value = key === null ? null : store.getItem(key);
    if (key !== null && value !== null) yield [key, value];
  }
}

/** What is stored when the frame loads, read once, without changing it. */
export function storageAtLoad(at: number): StorageWrite[] {
  if (!/^https?:$/.test(location.protocol)) return [];
  const out: StorageWrite[] = [];
  for (const area of KEY_AREAS) {
    for (const [key, value] of entries(area)) {
      known[area].add(key);
      out.push(valueFact(area, key, value, 'found', at));
    }
  }
  return out;
}

/** The IndexedDB databases stored when the frame loads, where the browser can list them. */
export async function databasesAtLoad(at: number): Promise<StorageWrite[]> {
  if (!/^https?:$/.test(location.protocol) || typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
  try {
    const dbs = await indexedDB.databases();
    return dbs.flatMap((d) => (d.name ? [{ area: 'indexedDB' as const, key: d.name, op: 'found' as const, at }] : []));
  } catch {
    return [];
  }
}

/** Keys stored now that no hooked call and no earlier look explains. */
export function appearedKeys(at: number): StorageWrite[] {
  const out: StorageWrite[] = [];
  for (const area of KEY_AREAS) {
    for (const [key, value] of entries(area)) {
      if (known[area].has(key)) continue;
      known[area].add(key);
      out.push(valueFact(area, key, value, 'appeared', at));
    }
  }
  return out;
}

/**
 * The hook's calls as facts, in the order they were made (a page's own dispatches may arrive
 * first): repeats of one call folded into a count; per key, the last call checked against what the
 * storage holds now (a set must have left the key, a removal must have taken it), and a contradicted
 * last call dropped, the one before it checked in its place; the value read here, never taken from
 * the page.
 */
export async function checkedStorage(calls: readonly HookStorage[]): Promise<StorageWrite[]> {
  const ordered = calls.map((h, i) => ({ h, i })).sort((a, b) => a.h.at - b.h.at || a.i - b.i);
  const folded: Array<{ h: HookStorage; repeat: number }> = [];
  for (const { h } of ordered) {
    const last = folded[folded.length - 1];
    if (last && last.h.area === h.area && last.h.op === h.op && last.h.key === h.key && last.h.store === h.store) last.repeat++;
    else folded.push({ h, repeat: 1 });
  }
  const wanted = folded.flatMap(({ h }) => (h.area === 'indexedDB' && h.op !== 'remove' ? [h.key] : []));
  const dbs = folded.some(({ h }) => h.area === 'indexedDB') ? await databaseNames(wanted) : null;
  const byKey = new Map<string, number[]>();
  folded.forEach(({ h }, i) => {
    if (h.op === 'clear') return;
    const k = `${h.area}\u0000${h.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), i]);
  });
  const accepted = new Set<number>();
  const lastOfKey = new Set<number>();
  for (const indices of byKey.values()) {
    while (indices.length > 0 && !agrees((folded[indices[indices.length - 1] as number] as { h: HookStorage }).h, dbs)) indices.pop();
    for (const i of indices) accepted.add(i);
    if (indices.length > 0) lastOfKey.add(indices[indices.length - 1] as number);
  }
  const out: StorageWrite[] = [];
  folded.forEach(({ h, repeat }, i) => {
    if (sent >= MAX_FACTS) return;
    const w = h.op === 'clear' ? checkClear(h, folded.slice(i + 1).some((x) => x.h.area === h.area)) : accepted.has(i) ? fact(h, lastOfKey.has(i)) : null;
    if (!w) return;
    const scriptUrl = callerUrl(h.stack);
    if (scriptUrl) w.scriptUrl = scriptUrl;
    if (repeat > 1) w.repeat = repeat;
    out.push(w);
    sent++;
  });
  return out;
}

/** Whether what the storage holds now bears a call out; where the browser cannot list databases, a database call stands. */
function agrees(h: HookStorage, dbs: Set<string> | null): boolean {
  if (h.area === 'indexedDB') return dbs === null ? true : h.op === 'remove' ? !dbs.has(h.key) : dbs.has(h.key);
  const store = storageOf(h.area);
  if (!store) return false;
  const present = store.getItem(h.key) !== null;
  return h.op === 'remove' ? !present : present;
}

/** A clear stands when the area is empty now, or later calls of the frame wrote to it again. */
function checkClear(h: HookStorage, laterInArea: boolean): StorageWrite | null {
  if (h.area === 'indexedDB') return null;
  const store = storageOf(h.area);
  return store && (store.length === 0 || laterInArea) ? { area: h.area, key: '', op: 'clear', at: h.at } : null;
}

/** An accepted call as a fact; the last one of its key carries the value as the storage holds it. */
function fact(h: HookStorage, last: boolean): StorageWrite {
  if (h.area === 'indexedDB') {
    const w: StorageWrite = { area: 'indexedDB', key: h.key, op: h.op === 'clear' ? 'remove' : h.op, at: h.at };
    if (h.op === 'store' && h.store !== undefined) w.store = h.store;
    return w;
  }
  known[h.area].add(h.key);
  const value = last && h.op === 'set' ? storageOf(h.area)?.getItem(h.key) : null;
  return typeof value === 'string' ? valueFact(h.area, h.key, value, 'set', h.at) : { area: h.area, key: h.key, op: h.op === 'remove' ? 'remove' : 'set', at: h.at };
}

async function databaseNames(wanted: readonly string[]): Promise<Set<string> | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
  try {
    for (let tries = 0; ; tries++) {
      const names = new Set((await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : [])));
      if (tries >= 5 || wanted.every((k) => names.has(k))) return names;
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch {
    return null;
  }
}

const OPS: ReadonlySet<unknown> = new Set(['set', 'remove', 'clear', 'store']);
const AREAS: ReadonlySet<unknown> = new Set(['localStorage', 'sessionStorage', 'indexedDB']);

export function isHookStorage(x: unknown): x is HookStorage {
  if (typeof x !== 'object' || x === null) return false;
  const h = x as Record<string, unknown>;
  return h.api === 'storage' && AREAS.has(h.area) && OPS.has(h.op) && typeof h.key === 'string' && h.key.length <= 8_192 &&
    typeof h.stack === 'string' && typeof h.at === 'number' && (h.store === undefined || typeof h.store === 'string');
}
