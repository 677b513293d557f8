import browser from 'webextension-polyfill';
import type { TabAudit } from '../core/evidence/attribute';
import { siteOfUrl } from '../core/evidence/party';
import { newId, removeTab, updateTab } from './audit-store';
import { storeIdOfTab } from './platform';
import { forgetTab } from './evidence-mode';
import { coverSite } from './recover';
import { forgetBadge } from './badge';
import { forgetPage, pageCompleted } from './pending';

// Decides when a tab's audit starts: a top-level navigation to another site starts a new one;
// a reload or a same-site navigation keeps adding to it.

async function storeIdOf(tabId: number): Promise<string> {
  try {
    return storeIdOfTab(await browser.tabs.get(tabId));
  } catch {
    return '0';
  }
}

/** Loads a tab keeps: enough to find the first one after any choice a person marks. */
const MAX_LOADS = 20;

/** The audit's loads with this document request's moment added, once per request (its redirects are the same load). */
function withLoad(a: TabAudit, nav: { at: number; requestId?: string }): TabAudit {
  if (nav.requestId === undefined || a.loadRequestId === nav.requestId) return a;
  return { ...a, loads: [...(a.loads ?? []), nav.at].slice(-MAX_LOADS), loadRequestId: nav.requestId };
}

/** Returns the audit after a top-level navigation of `tabId` to `url`, seen at `at`. */
export function nextAudit(
  current: TabAudit | undefined,
  nav: { tabId: number; url: string; at: number; storeId: string; requestId?: string },
): TabAudit | undefined {
  const site = siteOfUrl(nav.url);
  if (site === null) return current; // not an http(s) page: nothing to audit, keep what we have
  // A redirect of the request that started the audit belongs to it, even across sites.
  if (current && (current.site === site || (nav.requestId !== undefined && current.requestId === nav.requestId))) {
    return withLoad({ ...current, url: nav.url, site }, nav);
  }
  const audit: TabAudit = { tabId: nav.tabId, auditId: newId(nav.at), url: nav.url, site, startedAt: nav.at, storeId: nav.storeId };
  if (nav.requestId !== undefined) audit.requestId = nav.requestId;
  return withLoad(audit, nav);
}

export function registerNavigation(onAuditChanged: () => void): void {
  // A site audited from now on: the jar's snapshot covers it (background/recover).
  const audited = (audit: TabAudit | undefined): void => {
    if (audit) void coverSite(audit.storeId, audit.site);
    onAuditChanged();
  };
  // The document request comes before its Set-Cookie headers: starting the audit here keeps them.
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId < 0) return;
      const at = Date.now();
      void updateTab(details.tabId, async (cur) =>
        nextAudit(cur, { tabId: details.tabId, url: details.url, at, storeId: await storeIdOf(details.tabId), requestId: details.requestId }),
      ).then(audited);
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
  );
  // Navigations that make no request (back/forward cache, history API) still change the page.
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId !== 0) return;
    // The browser resets a tab's badge on a new document; the next update sets it again.
    forgetBadge(details.tabId);
    // An extension page (the popup opened in a tab) is no audit: the worker must not derive every
    // report again for the badges while that popup waits for its own.
    if (siteOfUrl(details.url) === null) return;
    const at = Date.now();
    void updateTab(details.tabId, async (cur) =>
      nextAudit(cur, { tabId: details.tabId, url: details.url, at, storeId: await storeIdOf(details.tabId) }),
    ).then(audited);
  });
  // The page's load: its storage is looked at a moment later (background/pending).
  browser.webNavigation.onCompleted.addListener((details) => {
    if (details.frameId === 0) pageCompleted(details.tabId, Date.now());
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetPage(tabId);
    forgetBadge(tabId, true);
    void forgetTab(tabId).catch(() => undefined);
    void removeTab(tabId).then((removed) => removed && onAuditChanged());
  });
}
