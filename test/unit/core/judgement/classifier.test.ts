import { Classifier } from '../../../../src/core/judgement/classifier';
import type { KnownCookie } from '../../../../src/core/judgement/classify';
import { matchable, patternRegExp } from '../../../../src/core/judgement/vendors/pattern';
import type { VendorFile } from '../../../../src/core/judgement/vendors/types';

// The engine held to its rules with tables of its own: placeholders, precedence, the database's
// rows filed under a vendor's domain, the setter rule, and nothing guessed from a substring.

const DOC = 'https://replay.example/docs/cookies';
const vendors: VendorFile[] = [
  {
    group: 'session-replay',
    vendors: [
      {
        id: 'replay', name: 'Replay', domains: ['replay.example', 'static.replaycdn.example'], source: DOC,
        cookies: [
          { name: '_rpSessionUser_{site_id}', category: 'analytics', purpose: 'The visitor id of one site.', where: 'first-party' },
          { name: '_rpSession_{site_id}', category: 'analytics', purpose: 'The session.', where: 'first-party' },
          { name: '_rpSession_{site_id}_{n}', category: 'analytics', purpose: 'A session part.', where: 'first-party' },
          { name: '_rpTest', category: 'analytics', purpose: 'Cookie test.', where: 'first-party' },
          { name: 'rp_consent', category: 'necessary', purpose: 'Opt-out.', where: 'first-party' },
          { name: 'rpid', category: 'advertising', purpose: 'Cross-site id.', where: 'vendor' },
        ],
      },
    ],
  },
  {
    group: 'commerce',
    vendors: [
      { id: 'shop-a', name: 'Shop A', domains: ['shopa.example'], source: 'https://shopa.example/cookies', cookies: [{ name: 'cart', category: 'necessary', purpose: 'The cart.', where: 'first-party' }] },
      { id: 'shop-b', name: 'Shop B', domains: ['shopb.example'], source: 'https://shopb.example/cookies', cookies: [{ name: 'cart', category: 'functional', purpose: 'The basket.', where: 'first-party' }] },
      { id: 'mute', name: 'Mute', domains: ['mute.example'], source: 'https://mute.example/privacy' },
    ],
  },
  {
    group: 'advertising',
    vendors: [
      {
        id: 'adnet', name: 'AdNet', domains: ['adnet.example'], source: 'https://adnet.example/cookies',
        cookies: [
          { name: '_an_click', category: 'advertising', purpose: 'Ad click id.', where: 'first-party' },
          { name: 'anx', category: 'advertising', purpose: 'Ad id.', where: 'vendor' },
          { name: '{account_id}uid', category: 'advertising', purpose: 'Too loose to match.', where: 'first-party' },
        ],
      },
    ],
  },
];
const curated: KnownCookie[] = [
  { name: '_rpTest', vendor: 'Replay (curated)', category: 'functional', source: 'https://curated.example/replay' },
  { name: '_rpSession*', vendor: 'Replay (curated prefix)', category: 'functional', source: 'https://curated.example/replay' },
];
const database: KnownCookie[] = [
  { name: 'anx', vendor: 'AdNet (db)', category: 'advertising', domain: 'adnet.example', source: 'Open Cookie Database t-1: https://db.example' },
  { name: 'an_seg', vendor: 'AdNet (db)', category: 'advertising', domain: 'adnet.example', source: 'Open Cookie Database t-2: https://db.example' },
  { name: '_an_click', vendor: 'AdNet (db)', category: 'marketing' as never, source: 'Open Cookie Database t-3: https://db.example' },
  { name: 'dbonly', vendor: 'Db Vendor', category: 'functional', source: 'Open Cookie Database t-4: https://db.example' },
  { name: 'dbpre_', vendor: 'Db Prefix', category: 'analytics', source: 'Open Cookie Database t-5: https://db.example' },
  { name: 'dbwild_*', vendor: 'Db Wildcard', category: 'analytics', source: 'Open Cookie Database t-6: https://db.example' },
  { name: '_rpOld', vendor: 'Replay (db)', category: 'analytics', source: 'Open Cookie Database t-7: https://db.example' },
];
const c = new Classifier({ curated, vendors, database });
const on = (name: string, site = 'portal.fr', setter?: string) => c.knownCookie(name, site, setter);

describe('placeholders', () => {
  it('stand for one or more of [A-Za-z0-9_.:-], anchored at both ends, other characters as written', () => {
    const re = patternRegExp('_rpSession_{site_id}');
    for (const yes of ['_rpSession_3021840', '_rpSession_a.b:c-d_E']) expect([yes, re.test(yes)]).toEqual([yes, true]);
    for (const no of ['_rpSession_', 'x_rpSession_1', '_rpSession_1 2', '_rpSession_1/2', '_rpSession_1;', '_rpSessionX1']) expect([no, re.test(no)]).toEqual([no, false]);
    expect(patternRegExp('a.b{n}').test('axb1')).toBe(false);
    expect(patternRegExp('crisp-client/session/{website_id}').test('crisp-client/session/0a1b')).toBe(true);
  });
  it('a pattern needs fixed text to start with, or a distinctive run of it', () => {
    expect(['mf_{website_id}', '{prefix}_session', '_ga_{container_id}', 'cart'].map(matchable)).toEqual([true, true, true, true]);
    expect(['{hash}', '{account_id}uid', 'P_{id}', 'TS{suffix}'].map(matchable)).toEqual([false, false, false, false]);
    expect(on('vuid')).toBeUndefined();
  });
});

describe('precedence', () => {
  it('says how each was found and links its source', () => {
    expect(on('_rpSessionUser_3021840')).toEqual({ category: 'analytics', vendor: 'Replay', how: 'family', rule: '_rpSessionUser_{site_id}', source: DOC, purpose: 'The visitor id of one site.' });
    expect(on('rp_consent')).toMatchObject({ how: 'exact', vendor: 'Replay', category: 'necessary', source: DOC });
    expect(on('dbonly')).toMatchObject({ how: 'database', vendor: 'Db Vendor', source: 'Open Cookie Database t-4: https://db.example' });
  });
  it('an exact name of the curated table before the same of a vendor, an exact name before any pattern', () => {
    expect(on('_rpTest')).toMatchObject({ how: 'exact', vendor: 'Replay (curated)' });
    expect(on('_an_click')).toMatchObject({ how: 'exact', vendor: 'AdNet', category: 'advertising' });
  });
  it('among patterns, the one with the most fixed text; any pattern before the database', () => {
    expect(on('_rpSession_12_3')).toMatchObject({ how: 'family', rule: '_rpSession_{site_id}_{n}' });
    expect(on('_rpSession_12')).toMatchObject({ how: 'family', rule: '_rpSession_{site_id}' });
    expect(on('_rpSessionZ')).toMatchObject({ how: 'family', rule: '_rpSession*', vendor: 'Replay (curated prefix)' });
    expect(on('_rpOld')).toMatchObject({ how: 'database' });
  });
  it('honours the database wildcard column (a prefix) and nothing else', () => {
    expect(on('dbwild_42')).toMatchObject({ how: 'database', vendor: 'Db Wildcard', rule: 'dbwild_*' });
    expect(on('dbpre_42')).toBeUndefined();
    expect(on('dbpre_')).toMatchObject({ how: 'database', vendor: 'Db Prefix' });
  });
  it('a name two vendors document goes to the one whose script set it, else the first listed', () => {
    expect(on('cart')).toMatchObject({ vendor: 'Shop A', category: 'necessary' });
    expect(on('cart', 'portal.fr', 'https://shopb.example/assets/shop.js')).toMatchObject({ vendor: 'Shop B', category: 'functional', how: 'exact' });
  });
});

describe("a vendor's own domain", () => {
  it('a cookie a vendor documents on its own domain only is its cookie there, and unknown elsewhere', () => {
    expect(on('rpid', 'replay.example')).toMatchObject({ how: 'exact', vendor: 'Replay' });
    expect(on('rpid', 'portal.fr')).toBeUndefined();
  });
  it("a database row filed under a vendor's domain classifies the name on the site's domain when that vendor's script set it", () => {
    expect(on('an_seg', 'adnet.example')).toMatchObject({ how: 'database' });
    expect(on('an_seg', 'portal.fr')).toBeUndefined();
    expect(on('an_seg', 'portal.fr', 'https://adnet.example/tag.js')).toMatchObject({ how: 'database', vendor: 'AdNet (db)', category: 'advertising' });
    expect(on('an_seg', 'portal.fr', 'https://replay.example/r.js')).toMatchObject({ how: 'setter', vendor: 'Replay' });
  });
});

describe('the setter rule', () => {
  it("an unknown name written by a vendor's script takes that vendor and its documented cookies' category, marked as known by its setter", () => {
    expect(on('zz_whatever', 'portal.fr', 'https://static.replaycdn.example/c/replay-1.js')).toEqual({
      category: 'analytics', vendor: 'Replay', how: 'setter', rule: 'static.replaycdn.example', source: DOC,
    });
    expect(on('zz_whatever', 'portal.fr', 'https://cdn.adnet.example/x.js')).toMatchObject({ how: 'setter', vendor: 'AdNet', category: 'advertising' });
  });
  it('a vendor that documents no cookie names itself with the category unknown', () => {
    expect(on('zz_whatever', 'portal.fr', 'https://mute.example/m.js')).toMatchObject({ how: 'setter', vendor: 'Mute', category: 'unknown' });
  });
  it('a script from an unknown host, a look-alike domain or no script at all tells nothing', () => {
    expect(on('zz_whatever', 'portal.fr', 'https://portal.fr/app.js')).toBeUndefined();
    expect(on('zz_whatever', 'portal.fr', 'https://replay.example.evil.fr/r.js')).toBeUndefined();
    expect(on('zz_whatever', 'portal.fr', 'https://notreplay.example/r.js')).toBeUndefined();
    expect(on('zz_whatever', 'portal.fr', 'not a url')).toBeUndefined();
    expect(on('zz_whatever')).toBeUndefined();
  });
});

describe('nothing from a substring', () => {
  it('a name that holds a known name, or a vendor name, is unknown', () => {
    for (const name of ['my_rpSession_1', '_rpTest2', 'x_rpTest', 'cart_id', 'mycart', 'replay', 'Replay_id', '_an_click_', 'CART']) {
      expect([name, on(name)]).toEqual([name, undefined]);
    }
  });
});

describe('names read from prose', () => {
  it('a plain word only the vendors document is not taken for a cookie name; a distinctive one is', () => {
    expect(c.isKnownName('cart')).toBe(false);
    expect(c.isKnownName('rp_consent')).toBe(true);
    expect(c.isKnownName('dbonly')).toBe(true);
  });
});
