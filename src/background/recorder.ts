import browser, { type Cookies, type WebRequest } from 'webextension-polyfill';
import { parseSetCookieHeader } from '../core/evidence/set-cookie';
import { rfc6265Date } from '../core/evidence/cookie-dates';
import { candidateResponses, INFER_AFTER_MS, INFER_BEFORE_MS } from '../core/evidence/attribute';
import type { CookieChange, CookieWrite, ResponseSeen } from '../core/evidence/cookie';
import { newId, putChange, putHeader, putInference } from './audit-store';
import { fullEverywhere, restoreFullEvidence } from './evidence-mode';
import { headersReceivedOptions, passiveOptions, toCause, toCookieState } from './platform';

// Turns browser events into stored facts. Each listener stamps the time synchronously, so a
// fact's time is when the browser reported it, not when storage got round to it.

export type OnFactRecorded = () => void;

// The responses of the last moment, in memory only. A moment after a cookie change, the ones that
// could have set it (core/evidence/attribute) are stored beside it as its inference. A worker
// restarted in between starts with none, and a change it cannot place stays unknown rather than
// wrongly inferred.
const RECENT_MAX = 2_000;
let recent: ResponseSeen[] = [];
let waiting: CookieChange[] = [];
let inferTimer: ReturnType<typeof setTimeout> | undefined;

function remember(d: WebRequest.OnHeadersReceivedDetailsType, at: number): void {
  if (d.tabId < 0) return;
  const keep = INFER_BEFORE_MS + INFER_AFTER_MS * 2;
  if (recent.length >= RECENT_MAX || (recent[0] && at - recent[0].at > keep * 2)) recent = recent.filter((r) => at - r.at <= keep);
  const frameUrl = frameUrlOf(d);
  recent.push({ at, tabId: d.tabId, frameId: d.frameId, url: d.url, type: d.type, ...(frameUrl !== undefined ? { frameUrl } : {}) });
}

/** Changes whose inference is still to be stored (passive mode): a settled audit waits for them. */
export function pendingInferences(): number {
  return waiting.length;
}

/** Stores the inferences of the changes whose moment after has passed. */
function inferWaiting(notify: OnFactRecorded): void {
  inferTimer = undefined;
  const now = Date.now();
  const due = waiting.filter((c) => now - c.at >= INFER_AFTER_MS);
  waiting = waiting.filter((c) => now - c.at < INFER_AFTER_MS);
  let stored = 0;
  for (const c of due) {
    const { responses, matched } = candidateResponses(recent, c.cookie.domain, c.at);
    if (responses.length === 0) continue;
    putInference({ id: c.id, at: c.at, responses, matched });
    stored++;
  }
  if (stored > 0) notify();
  if (waiting.length > 0) inferTimer = setTimeout(() => inferWaiting(notify), INFER_AFTER_MS);
}

function onCookieChanged(info: Cookies.OnChangedChangeInfoType, notify: OnFactRecorded): void {
  const at = Date.now();
  const change: CookieChange = { id: newId(at), at, removed: info.removed, cause: toCause(info.cause), cookie: toCookieState(info.cookie) };
  // Only where a header may go unseen (passive mode) is there anything to infer.
  const passive = !fullEverywhere();
  if (passive) change.passive = true;
  putChange(change);
  if (passive) {
    waiting.push(change);
    inferTimer ??= setTimeout(() => inferWaiting(notify), INFER_AFTER_MS + 20);
  }
  notify();
}

function frameUrlOf(details: WebRequest.OnHeadersReceivedDetailsType): string | undefined {
  const d = details as WebRequest.OnHeadersReceivedDetailsType & { documentUrl?: string; initiator?: string };
  return details.type === 'main_frame' || details.type === 'sub_frame' ? details.url : (d.documentUrl ?? d.initiator);
}

/** Full evidence: the Set-Cookie headers of a response, stored as one fact. */
export function onHeadersReceived(details: WebRequest.OnHeadersReceivedDetailsType, notify: OnFactRecorded): void {
  if (details.tabId < 0 || !details.responseHeaders) return;
  const at = Date.now();
  const writes: CookieWrite[] = [];
  for (const h of details.responseHeaders) {
    if (h.name.toLowerCase() === 'set-cookie' && h.value) writes.push(...parseSetCookieHeader(h.value, at, rfc6265Date));
  }
  if (writes.length === 0) return;
  const frameUrl = frameUrlOf(details);
  putHeader({
    id: newId(at),
    at,
    tabId: details.tabId,
    frameId: details.frameId,
    url: details.url,
    type: details.type,
    ...(frameUrl !== undefined ? { frameUrl } : {}),
    writes,
  });
  notify();
}

/** The listener a tab switched to full evidence gets (background/evidence-mode). */
export function fullEvidenceListener(notify: OnFactRecorded): (details: WebRequest.OnHeadersReceivedDetailsType) => void {
  return (details) => onHeadersReceived(details, notify);
}

/** Registers the recording listeners; must run synchronously at the worker's top level. */
export function registerRecorder(notify: OnFactRecorded): void {
  browser.cookies.onChanged.addListener((info) => onCookieChanged(info, notify));
  const full = fullEverywhere();
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      remember(details, Date.now());
      // Firefox shows Set-Cookie to the passive listener too; the command line's copy asks for it everywhere.
      if (full) onHeadersReceived(details, notify);
    },
    { urls: ['<all_urls>'] },
    full ? headersReceivedOptions() : passiveOptions(),
  );
  void restoreFullEvidence(fullEvidenceListener(notify)).catch(() => undefined);
}
