import type { Runtime } from 'webextension-polyfill';
import { siteOfUrl } from '../core/evidence/party';
import { PREVIEW_CHARS, STORAGE_AREAS, STORAGE_OPS, type StorageRecord, type StorageWrite } from '../core/evidence/storage';

// Storage facts come from the page's own frame, through its relay: keep only well-formed fields of
// sane size, and take the tab, frame, URL and partition from the browser's sender, never the message.

const MAX_WRITES = 5_000;
const MAX_KEY = 8_192;
const MAX_URL = 8_192;

export function sanitizeStorageWrites(raw: unknown, now: number): StorageWrite[] {
  if (!Array.isArray(raw)) throw new Error('storageWrites: "writes" must be an array.');
  const out: StorageWrite[] = [];
  for (const w of raw.slice(0, MAX_WRITES) as unknown[]) {
    if (typeof w !== 'object' || w === null) continue;
    const r = w as Record<string, unknown>;
    if (!STORAGE_AREAS.includes(r.area as StorageWrite['area']) || !STORAGE_OPS.includes(r.op as StorageWrite['op'])) continue;
    if (typeof r.key !== 'string' || r.key.length > MAX_KEY) continue;
    const at = typeof r.at === 'number' && Math.abs(r.at - now) < 60_000 ? r.at : now;
    const clean: StorageWrite = { area: r.area as StorageWrite['area'], key: r.key, op: r.op as StorageWrite['op'], at };
    if (typeof r.size === 'number' && Number.isInteger(r.size) && r.size >= 0) clean.size = r.size;
    if (typeof r.preview === 'string') clean.preview = r.preview.slice(0, PREVIEW_CHARS);
    if (typeof r.store === 'string' && r.store.length <= MAX_KEY) clean.store = r.store;
    if (typeof r.scriptUrl === 'string' && r.scriptUrl.length <= MAX_URL) clean.scriptUrl = r.scriptUrl;
    if (typeof r.repeat === 'number' && Number.isInteger(r.repeat) && r.repeat > 1) clean.repeat = r.repeat;
    out.push(clean);
  }
  return out;
}

/** The record of one message: a third party's frame gets the top-level site its storage is partitioned under. */
export function storageRecord(id: string, at: number, sender: Runtime.MessageSender, writes: StorageWrite[]): StorageRecord {
  const frameUrl = sender.url ?? '';
  const top = siteOfUrl(sender.tab?.url ?? '');
  const own = siteOfUrl(frameUrl);
  return {
    id,
    at,
    tabId: sender.tab?.id ?? -1,
    frameId: sender.frameId ?? 0,
    frameUrl,
    ...(top !== null && own !== null && top !== own ? { partitionSite: top } : {}),
    writes,
  };
}
