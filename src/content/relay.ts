import { parseSetCookie } from '../core/set-cookie';
import { send } from '../shared/connector';
import type { PageCookieWrite } from '../shared/protocol';
import { WRITE_EVENT, type HookWrite } from './channel';
import { callerUrl } from './stack';

// Runs in the isolated world of every frame: takes the hook's writes, batches them and sends
// them to the background. Batching matters: one message per write costs ~40x the write itself.

const FLUSH_MS = 50;
let batch: PageCookieWrite[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  timer = undefined;
  if (batch.length === 0) return;
  const writes = batch;
  batch = [];
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

window.addEventListener(WRITE_EVENT, (e) => {
  const detail = (e as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string' || detail.length > 65_536) return;
  let h: HookWrite;
  try {
    h = JSON.parse(detail) as HookWrite;
  } catch {
    return;
  }
  if (typeof h !== 'object' || h === null || typeof h.cookie !== 'string' || typeof h.stack !== 'string') return;
  const w = toWrite(h, Date.now());
  if (!w) return;
  batch.push(w);
  timer ??= setTimeout(flush, FLUSH_MS);
});
window.addEventListener('pagehide', flush);
