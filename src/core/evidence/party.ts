import { getDomain, getHostname } from 'tldts';

/**
 * The site of a host: its registrable domain (eTLD+1) from the public suffix list,
 * or the host itself for IP addresses and single-label hosts (localhost), which have none.
 */
export function siteOfHost(host: string): string {
  const h = host.replace(/^\./, '').toLowerCase();
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

export function hostOfUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return getHostname(url) ?? u.hostname;
  } catch {
    return null;
  }
}

export function siteOfUrl(url: string): string | null {
  const host = hostOfUrl(url);
  return host === null ? null : siteOfHost(host);
}

export type Party = 'first' | 'third';

/** First-party when the cookie's domain belongs to the same site as the page's top level. */
export function partyOf(cookieDomain: string, pageSite: string): Party {
  return siteOfHost(cookieDomain) === pageSite ? 'first' : 'third';
}

/** Whether a request to `host` may set or delete a cookie for `cookieDomain` (RFC 6265 domain-match). */
export function domainMatches(host: string, cookieDomain: string): boolean {
  const h = host.toLowerCase();
  const d = cookieDomain.replace(/^\./, '').toLowerCase();
  return h === d || h.endsWith('.' + d);
}
