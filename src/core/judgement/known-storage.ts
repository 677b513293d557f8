import type { StorageArea } from '../evidence/storage';
import { knownCookie, vendorKnowledge, vendorOfUrl, type Category, type Classification } from './classify';

// Well-known keys of browser storage, written by hand from each vendor's public documentation (the
// source of every row is named). Vendors often keep the same identifier in a cookie and in
// storage under one name (Segment's ajs_anonymous_id, Hotjar's _hj…, consent records): a key this
// table does not know is looked up in the known-cookie table by the same name.

export const STORAGE_SOURCES = {
  segment: 'Segment (Twilio) docs, "Client-side persistence in Analytics.js": https://www.twilio.com/docs/segment/connections/sources/catalog/libraries/website/javascript/cookie-validity-update',
  posthog: 'PostHog docs, "JavaScript web persistence and cookies": https://posthog.com/docs/libraries/js/persistence',
  snowplow: 'Snowplow docs, "Cookies and local storage for the web trackers": https://docs.snowplow.io/docs/sources/web-trackers/cookies-and-local-storage/',
  ninetailed: 'Contentful (Ninetailed) docs, "Cookie policy": https://contentful.com/developers/docs/personalization/cookie-policy',
  didomi: 'Didomi developers, "Cookies and storage": https://developers.didomi.io/cmp/web-sdk/consent-notice/cookies',
  servicenow: 'ServiceNow docs, "Usage Insights client-side storage cookies": https://www.servicenow.com/docs/r/xanadu/now-intelligence/usage-insights/uxa-tracked-client-cookies.html',
} as const;

export interface KnownStorage {
  /** Exact key, or a pattern where `*` stands for any run of characters. */
  key: string;
  /** Only in this area; any area when absent. */
  area?: StorageArea;
  vendor: string;
  category: Category;
  source: string;
}

type Row = [key: string, vendor: string, category: Category, source: keyof typeof STORAGE_SOURCES, area?: StorageArea];

const ROWS: readonly Row[] = [
  ['ajs_user_traits', 'Segment', 'analytics', 'segment', 'localStorage'],
  ['ajs_group_properties', 'Segment', 'analytics', 'segment', 'localStorage'],
  ['ajs_anonymous_id', 'Segment', 'analytics', 'segment'],
  ['ajs_user_id', 'Segment', 'analytics', 'segment'],
  ['ph_*_posthog', 'PostHog', 'analytics', 'posthog'],
  ['_sp_id.*', 'Snowplow', 'analytics', 'snowplow'],
  ['_sp_ses.*', 'Snowplow', 'analytics', 'snowplow'],
  ['snowplowOutQueue_*', 'Snowplow', 'analytics', 'snowplow', 'localStorage'],
  ['nt_anonymous_id', 'Ninetailed (Contentful)', 'analytics', 'ninetailed', 'localStorage'],
  ['nt_profile', 'Ninetailed (Contentful)', 'analytics', 'ninetailed', 'localStorage'],
  ['nt_experiences', 'Ninetailed (Contentful)', 'analytics', 'ninetailed', 'localStorage'],
  ['nt-consent', 'Ninetailed (Contentful)', 'necessary', 'ninetailed', 'localStorage'],
  ['didomi_token', 'Didomi', 'necessary', 'didomi'],
  ['didomi_dcs', 'Didomi', 'necessary', 'didomi'],
  ['euconsent-v2', 'Didomi', 'necessary', 'didomi'],
  ['sn:*', 'ServiceNow Usage Insights', 'analytics', 'servicenow'],
];

export const KNOWN_STORAGE: readonly KnownStorage[] = ROWS.map(([key, vendor, category, source, area]) => ({
  key, vendor, category, source: STORAGE_SOURCES[source], ...(area ? { area } : {}),
}));

const compiled = KNOWN_STORAGE.map((k) => ({
  k,
  test: k.key.includes('*')
    ? ((re: RegExp) => (s: string) => re.test(s))(new RegExp('^' + k.key.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'))
    : (s: string) => s === k.key,
}));

export function knownStorage(area: StorageArea, key: string): KnownStorage | undefined {
  return compiled.find((c) => (c.k.area === undefined || c.k.area === area) && c.test(key))?.k;
}

/**
 * Vendor and category of a storage item, and how they were found: a vendor's documented key
 * (exact, then `{…}` pattern) or this table, else a cookie of the same name (not for IndexedDB),
 * else the vendor whose script wrote it.
 */
export function classifyStorage(area: StorageArea, key: string, site: string, setterUrl?: string | null): Classification {
  const kb = vendorKnowledge().storage;
  const inArea = (r: { kind?: string }): boolean => r.kind === area;
  // As for cookies: the curated table first, then the vendors' documentation; exact names before patterns.
  const k = knownStorage(area, key);
  if (k && !k.key.includes('*')) return { category: k.category, vendor: k.vendor, how: 'exact', source: k.source, rule: k.key };
  const exact = kb.exactly(key).find(inArea);
  if (exact) return { category: exact.category, vendor: exact.vendor, how: 'exact', source: exact.source, rule: exact.name, purpose: exact.purpose };
  const family = kb.patterns(key).find(inArea);
  if (family) return { category: family.category, vendor: family.vendor, how: 'family', source: family.source, rule: family.name, purpose: family.purpose };
  if (k) return { category: k.category, vendor: k.vendor, how: 'family', source: k.source, rule: k.key };
  const c = area === 'indexedDB' ? undefined : knownCookie(key, site, setterUrl);
  if (c) return c;
  const v = vendorOfUrl(setterUrl);
  if (v) return { category: v.category, vendor: v.name, how: 'setter', source: v.source, rule: new URL(setterUrl as string).hostname };
  return { category: 'unknown', vendor: null };
}
