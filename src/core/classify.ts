// Well-known cookies: vendor and category of an undeclared cookie, from public vendor documentation.
// A starter table: each entry names its source. The site's declared list always wins over it
// (the Open Cookie Database lists `sessionid` as an Instagram cookie, which is wrong on a Django portal).

export type Category = 'necessary' | 'functional' | 'analytics' | 'advertising' | 'unknown';

/** Categories that need the visitor's consent before they are set. */
export function needsConsent(category: Category): boolean {
  return category === 'analytics' || category === 'advertising';
}

export interface KnownCookie {
  /** Exact name, or a prefix ending in `*`. */
  name: string;
  vendor: string;
  category: Category;
  /** Only when the cookie is on this registrable domain (third-party cookies of a vendor). */
  domain?: string;
  source: string;
}

const MATOMO = 'https://matomo.org/faq/general/faq_146/';
const GA = 'https://support.google.com/analytics/answer/11397207';
const GADS = 'https://business.safety.google/adscookies/';
const HOTJAR = 'https://help.hotjar.com/hc/en-us/articles/6952777582999';
const META = 'https://www.facebook.com/policy/cookies/';
const MS = 'https://learn.microsoft.com/en-us/clarity/setup-and-installation/cookie-list';
const HUBSPOT = 'https://knowledge.hubspot.com/privacy-and-consent/what-cookies-does-hubspot-set-in-a-visitor-s-browser';
const DJANGO = 'https://docs.djangoproject.com/en/stable/ref/settings/';
const AXEPTIO = 'https://support.axeptio.eu/hc/en-gb/articles/4402985038225';
const TARTEAUCITRON = 'https://github.com/AmauryCarrade/tarteaucitron.js';
const ONETRUST = 'https://my.onetrust.com/s/article/UUID-2dc719a8-4be5-8d16-1dc8-c7b4147b88e0';
const COOKIEBOT = 'https://www.cookiebot.com/en/cookie-declaration/';
const LINKEDIN = 'https://www.linkedin.com/legal/l/cookie-table';
const YOUTUBE = 'https://policies.google.com/technologies/cookies';
const XITI = 'https://helpcentre.atinternet-solutions.com/hc/en-us/articles/360014794240';

export const KNOWN_COOKIES: readonly KnownCookie[] = [
  { name: '_pk_id.*', vendor: 'Matomo', category: 'analytics', source: MATOMO },
  { name: '_pk_ses.*', vendor: 'Matomo', category: 'analytics', source: MATOMO },
  { name: '_pk_ref.*', vendor: 'Matomo', category: 'analytics', source: MATOMO },
  { name: '_pk_cvar.*', vendor: 'Matomo', category: 'analytics', source: MATOMO },
  { name: '_pk_hsr.*', vendor: 'Matomo', category: 'analytics', source: MATOMO },
  { name: 'MATOMO_SESSID', vendor: 'Matomo', category: 'analytics', source: MATOMO },
  { name: 'mtm_consent', vendor: 'Matomo', category: 'necessary', source: MATOMO },
  { name: 'mtm_cookie_consent', vendor: 'Matomo', category: 'necessary', source: MATOMO },
  { name: '_ga', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '_ga_*', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '_gid', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '_gat', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '_gat_*', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '__utma', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '__utmb', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '__utmz', vendor: 'Google Analytics', category: 'analytics', source: GA },
  { name: '_gcl_*', vendor: 'Google Ads', category: 'advertising', source: GADS },
  { name: 'IDE', vendor: 'Google Ads (DoubleClick)', category: 'advertising', domain: 'doubleclick.net', source: GADS },
  { name: 'NID', vendor: 'Google', category: 'advertising', domain: 'google.com', source: GADS },
  { name: 'YSC', vendor: 'YouTube', category: 'advertising', domain: 'youtube.com', source: YOUTUBE },
  { name: 'VISITOR_INFO1_LIVE', vendor: 'YouTube', category: 'advertising', domain: 'youtube.com', source: YOUTUBE },
  { name: '_hj*', vendor: 'Hotjar', category: 'analytics', source: HOTJAR },
  { name: '_fbp', vendor: 'Meta', category: 'advertising', source: META },
  { name: '_fbc', vendor: 'Meta', category: 'advertising', source: META },
  { name: 'fr', vendor: 'Meta', category: 'advertising', domain: 'facebook.com', source: META },
  { name: '_clck', vendor: 'Microsoft Clarity', category: 'analytics', source: MS },
  { name: '_clsk', vendor: 'Microsoft Clarity', category: 'analytics', source: MS },
  { name: 'MUID', vendor: 'Microsoft', category: 'advertising', source: MS },
  { name: '_uetsid', vendor: 'Microsoft Advertising', category: 'advertising', source: MS },
  { name: '_uetvid', vendor: 'Microsoft Advertising', category: 'advertising', source: MS },
  { name: '__hstc', vendor: 'HubSpot', category: 'analytics', source: HUBSPOT },
  { name: '__hssc', vendor: 'HubSpot', category: 'analytics', source: HUBSPOT },
  { name: '__hssrc', vendor: 'HubSpot', category: 'analytics', source: HUBSPOT },
  { name: 'hubspotutk', vendor: 'HubSpot', category: 'analytics', source: HUBSPOT },
  { name: 'li_sugr', vendor: 'LinkedIn', category: 'advertising', source: LINKEDIN },
  { name: 'bcookie', vendor: 'LinkedIn', category: 'advertising', domain: 'linkedin.com', source: LINKEDIN },
  { name: 'lidc', vendor: 'LinkedIn', category: 'advertising', domain: 'linkedin.com', source: LINKEDIN },
  { name: 'atuserid', vendor: 'AT Internet (Piano)', category: 'analytics', source: XITI },
  { name: 'atidvisitor', vendor: 'AT Internet (Piano)', category: 'analytics', source: XITI },
  { name: 'sessionid', vendor: 'Django', category: 'necessary', source: DJANGO },
  { name: 'csrftoken', vendor: 'Django', category: 'necessary', source: DJANGO },
  { name: 'django_language', vendor: 'Django', category: 'functional', source: DJANGO },
  { name: 'axeptio_*', vendor: 'Axeptio', category: 'necessary', source: AXEPTIO },
  { name: 'tarteaucitron', vendor: 'tarteaucitron.js', category: 'necessary', source: TARTEAUCITRON },
  { name: 'OptanonConsent', vendor: 'OneTrust', category: 'necessary', source: ONETRUST },
  { name: 'OptanonAlertBoxClosed', vendor: 'OneTrust', category: 'necessary', source: ONETRUST },
  { name: 'CookieConsent', vendor: 'Cookiebot', category: 'necessary', source: COOKIEBOT },
];

export interface Classification {
  category: Category;
  vendor: string | null;
}

/** Vendor and category of a cookie by its name (and domain, for vendor third-party cookies). */
export function classify(name: string, cookieSite: string): Classification {
  let best: KnownCookie | undefined;
  for (const k of KNOWN_COOKIES) {
    if (k.domain !== undefined && k.domain !== cookieSite) continue;
    const hit = k.name.endsWith('*') ? name.startsWith(k.name.slice(0, -1)) : name === k.name;
    // The most specific entry wins: exact over prefix, longer prefix over shorter.
    if (hit && (!best || k.name.length > best.name.length || (!k.name.endsWith('*') && best.name.endsWith('*')))) best = k;
  }
  return best ? { category: best.category, vendor: best.vendor } : { category: 'unknown', vendor: null };
}
