import { SOURCES } from './known-cookies';

// Cookie families: vendors that build a cookie's name from a documented stem and a variable part
// (Matomo writes `_pk_id` as `_pk_id.<site id>.<hash>`). Policies, following the vendors' own
// documentation, declare the stem; a declared stem then matches the names of its family, and only
// those. Each rule is written from the vendor's public documentation, named in `source`.

export interface CookieFamily {
  /** The name as policies and the vendor's documentation declare it. */
  stem: string;
  vendor: string;
  /** How the vendor writes the name, as its documentation shows it. */
  shape: string;
  /** The names of the family, and no others. */
  test: RegExp;
  source: string;
}

type Row = [stem: string, vendor: string, shape: string, test: RegExp, source: keyof typeof SOURCES];

const matomo = (stem: string): Row => [stem, 'Matomo', `${stem}.<site id>.<hash>`, new RegExp(`^${stem}\\.\\d+\\.[0-9A-Za-z]+$`), 'matomo'];
const hotjar = (stem: string): Row => [stem, 'Hotjar', `${stem}_<site id>`, new RegExp(`^${stem}_\\d+$`), 'hotjar'];

const ROWS: readonly Row[] = [
  matomo('_pk_id'),
  matomo('_pk_ses'),
  matomo('_pk_ref'),
  matomo('_pk_cvar'),
  matomo('_pk_hsr'),
  matomo('_pk_testcookie'),
  ['_ga_', 'Google Analytics 4', '_ga_<container id>', /^_ga_[A-Z0-9]+$/, 'ga4'],
  ['_gac', 'Google Analytics', '_gac_<property id>', /^_gac_[A-Za-z0-9_-]+$/, 'gaLegacy'],
  ['_gat', 'Google Analytics', '_gat_<property id>', /^_gat_[A-Za-z0-9_-]+$/, 'gaLegacy'],
  ['_dc_gtm', 'Google Tag Manager', '_dc_gtm_<property id>', /^_dc_gtm_[A-Za-z0-9_-]+$/, 'gaLegacy'],
  hotjar('_hjSessionUser'),
  hotjar('_hjSession'),
  hotjar('_hjIncludedInSessionSample'),
  hotjar('_hjIncludedInPageviewSample'),
  ['AMCV', 'Adobe Experience Cloud', 'AMCV_<organisation id>', /^AMCV_[0-9A-F]+(%40|@)AdobeOrg$/, 'ecid'],
  ['AMCVS', 'Adobe Experience Cloud', 'AMCVS_<organisation id>', /^AMCVS_[0-9A-F]+(%40|@)AdobeOrg$/, 'ecid'],
  ['.AspNetCore.Antiforgery', 'ASP.NET Core', '.AspNetCore.Antiforgery.<key id>', /^\.AspNetCore\.Antiforgery\.[\w-]+$/, 'aspnet'],
  ['intercom-id', 'Intercom', 'intercom-id-<app id>', /^intercom-id-[a-z0-9]+$/, 'intercom'],
  ['intercom-session', 'Intercom', 'intercom-session-<app id>', /^intercom-session-[a-z0-9]+$/, 'intercom'],
  ['intercom-device-id', 'Intercom', 'intercom-device-id-<app id>', /^intercom-device-id-[a-z0-9]+$/, 'intercom'],
  ['wordpress_logged_in', 'WordPress', 'wordpress_logged_in_<hash>', /^wordpress_logged_in_[0-9a-f]+$/, 'wordpress'],
  ['wp-settings', 'WordPress', 'wp-settings-<user id>', /^wp-settings-\d+$/, 'wordpress'],
  ['wp-settings-time', 'WordPress', 'wp-settings-time-<user id>', /^wp-settings-time-\d+$/, 'wordpress'],
  ['incap_ses', 'Imperva', 'incap_ses_<proxy id>_<site id>', /^incap_ses_\d+_\d+$/, 'imperva'],
  ['visid_incap', 'Imperva', 'visid_incap_<site id>', /^visid_incap_\d+$/, 'imperva'],
];

export const COOKIE_FAMILIES: readonly CookieFamily[] = ROWS.map(([stem, vendor, shape, test, source]) => ({ stem, vendor, shape, test, source: SOURCES[source] }));

const byStem = new Map(COOKIE_FAMILIES.map((f) => [f.stem, f]));

/** The family a declared name is the stem of, if it is one. */
export function familyOfStem(stem: string): CookieFamily | undefined {
  return byStem.get(stem);
}
