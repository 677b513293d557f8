import browser, { type Cookies, type Tabs, type WebRequest } from 'webextension-polyfill';
import type { ChangeCause, CookieState, SameSite } from '../core/evidence/cookie';

// The small adapter where Chromium and Firefox differ. Nothing browser-specific lives elsewhere.

/** Whether this browser hides Set-Cookie from webRequest unless asked with 'extraHeaders' (Chromium; Firefox rejects the flag). */
export function needsExtraHeaders(): boolean {
  return Boolean((globalThis as { chrome?: { webRequest?: { OnHeadersReceivedOptions?: { EXTRA_HEADERS?: string } } } })
    .chrome?.webRequest?.OnHeadersReceivedOptions?.EXTRA_HEADERS);
}

/** The options that show Set-Cookie: full evidence. */
export function headersReceivedOptions(): WebRequest.OnHeadersReceivedOptions[] {
  return needsExtraHeaders() ? ['responseHeaders', 'extraHeaders' as WebRequest.OnHeadersReceivedOptions] : ['responseHeaders'];
}

/**
 * The options of the passive listener: in Chromium none (the response's URL, type, tab and time are
 * all it needs, and asking for headers costs every request); Firefox shows Set-Cookie at no extra
 * cost, so its passive listener records full evidence.
 */
export function passiveOptions(): WebRequest.OnHeadersReceivedOptions[] {
  return needsExtraHeaders() ? [] : ['responseHeaders'];
}

/** The cookie store a tab uses: Firefox names it on the tab; Chromium has "0" and "1" (incognito). */
export function storeIdOfTab(tab: Pick<Tabs.Tab, 'incognito'> & { cookieStoreId?: string }): string {
  return tab.cookieStoreId ?? (tab.incognito ? '1' : '0');
}

const SAME_SITE: Record<string, SameSite> = { no_restriction: 'no_restriction', lax: 'lax', strict: 'strict' };

/** Firefox names itself through getBrowserInfo, which Chromium does not have. */
function isFirefox(): boolean {
  return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
}

/**
 * Firefox's cookies API hands over a cookie's name as its UTF-8 bytes, one character per byte
 * (`unicode_é` arrives as `unicode_Ã©`), while it decodes the value. Seen in Firefox ESR 153.
 * A name that is not valid UTF-8 (a server's Latin-1 byte) stays as it came.
 */
export function decodedName(name: string, firefox = isFirefox()): string {
  if (!firefox || !/[\x80-\xff]/.test(name) || /[^\x00-\xff]/.test(name)) return name;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(name, (ch) => ch.charCodeAt(0)));
  } catch {
    return name;
  }
}

/**
 * Every cookie of a store, partitioned ones included (CHIPS; in Firefox, every third-party cookie,
 * and with first-party isolation on, every cookie of every first party: Firefox then refuses a
 * query without `firstPartyDomain`, which Chromium does not know).
 */
export async function allCookies(storeId: string, domain?: string): Promise<Cookies.Cookie[]> {
  const scope = { storeId, ...(isFirefox() ? { firstPartyDomain: null } : {}), ...(domain !== undefined ? { domain } : {}) };
  const [plain, partitioned] = await Promise.all([
    browser.cookies.getAll(scope as Cookies.GetAllDetailsType),
    browser.cookies.getAll({ ...scope, partitionKey: {} } as Cookies.GetAllDetailsType).catch(() => []),
  ]);
  const key = (c: Cookies.Cookie) => `${c.name}\n${c.domain}\n${c.path}\n${(c as { partitionKey?: { topLevelSite?: string } }).partitionKey?.topLevelSite ?? ''}`;
  const seen = new Set(plain.map(key));
  return [...plain, ...partitioned.filter((c) => !seen.has(key(c)))];
}

export function toCookieState(c: Cookies.Cookie): CookieState {
  const state: CookieState = {
    name: decodedName(c.name),
    value: c.value,
    domain: c.domain,
    path: c.path,
    hostOnly: c.hostOnly,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: SAME_SITE[c.sameSite] ?? 'unspecified',
    session: c.session,
    storeId: c.storeId,
  };
  if (c.expirationDate !== undefined) state.expirationDate = c.expirationDate;
  // Firefox's first-party isolation keeps a cookie per first party, as partitioning does per top-level site.
  const x = c as { partitionKey?: { topLevelSite?: string }; firstPartyDomain?: string };
  const partitionSite = x.partitionKey?.topLevelSite || x.firstPartyDomain;
  if (partitionSite) state.partitionSite = partitionSite;
  return state;
}

const CAUSES: readonly ChangeCause[] = ['explicit', 'overwrite', 'expired', 'evicted', 'expired_overwrite'];
export function toCause(cause: string): ChangeCause {
  return (CAUSES as readonly string[]).includes(cause) ? (cause as ChangeCause) : 'explicit';
}

/** "Chromium 156.0…" or "Firefox 153.0", for the report. */
export async function browserName(): Promise<string> {
  const info = (browser.runtime as { getBrowserInfo?: () => Promise<{ name: string; version: string }> }).getBrowserInfo;
  if (info) {
    const i = await info();
    return `${i.name} ${i.version}`;
  }
  const m = /(?:Chrome|Chromium)\/([\d.]+)/.exec(navigator.userAgent);
  return m ? `Chromium ${m[1]}` : navigator.userAgent;
}

/** Whether the browser lets third parties set cookies; an audit with them blocked sees less. */
export async function thirdPartyCookies(): Promise<'allowed' | 'blocked' | 'unknown'> {
  const websites = browser.privacy.websites as typeof browser.privacy.websites & {
    thirdPartyCookiesAllowed?: { get(d: object): Promise<{ value: unknown }> };
  };
  try {
    if (websites.thirdPartyCookiesAllowed) {
      return (await websites.thirdPartyCookiesAllowed.get({})).value === true ? 'allowed' : 'blocked';
    }
    // Firefox: partitioned third-party cookies are still set (per top-level site), so they count as allowed.
    const behavior = ((await websites.cookieConfig.get({})).value as { behavior?: string }).behavior;
    if (behavior === undefined) return 'unknown';
    return behavior === 'allow_all' || behavior.includes('partition') || behavior === 'reject_trackers' ? 'allowed' : 'blocked';
  } catch {
    return 'unknown';
  }
}
