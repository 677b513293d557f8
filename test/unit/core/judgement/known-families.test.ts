import { COOKIE_FAMILIES, familyOfStem } from '../../../../src/core/judgement/known-families';
import { knownCookie } from '../../../../src/core/judgement/classify';

// Each rule: names its vendor's scripts really write belong to the family; the stem alone, its
// neighbours and names of other families do not.
const CASES: Record<string, { members: string[]; strangers: string[] }> = {
  _pk_id: { members: ['_pk_id.1.a1b2', '_pk_id.12.9c3e'], strangers: ['_pk_id', '_pk_id.1', '_pk_idx.1.a1b2', '_pk_ses.1.a1b2'] },
  _pk_ses: { members: ['_pk_ses.1.a1b2'], strangers: ['_pk_ses', '_pk_id.1.a1b2'] },
  _pk_ref: { members: ['_pk_ref.3.ffee'], strangers: ['_pk_ref'] },
  _pk_cvar: { members: ['_pk_cvar.1.0a0b'], strangers: ['_pk_cvar.x.0a0b'] },
  _pk_hsr: { members: ['_pk_hsr.1.0a0b'], strangers: ['_pk_hsr'] },
  _pk_testcookie: { members: ['_pk_testcookie.1.0a0b'], strangers: ['_pk_testcookie'] },
  _ga_: { members: ['_ga_H8W2K9Q1ZX'], strangers: ['_ga', '_ga_', '_gat_gtag_UA_1'] },
  _gac: { members: ['_gac_UA-12345-1', '_gac_gb_GTM-AB12'], strangers: ['_gac', '_gacx'] },
  _gat: { members: ['_gat_gtag_UA_12345_1', '_gat_UA-1-1'], strangers: ['_gat', '_gatx'] },
  _dc_gtm: { members: ['_dc_gtm_UA-1234-5'], strangers: ['_dc_gtm'] },
  _hjSessionUser: { members: ['_hjSessionUser_3021840'], strangers: ['_hjSessionUser', '_hjSessionUser_abc', '_hjSession_3021840'] },
  _hjSession: { members: ['_hjSession_3021840'], strangers: ['_hjSessionUser_3021840', '_hjSession'] },
  _hjIncludedInSessionSample: { members: ['_hjIncludedInSessionSample_3021840'], strangers: ['_hjIncludedInSessionSample'] },
  _hjIncludedInPageviewSample: { members: ['_hjIncludedInPageviewSample_3021840'], strangers: ['_hjIncludedInPageviewSample'] },
  AMCV: { members: ['AMCV_0F8B2A1C5A8C4E3B0A495C2F%40AdobeOrg'], strangers: ['AMCV', 'AMCVS_0F8B2A1C5A8C4E3B0A495C2F%40AdobeOrg'] },
  AMCVS: { members: ['AMCVS_0F8B2A1C5A8C4E3B0A495C2F%40AdobeOrg'], strangers: ['AMCV_0F8B2A1C5A8C4E3B0A495C2F%40AdobeOrg'] },
  '.AspNetCore.Antiforgery': { members: ['.AspNetCore.Antiforgery.9fXoN5jHCXs'], strangers: ['.AspNetCore.Antiforgery', '.AspNetCore.Session'] },
  'intercom-id': { members: ['intercom-id-h3k8d9s2'], strangers: ['intercom-id', 'intercom-session-h3k8d9s2'] },
  'intercom-session': { members: ['intercom-session-h3k8d9s2'], strangers: ['intercom-id-h3k8d9s2'] },
  'intercom-device-id': { members: ['intercom-device-id-h3k8d9s2'], strangers: ['intercom-id-h3k8d9s2'] },
  wordpress_logged_in: { members: ['wordpress_logged_in_5c1e9b2a0d'], strangers: ['wordpress_logged_in', 'wordpress_sec_5c1e9b2a0d'] },
  'wp-settings': { members: ['wp-settings-1'], strangers: ['wp-settings-time-1', 'wp-settings'] },
  'wp-settings-time': { members: ['wp-settings-time-1'], strangers: ['wp-settings-1'] },
  incap_ses: { members: ['incap_ses_1234_567890'], strangers: ['incap_ses', 'incap_ses_1234'] },
  visid_incap: { members: ['visid_incap_567890'], strangers: ['visid_incap'] },
};

describe('cookie families', () => {
  it('every family rule has a case here, and every case a rule', () => {
    expect(COOKIE_FAMILIES.map((f) => f.stem).sort()).toEqual(Object.keys(CASES).sort());
  });
  describe.each(Object.entries(CASES))('%s', (stem, { members, strangers }) => {
    const family = familyOfStem(stem);
    it('matches the names its vendor writes', () => {
      for (const name of members) expect(family?.test.test(name)).toBe(true);
    });
    it('matches nothing else', () => {
      for (const name of strangers) expect(family?.test.test(name)).toBe(false);
    });
    it('names its vendor and a public source, and agrees with the known-cookie table', () => {
      expect(family?.source).toMatch(/https:\/\//);
      expect(family?.shape.startsWith(stem)).toBe(true);
      // The vendor's own cookie table knows each member too, so category and vendor are known.
      for (const name of members) expect(knownCookie(name, 'portal.example.org')).toBeDefined();
    });
  });
});
