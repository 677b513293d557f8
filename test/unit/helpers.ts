import type { TabAudit } from '../../src/core/evidence/attribute';
import type { CookieChange, CookieState, HeaderRecord, ScriptRecord } from '../../src/core/evidence/cookie';

let n = 0;
export function cookie(name: string, over: Partial<CookieState> = {}): CookieState {
  return {
    name, value: 'v', domain: 'portal.example.org', path: '/', hostOnly: true, secure: false, httpOnly: false,
    sameSite: 'lax', session: true, storeId: '0', ...over,
  };
}
export function change(at: number, c: CookieState, over: Partial<CookieChange> = {}): CookieChange {
  return { id: `c${++n}`, at, removed: false, cause: 'explicit', cookie: c, ...over };
}
export function header(at: number, tabId: number, url: string, names: string[], over: Partial<HeaderRecord> = {}): HeaderRecord {
  return { id: `h${++n}`, at, tabId, frameId: 0, url, type: 'main_frame', writes: names.map((name) => ({ name, deletes: false })), ...over };
}
export function script(at: number, tabId: number, frameUrl: string, names: string[], scriptUrl?: string, deletes = false): ScriptRecord {
  return { id: `s${++n}`, at, tabId, frameId: 0, frameUrl, writes: names.map((name) => ({ name, deletes, at, ...(scriptUrl ? { scriptUrl } : {}) })) };
}
export function tab(tabId: number, url: string, startedAt: number, site = new URL(url).hostname.split('.').slice(-2).join('.')): TabAudit {
  return { tabId, auditId: `a${tabId}`, url, site, startedAt, storeId: '0' };
}
