import browser, { type WebRequest } from 'webextension-polyfill';
import { fullEvidenceTabs, markFullEvidence, type StoredFacts } from './audit-store';
import { headersReceivedOptions, needsExtraHeaders } from './platform';

// Which tabs record full evidence. Asking Chromium for Set-Cookie ('extraHeaders') costs every
// request of every tab (about 14% of a portal's page load), so by default the extension listens
// passively and infers header attributions; a tab switched to full evidence (from the popup) gets
// a listener of its own, filtered to that tab. The command line's browser records full evidence in
// every tab, from the first instant: its copy of the extension says so in its manifest, which the
// worker reads synchronously before registering anything.
//
// The tabs switched on are kept in storage (audit-store), and their listeners registered again
// when a stopped worker starts; the registrations themselves are only handles.

const MANIFEST_KEY = 'cookie_auditor_evidence';

type HeadersListener = (details: WebRequest.OnHeadersReceivedDetailsType) => void;

let everywhere: boolean | undefined;
/**
 * Full evidence everywhere: Firefox shows Set-Cookie without asking, and the command line's copy
 * asks for it. Read once per worker (the manifest cannot change under it; getManifest copies it).
 */
export function fullEverywhere(): boolean {
  everywhere ??= !needsExtraHeaders() || (browser.runtime.getManifest() as unknown as Record<string, unknown>)[MANIFEST_KEY] === 'full';
  return everywhere;
}

const registered = new Map<number, HeadersListener>();

function listen(tabId: number, onHeaders: HeadersListener): void {
  if (registered.has(tabId)) return;
  const listener: HeadersListener = (d) => onHeaders(d);
  browser.webRequest.onHeadersReceived.addListener(listener, { urls: ['<all_urls>'], tabId }, headersReceivedOptions());
  registered.set(tabId, listener);
}

/** Switches a tab to full evidence, for as long as the tab lives. */
export async function recordFullEvidence(tabId: number, onHeaders: HeadersListener): Promise<void> {
  listen(tabId, onHeaders);
  await markFullEvidence(tabId, true);
}

export async function forgetTab(tabId: number): Promise<void> {
  const listener = registered.get(tabId);
  if (listener) browser.webRequest.onHeadersReceived.removeListener(listener);
  registered.delete(tabId);
  await markFullEvidence(tabId, false);
}

/** Whether a tab's audit has exact Set-Cookie evidence, from the facts a report is made of. */
export function fullEvidenceIn(facts: Pick<StoredFacts, 'fullEvidence'>): (tabId: number) => boolean {
  if (fullEverywhere()) return () => true;
  const tabs = new Set(facts.fullEvidence);
  return (tabId) => tabs.has(tabId);
}

/** After a worker restart: the tabs switched on get their listeners back. */
export async function restoreFullEvidence(onHeaders: HeadersListener): Promise<void> {
  if (fullEverywhere()) return;
  for (const tabId of await fullEvidenceTabs()) listen(tabId, onHeaders);
}
