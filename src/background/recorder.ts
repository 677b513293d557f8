import browser, { type Cookies, type WebRequest } from 'webextension-polyfill';
import { parseSetCookieHeader } from '../core/evidence/set-cookie';
import { rfc6265Date } from '../core/evidence/cookie-dates';
import type { CookieWrite } from '../core/evidence/cookie';
import { newId, putChange, putHeader } from './audit-store';
import { headersReceivedOptions, toCause, toCookieState } from './platform';

// Turns browser events into stored facts. Each listener stamps the time synchronously, so a
// fact's time is when the browser reported it, not when storage got round to it.

export type OnFactRecorded = () => void;

function onCookieChanged(info: Cookies.OnChangedChangeInfoType, notify: OnFactRecorded): void {
  const at = Date.now();
  putChange({ id: newId(at), at, removed: info.removed, cause: toCause(info.cause), cookie: toCookieState(info.cookie) });
  notify();
}

function onHeadersReceived(details: WebRequest.OnHeadersReceivedDetailsType, notify: OnFactRecorded): void {
  if (details.tabId < 0 || !details.responseHeaders) return;
  const at = Date.now();
  const writes: CookieWrite[] = [];
  for (const h of details.responseHeaders) {
    if (h.name.toLowerCase() === 'set-cookie' && h.value) writes.push(...parseSetCookieHeader(h.value, at, rfc6265Date));
  }
  if (writes.length === 0) return;
  const d = details as WebRequest.OnHeadersReceivedDetailsType & { documentUrl?: string; initiator?: string };
  const frameUrl = details.type === 'main_frame' || details.type === 'sub_frame' ? details.url : (d.documentUrl ?? d.initiator);
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

/** Registers the recording listeners; must run synchronously at the worker's top level. */
export function registerRecorder(notify: OnFactRecorded): void {
  browser.cookies.onChanged.addListener((info) => onCookieChanged(info, notify));
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      onHeadersReceived(details, notify);
    },
    { urls: ['<all_urls>'] },
    headersReceivedOptions(),
  );
}
