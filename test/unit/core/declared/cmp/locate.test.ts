import { locateConfigs, oneTrustLanguageUrl } from '../../../../../src/core/declared/cmp-config/locate';
import { readCmpConfig } from '../../../../../src/core/declared/cmp-config';

// Where a page's consent manager publishes its machine-readable declaration, from the script tags the
// consent managers document; and the IAB TCF device storage disclosure format Usercentrics uses.

describe('locating a consent manager declaration from the page', () => {
  it("finds Cookiebot's declaration script, and the cc.js its banner script reads", () => {
    const page = `<script id="CookieDeclaration" src="https://consent.cookiebot.com/0c0ffee0-1234-4abc-9def-0123456789ab/cd.js" async></script>
      <script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="11111111-2222-4333-8444-555555555555"></script>`;
    expect(locateConfigs(page, 'https://shop.example/')).toEqual([
      { cmp: 'cookiebot', url: 'https://consent.cookiebot.com/0c0ffee0-1234-4abc-9def-0123456789ab/cd.js' },
      { cmp: 'cookiebot', url: 'https://consent.cookiebot.com/11111111-2222-4333-8444-555555555555/cc.js?renew=false&referer=shop.example&dnt=false&init=false' },
    ]);
  });
  it("finds OneTrust's domain JSON from its stub, then the language file of its ruleset", () => {
    const page = '<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"></script>';
    const [at] = locateConfigs(page, 'https://www.example.com/');
    expect(at).toEqual({ cmp: 'onetrust', url: 'https://cdn.cookielaw.org/consent/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.json', step: 'onetrust-domain' });
    const domain = JSON.stringify({ RuleSet: [{ Id: 'aaaa-bbbb', Languages: [{ Culture: 'en' }, { Culture: 'de' }] }] });
    expect(oneTrustLanguageUrl(domain, at?.url ?? '', 'de')).toBe('https://cdn.cookielaw.org/consent/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/aaaa-bbbb/de.json');
    expect(oneTrustLanguageUrl(domain, at?.url ?? '', 'fi')).toMatch(/\/aaaa-bbbb\/en\.json$/);
    expect(oneTrustLanguageUrl('not json', at?.url ?? '', 'en')).toBeNull();
  });
  it('finds nothing on a page without a consent manager, and never a non-http address', () => {
    expect(locateConfigs('<script src="/app.js"></script><script src="javascript:alert(1)" id="CookieDeclaration"></script>', 'https://a.example/')).toEqual([]);
  });
});

describe('the IAB TCF device storage disclosure (Usercentrics service templates)', () => {
  const json = JSON.stringify([
    { templateId: 'HkocEodjb7', dataProcessor: 'Google Analytics', deviceStorage: { disclosures: [
      { identifier: '_ga', type: 'cookie', maxAgeSeconds: 63072000, cookieRefresh: true, domain: '*', purposes: [1, 8] },
      { identifier: '_ga_*', type: 'cookie', maxAgeSeconds: 63072000, domain: '*', purposes: [1] },
      { identifier: '_gat', type: 'cookie', maxAgeSeconds: 0, domain: '*' },
      { identifier: 'ga_state', type: 'web', maxAgeSeconds: null, domain: '*' },
      { identifier: 'ios_id', type: 'app', maxAgeSeconds: null },
    ] } },
  ]);
  const p = readCmpConfig(json);
  it('reads each disclosed cookie with its own lifetime and its JSON path', () => {
    expect(p?.cmp).toBe('usercentrics');
    expect(p?.cookies.map((c) => [c.name, c.lifetime, c.provider, c.from])).toEqual([
      ['_ga', { kind: 'fixed', seconds: 63072000, upTo: false }, 'Google Analytics', { kind: 'json', cmp: 'usercentrics', path: '[0].deviceStorage.disclosures[0]' }],
      ['_ga_*', { kind: 'fixed', seconds: 63072000, upTo: false }, 'Google Analytics', { kind: 'json', cmp: 'usercentrics', path: '[0].deviceStorage.disclosures[1]' }],
      ['_gat', { kind: 'session' }, 'Google Analytics', { kind: 'json', cmp: 'usercentrics', path: '[0].deviceStorage.disclosures[2]' }],
    ]);
  });
  it('keeps web storage apart and leaves app storage out', () => {
    expect(p?.storage.map((s) => `${s.kind}:${s.key}`)).toEqual(['localStorage:ga_state']);
  });
});
