import { parseSetCookie } from '../core/evidence/set-cookie';
import { send } from './send';
import type { PageCookieWrite } from '../shared/protocol';
import { WRITE_EVENT, type HookStorage, type HookWrite } from './channel';
import { appearedKeys, checkedStorage, databasesAtLoad, isHookStorage, storageAtLoad } from './storage-relay';
import type { StorageWrite } from '../core/evidence/storage';
import { callerUrl } from './stack';

// Runs in the isolated world of every frame: takes the hook's batches of writes, parses them
// later (off the page's path) and sends them to the background. Batching matters: one message per
// write costs ~40x the write itself.

const FLUSH_MS = 50;
/** Bounds on what a page can push through the channel, which it can also dispatch to itself. */
const MAX_DETAIL = 8 * 1024 * 1024;
const MAX_PENDING = 20_000;
/** How far the hook's clock may be from ours before we use ours (a page cannot move Date.now for us, but can lie in the event). */
const MAX_SKEW_MS = 60_000;
let pending: HookWrite[] = [];
let pendingStorage: HookStorage[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function sendStorage(writes: StorageWrite[]): void {
  if (writes.length === 0) return;
  send('storageWrites', { writes }).catch(() => {
    // The extension was reloaded or the page is going away: nothing else to do.
  });
}

function flush(): void {
  timer = undefined;
  if (pendingStorage.length > 0) {
    const calls = pendingStorage;
    pendingStorage = [];
    void checkedStorage(calls).then(sendStorage, () => undefined);
  }
  if (pending.length === 0) return;
  const now = Date.now();
  const writes = pending.flatMap((h) => toWrite(h, Math.abs(h.at - now) <= MAX_SKEW_MS ? h.at : now) ?? []);
  pending = [];
  if (writes.length === 0) return;
  send('scriptWrites', { writes }).catch(() => {
    // The extension was reloaded or the page is going away: the change itself is still recorded.
  });
}

function toWrite(h: HookWrite, at: number): PageCookieWrite | null {
  const scriptUrl = callerUrl(h.stack);
  let w: PageCookieWrite | null;
  if (h.api === 'document.cookie') {
    const parsed = parseSetCookie(h.cookie, at);
    w = parsed ? { ...parsed, at } : null;
  } else {
    w = { name: h.cookie, deletes: h.api === 'cookieStore.delete', at };
    if (h.domain) w.domain = h.domain.replace(/^\./, '').toLowerCase();
    if (h.path) w.path = h.path;
    if (h.expires !== undefined && h.api === 'cookieStore.set') {
      const secs = Math.round((h.expires - at) / 1000);
      if (secs <= 0) w.deletes = true;
      else w.requestedLifetime = secs;
    }
  }
  if (w && scriptUrl) w.scriptUrl = scriptUrl;
  return w;
}

const API: ReadonlySet<unknown> = new Set(['document.cookie', 'cookieStore.set', 'cookieStore.delete']);

function isHookWrite(x: unknown): x is HookWrite {
  if (typeof x !== 'object' || x === null) return false;
  const h = x as Record<string, unknown>;
  return API.has(h.api) && typeof h.cookie === 'string' && h.cookie.length <= 65_536 && typeof h.stack === 'string' &&
    typeof h.at === 'number' && (h.domain === undefined || typeof h.domain === 'string') &&
    (h.path === undefined || typeof h.path === 'string') && (h.expires === undefined || typeof h.expires === 'number');
}

window.addEventListener(WRITE_EVENT, (e) => {
  const detail = (e as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string' || detail.length > MAX_DETAIL) return;
  let batch: unknown;
  try {
    batch = JSON.parse(detail);
  } catch {
    return;
  }
  if (!Array.isArray(batch)) return;
  for (const h of batch) {
    if (isHookWrite(h) && pending.length < MAX_PENDING) pending.push(h);
    else if (isHookStorage(h) && pendingStorage.length < MAX_PENDING) pendingStorage.push(h);
  }
  timer ??= setTimeout(flush, FLUSH_MS);
});
window.addEventListener('pagehide', () => {
  flush();
  sendStorage(appearedKeys(Date.now()));
});

// What this frame finds stored, read before any of its scripts runs; later, keys no hooked call explains.
const loadedAt = Date.now();
sendStorage(storageAtLoad(loadedAt));
void databasesAtLoad(loadedAt).then(sendStorage);
window.addEventListener('load', () => setTimeout(() => sendStorage(appearedKeys(Date.now())), 1_000));
