import browser from 'webextension-polyfill';
import { LocalizedError } from '../core/text/i18n';
import { builtinList, type DeclaredList } from '../core/declared/declared';
import { t } from '../shared/i18n';
import { parseDeclaredList, serializeDeclaredList } from '../core/declared/declared-json';
import { siteOfHost } from '../core/evidence/party';
import type { ListScope, StoredList } from '../shared/protocol';
import { invalidateReports } from './report-cache';

// Declared lists per site (registrable domain), with an optional override per host. Kept in
// storage.local: unlike audits, an auditor's lists must outlive the browser session.
// Keys: list:site:<site>, list:host:<host>. Each list is written in one call, so it is never half-saved.

const keyOf = (scope: ListScope): string => (scope.host ? `list:host:${scope.host.toLowerCase()}` : `list:site:${scope.site.toLowerCase()}`);

/**
 * Reads every stored list once and returns the lookup for a site (or one of its hosts): reports for
 * all tabs are built on each badge update, and one storage read serves them all.
 */
export async function declaredListResolver(): Promise<(site: string, host?: string) => DeclaredList> {
  const byKey = new Map((await allDeclaredLists()).map((s) => [keyOf(s.scope), s.list]));
  const builtin = builtinList(t);
  return (site, host) => (host ? byKey.get(keyOf({ site, host })) : undefined) ?? byKey.get(keyOf({ site })) ?? builtin;
}

export async function saveDeclaredList(scope: ListScope, list: DeclaredList): Promise<StoredList> {
  if (scope.host && siteOfHost(scope.host) !== scope.site.toLowerCase()) {
    throw new LocalizedError('err_host_not_in_site', scope.host, scope.site);
  }
  // The same checks as an imported file: a bad pattern is refused before anything is written.
  const checked = parseDeclaredList(serializeDeclaredList(list), list.source);
  const stored: StoredList = { scope, list: checked, savedAt: new Date().toISOString() };
  await browser.storage.local.set({ [keyOf(scope)]: stored });
  invalidateReports();
  return stored;
}

export async function resetDeclaredList(scope: ListScope): Promise<void> {
  await browser.storage.local.remove(keyOf(scope));
  invalidateReports();
}

export async function allDeclaredLists(): Promise<StoredList[]> {
  const all = await browser.storage.local.get(null);
  return Object.entries(all)
    .filter(([k]) => k.startsWith('list:'))
    .map(([, v]) => v as StoredList)
    .sort((a, b) => (a.scope.host ?? a.scope.site).localeCompare(b.scope.host ?? b.scope.site));
}
