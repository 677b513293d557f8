import { MATCH_WINDOW_MS } from './attribute';
import type { CookieChange, CookieState, CookieWrite, HeaderRecord, ScriptRecord, SetBy } from './cookie';
import { domainMatches, hostOfUrl } from './party';

// A worker stopped by force can miss a cookies.onChanged event even though the write that caused it
// was recorded (the page hook's message reaches the next worker). The cookie is then in the jar
// with no change on record. These find such writes and the jar cookie they set, so the background
// can record the change that was lost, at the write's time.

export interface LostWrite {
  name: string;
  /** The host that wrote it: the frame (script) or the response (header). */
  host: string;
  domain?: string;
  path?: string;
  at: number;
  /** Which write: `recordId#index`. */
  ref: string;
  /** When the background received it: what places it in a tab's audit (a page's own clock may lag). */
  recordedAt: number;
  tabId: number;
  setBy: SetBy;
  write: CookieWrite;
}

/** Writes that set a cookie, with no recorded change of a cookie of that name near their time. */
export function writesWithoutChange(changes: readonly CookieChange[], headers: readonly HeaderRecord[], scripts: readonly ScriptRecord[]): LostWrite[] {
  const byName = new Map<string, number[]>();
  for (const c of changes) {
    const list = byName.get(c.cookie.name);
    if (list) list.push(c.at);
    else byName.set(c.cookie.name, [c.at]);
  }
  const seen = (name: string, at: number): boolean => (byName.get(name) ?? []).some((t) => Math.abs(t - at) <= MATCH_WINDOW_MS);
  const lost: LostWrite[] = [];
  const consider = (host: string | null, w: CookieWrite, at: number, from: Omit<LostWrite, 'name' | 'host' | 'at' | 'write' | 'domain' | 'path'>): void => {
    if (host === null || w.deletes || seen(w.name, at)) return;
    lost.push({ name: w.name, host, at, write: w, ...from, ...(w.domain !== undefined ? { domain: w.domain } : {}), ...(w.path !== undefined ? { path: w.path } : {}) });
  };
  for (const s of scripts) {
    s.writes.forEach((w, i) => {
      const setBy: SetBy = { kind: 'script', frameUrl: s.frameUrl, at: w.at, ...(w.scriptUrl !== undefined ? { url: w.scriptUrl } : {}) };
      consider(hostOfUrl(s.frameUrl), w, w.at, { ref: `${s.id}#${i}`, recordedAt: s.at, tabId: s.tabId, setBy });
    });
  }
  for (const h of headers) {
    h.writes.forEach((w, i) => {
      const setBy: SetBy = { kind: 'header', url: h.url, type: h.type, at: h.at, ...(h.frameUrl !== undefined ? { frameUrl: h.frameUrl } : {}) };
      consider(hostOfUrl(h.url), w, h.at, { ref: `${h.id}#${i}`, recordedAt: h.at, tabId: h.tabId, setBy });
    });
  }
  return lost;
}

/** The jar cookie a lost write set: same name, a domain the writer may set, the path it asked for. */
export function jarCookieOf(w: LostWrite, jar: readonly CookieState[]): CookieState | undefined {
  return jar.find(
    (c) =>
      c.name === w.name &&
      domainMatches(w.host, c.domain) &&
      (w.domain === undefined || c.domain.replace(/^\./, '') === w.domain.replace(/^\./, '')) &&
      (w.path === undefined || c.path === w.path),
  );
}
