import {
  cookieKey,
  type AuditEvent,
  type CookieChange,
  type CookieWrite,
  type EventKind,
  type HeaderRecord,
  type Inference,
  type ScriptRecord,
  type SetBy,
} from './cookie';
import type { ConsentMark } from './consent-record';
import { domainMatches, hostOfUrl, siteOfHost } from './party';

/** A tab's audit: which site it is auditing and since when. */
export interface TabAudit {
  tabId: number;
  auditId: string;
  url: string;
  site: string;
  startedAt: number;
  storeId: string;
  /** The navigation request that started this audit, so its redirects do not start another. */
  requestId?: string;
  /** The choices the auditor marked, oldest first (at most MAX_MARKS). */
  consentMarks?: ConsentMark[];
  /** When each top-level load of the audited site was asked for (its document request), the last few; a reload after a choice is the audit's look again. */
  loads?: number[];
  /** The request of the last load, so that its redirects count once. */
  loadRequestId?: string;
}

/**
 * How far apart (ms) a cookie change and the header or script write that caused it may be
 * received. Both are stamped by the background on arrival; a restarted worker may receive
 * queued events late, so this is generous.
 */
export const MATCH_WINDOW_MS = 10_000;

/** How long before a cookie change a response may have arrived to be a candidate for having set it (passive mode). */
export const INFER_BEFORE_MS = 1_000;
/** How long after: without 'extraHeaders', Chromium may report a response after the cookie change it caused. */
export const INFER_AFTER_MS = 300;
/** Candidate responses a change keeps, closest first. */
export const INFER_CANDIDATES = 3;

/** The responses of `recent` that could have set this cookie around `at`, closest first, and how many there were. */
export function candidateResponses<R extends { at: number; url: string }>(recent: readonly R[], cookieDomain: string, at: number): { responses: R[]; matched: number } {
  const all = recent
    .filter((r) => r.at >= at - INFER_BEFORE_MS && r.at <= at + INFER_AFTER_MS && domainMatches(hostOfUrl(r.url) ?? '', cookieDomain))
    .sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at) || b.at - a.at);
  return { responses: all.slice(0, INFER_CANDIDATES), matched: all.length };
}

/** The changes with the responses their inferences found (passive mode). */
export function withInferences(changes: readonly CookieChange[], inferences: readonly Inference[]): CookieChange[] {
  if (inferences.length === 0) return [...changes];
  const byId = new Map(inferences.map((i) => [i.id, i]));
  return changes.map((c) => {
    const i = byId.get(c.id);
    return i ? { ...c, responses: i.responses, responsesMatched: i.matched } : c;
  });
}

interface Candidate {
  at: number;
  tabId: number;
  host: string;
  write: CookieWrite;
  setBy: SetBy;
  used: boolean;
}

/**
 * Assigns every cookie change to the audits of the tabs that caused it.
 * Matching happens here, on the stored facts, rather than when the events arrive:
 * the browser does not order `onChanged` and request events, and the worker may be
 * restarted between them.
 */
export function assignEvents(
  changes: readonly CookieChange[],
  headers: readonly HeaderRecord[],
  scripts: readonly ScriptRecord[],
  tabs: readonly TabAudit[],
  /** What summarised changes (core/evidence/summary) left: the cookies in the jar, and which tabs hold them. */
  earlier: { live: Iterable<string>; owners: ReadonlyMap<string, readonly number[]> } = { live: [], owners: new Map() },
): Map<number, AuditEvent[]> {
  const byName = new Map<string, Candidate[]>();
  const add = (c: Candidate): void => {
    const list = byName.get(c.write.name);
    if (list) list.push(c);
    else byName.set(c.write.name, [c]);
  };
  for (const h of headers) {
    const host = hostOfUrl(h.url);
    if (host === null) continue;
    for (const write of h.writes) {
      const setBy: SetBy = { kind: 'header', url: h.url, type: h.type, at: h.at };
      if (h.frameUrl !== undefined) setBy.frameUrl = h.frameUrl;
      add({ at: h.at, tabId: h.tabId, host, write, setBy, used: false });
    }
  }
  for (const s of scripts) {
    const host = hostOfUrl(s.frameUrl);
    if (host === null) continue;
    for (const w of s.writes) {
      const setBy: SetBy = { kind: 'script', frameUrl: s.frameUrl, at: w.at };
      if (w.scriptUrl !== undefined) setBy.url = w.scriptUrl;
      add({ at: s.at, tabId: s.tabId, host, write: w, setBy, used: false });
    }
  }

  const tabById = new Map(tabs.map((t) => [t.tabId, t]));
  const result = new Map<number, AuditEvent[]>(tabs.map((t) => [t.tabId, []]));
  const owners = new Map<string, Set<number>>([...earlier.owners].map(([k, ids]) => [k, new Set(ids)]));
  const inAudit = (tabId: number, at: number): TabAudit | undefined => {
    const t = tabById.get(tabId);
    return t !== undefined && at >= t.startedAt ? t : undefined;
  };

  const sorted = [...changes].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pendingOverwrite = new Set<string>();
  const live = new Set<string>(earlier.live); // keys in the jar right now, as far as the changes tell
  for (const change of sorted) {
    const key = cookieKey(change.cookie);
    // Chromium reports an overwrite as a removal (cause "overwrite") then a set: fold them.
    // ("expired_overwrite" is a write of an already expired cookie: a deletion, no set follows.)
    if (change.removed && change.cause === 'overwrite') {
      pendingOverwrite.add(key);
      continue;
    }
    let kind: EventKind;
    if (!change.removed) kind = pendingOverwrite.has(key) || live.has(key) ? 'overwrite' : 'set';
    else if (change.cause === 'expired') kind = 'expire';
    else if (change.cause === 'evicted') kind = 'evict';
    else kind = 'delete';
    if (!change.removed) {
      pendingOverwrite.delete(key);
      live.add(key);
    } else {
      live.delete(key);
    }

    const targets = new Map<number, SetBy>();
    let requestedLifetime: number | undefined;
    // A change explained by a write belongs to that write's tab, even when that tab is closed or
    // its audit has moved on: it must not fall back to another tab of the same site.
    let explained = false;
    if (kind === 'set' || kind === 'overwrite' || kind === 'delete') {
      const match = bestCandidate(byName.get(change.cookie.name), change, kind === 'delete');
      if (match) {
        match.used = true;
        explained = true;
        if (inAudit(match.tabId, match.at)) {
          targets.set(match.tabId, match.setBy);
          requestedLifetime = match.write.requestedLifetime;
        }
      }
    }
    if (!explained && (kind === 'set' || kind === 'overwrite' || kind === 'delete')) {
      // Passive mode: no header was seen, but a response of an audited tab that could set this
      // cookie came just before the change. Its attribution is inferred, and says among how many.
      const response = change.responses?.find((r) => inAudit(r.tabId, r.at));
      if (response) {
        explained = true;
        const setBy: SetBy = { kind: 'header', url: response.url, type: response.type, at: response.at, inferred: { of: change.responsesMatched ?? change.responses?.length ?? 1 } };
        if (response.frameUrl !== undefined) setBy.frameUrl = response.frameUrl;
        targets.set(response.tabId, setBy);
      }
    }
    if (!explained) {
      // No write explains the change: it belongs to the audits that already hold this cookie,
      // or, for a new cookie, to the tabs auditing the cookie's own site.
      const known = owners.get(key);
      const site = siteOfHost(change.cookie.domain);
      for (const t of tabs) {
        if (t.storeId !== change.cookie.storeId || change.at < t.startedAt) continue;
        if (known ? known.has(t.tabId) : t.site === site) targets.set(t.tabId, { kind: 'unknown', at: change.at, ...(change.missedSince !== undefined ? { missedSince: change.missedSince } : {}) });
      }
    }
    for (const [tabId, setBy] of targets) {
      const ev: AuditEvent = { kind, at: change.at, cookie: change.cookie, setBy, changeId: change.id };
      if (requestedLifetime !== undefined) ev.requestedLifetime = requestedLifetime;
      result.get(tabId)?.push(ev);
      let set = owners.get(key);
      if (!set) owners.set(key, (set = new Set()));
      set.add(tabId);
    }
  }
  return result;
}

function bestCandidate(list: Candidate[] | undefined, change: CookieChange, deleting: boolean): Candidate | undefined {
  if (!list) return undefined;
  let best: Candidate | undefined;
  let bestGap = Infinity;
  for (const c of list) {
    if (c.used || c.write.deletes !== deleting) continue;
    const gap = Math.abs(c.at - change.at);
    if (gap > MATCH_WINDOW_MS || gap >= bestGap) continue;
    // A change recorded passively met only the headers of a tab switched to full evidence, which
    // the browser reports before the cookie is stored: a header long after it set a later change.
    if (change.passive && c.setBy.kind === 'header' && c.at > change.at + INFER_AFTER_MS) continue;
    if (!domainMatches(c.host, change.cookie.domain)) continue;
    if (c.write.path !== undefined && c.write.path !== change.cookie.path) continue;
    if (c.write.domain !== undefined && c.write.domain !== change.cookie.domain.replace(/^\./, '')) continue;
    best = c;
    bestGap = gap;
  }
  return best;
}
