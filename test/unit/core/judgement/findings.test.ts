import { classify } from '../../../../src/core/judgement/classify';
import { detectConsent } from '../../../../src/core/judgement/consent';
import { findingsFor, THIRTEEN_MONTHS, type FindingInput } from '../../../../src/core/judgement/findings';
import { parseDuration } from '../../../../src/core/declared/duration';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

const base: FindingInput = {
  name: 'c', domain: 'portal.fr', path: '/', party: 'first', site: 'portal.fr', status: 'declared', category: 'necessary', vendor: null,
  secure: true, httpOnly: true, sameSite: 'Lax', requestedLifetime: null, appliedLifetime: null, beforeConsent: false,
};
const rules = (c: Partial<FindingInput>, https = true, consent = true): string[] => findingsFor([{ ...base, ...c }], https, consent).map((f) => `${f.rule}/${f.severity}`);

describe('finding rules', () => {
  it('a clean declared necessary cookie has no finding', () => {
    expect(rules({})).toEqual([]);
  });
  it('undeclared: severity by category', () => {
    expect(rules({ status: 'undeclared', category: 'analytics' })).toEqual(['undeclared/high']);
    expect(rules({ status: 'undeclared', category: 'advertising' })).toEqual(['undeclared/high']);
    expect(rules({ status: 'undeclared', category: 'unknown' })).toEqual(['undeclared/medium']);
    expect(rules({ status: 'undeclared', category: 'functional' })).toEqual(['undeclared/low']);
  });
  it('a non-necessary cookie set before consent, or with no consent at all', () => {
    expect(rules({ category: 'analytics', beforeConsent: true })).toEqual(['set-before-consent/high']);
    expect(findingsFor([{ ...base, category: 'analytics', beforeConsent: true }], true, false)[0]?.explanation).toMatch(/never gave consent/);
    expect(rules({ category: 'necessary', beforeConsent: true })).toEqual([]);
    expect(rules({ category: 'analytics', beforeConsent: false })).toEqual([]);
  });
  it('13 months: exactly 13 months passes, one second more does not; what the site asked for counts', () => {
    expect(rules({ requestedLifetime: THIRTEEN_MONTHS })).toEqual([]);
    expect(rules({ requestedLifetime: THIRTEEN_MONTHS + 1 })).toEqual(['lifetime-over-13-months/medium']);
    expect(rules({ requestedLifetime: THIRTEEN_MONTHS + 1, category: 'analytics' })).toEqual(['lifetime-over-13-months/high']);
    // Chromium shows 400 days in the jar for a 2-year tracker: the 2 years asked for are judged.
    expect(findingsFor([{ ...base, requestedLifetime: 730 * 86_400, appliedLifetime: 400 * 86_400 }], true, true)[0]?.explanation).toMatch(/24 months/);
    // No asked lifetime known: the applied one is used.
    expect(rules({ appliedLifetime: 400 * 86_400 })).toEqual(['lifetime-over-13-months/medium']);
  });
  it('a declared cookie living longer than declared, and not when no lifetime is declared', () => {
    const twoWeeks = parseDuration('2 weeks by default');
    expect(rules({ declaredLifetime: twoWeeks, requestedLifetime: 14 * 86_400 })).toEqual([]);
    expect(rules({ declaredLifetime: twoWeeks, requestedLifetime: 30 * 86_400 })).toEqual(['lifetime-exceeds-declared/medium']);
    expect(rules({ declaredLifetime: parseDuration('session'), requestedLifetime: 60 })).toEqual(['lifetime-exceeds-declared/medium']);
    expect(rules({ declaredLifetime: parseDuration('session'), requestedLifetime: null })).toEqual([]);
    expect(rules({ requestedLifetime: 300 * 86_400 })).toEqual([]);
    expect(rules({ declaredLifetime: { kind: 'unparsed' }, requestedLifetime: 300 * 86_400 })).toEqual([]);
  });
  it('third-party cookies name the third party', () => {
    const f = findingsFor([{ ...base, party: 'third', site: 'tracker.example', category: 'advertising' }], true, true);
    expect(f.map((x) => `${x.rule}/${x.severity}`)).toEqual(['third-party/medium']);
    expect(f[0]?.explanation).toMatch(/tracker\.example/);
  });
  it('security flags of session, CSRF and SameSite=None cookies', () => {
    expect(rules({ name: 'csrftoken', secure: false })).toEqual(['session-cookie-not-secure/medium']);
    expect(rules({ name: 'csrftoken', secure: false }, false)).toEqual([]);
    expect(rules({ sameSite: 'None', secure: false }, false)).toEqual(['samesite-none-not-secure/medium']);
    expect(rules({ name: 'sessionid', httpOnly: false })).toEqual(['auth-cookie-readable-by-scripts/high']);
  });
  it('sorts high first and gives stable ids', () => {
    const f = findingsFor([{ ...base, name: 'b', party: 'third' }, { ...base, name: 'a', status: 'undeclared', category: 'analytics' }], true, true);
    expect(f.map((x) => x.id)).toEqual(['undeclared:a@portal.fr/', 'third-party:b@portal.fr/']);
  });
});

describe('classification', () => {
  it('knows common analytics and advertising cookies, by prefix and suffixed ids', () => {
    expect(classify('_pk_id.1.d3f0', '127.0.0.1')).toEqual({ category: 'analytics', vendor: 'Matomo' });
    expect(classify('_ga_ABC123', 'x.fr')).toEqual({ category: 'analytics', vendor: 'Google Analytics' });
    expect(classify('_ga', 'x.fr')).toEqual({ category: 'analytics', vendor: 'Google Analytics' });
    expect(classify('_hjSessionUser_123', 'x.fr')).toEqual({ category: 'analytics', vendor: 'Hotjar' });
    expect(classify('_fbp', 'x.fr').category).toBe('advertising');
  });
  it('considers the domain for vendor cookies with generic names', () => {
    expect(classify('IDE', 'doubleclick.net').vendor).toBe('Google Ads (DoubleClick)');
    expect(classify('IDE', 'portal.fr')).toEqual({ category: 'unknown', vendor: null });
  });
  it('sessionid on a Django portal is necessary, not an Instagram advertising cookie', () => {
    expect(classify('sessionid', 'portal.fr')).toEqual({ category: 'necessary', vendor: 'Django' });
  });
});

describe('consent', () => {
  const ev = (name: string, at: number): AuditEvent => ({ kind: 'set', at, cookie: cookie(name), setBy: { kind: 'unknown', at } });
  it('is given when the portal writes its consent record', () => {
    expect(detectConsent([ev('a', 1), ev('cookies_preferences', 5), ev('b', 9)])).toEqual({ at: 5, source: expect.stringMatching(/cookies_preferences/) });
  });
  it('can be marked by hand; the earlier of the two counts', () => {
    expect(detectConsent([ev('a', 1)], 3)).toEqual({ at: 3, source: 'marked by hand by the auditor' });
    expect(detectConsent([ev('cookies_preferences', 8)], 3)?.at).toBe(3);
    expect(detectConsent([ev('a', 1)])).toBeNull();
  });
});

describe('what the policy claims about a cookie', () => {
  it('declared only through its provider: a low finding that says the policy never names it', () => {
    expect(rules({ providerOnly: true, category: 'analytics', vendor: 'Matomo' })).toEqual(['declared-by-provider-only/low']);
    expect(findingsFor([{ ...base, name: '_pk_id.1.a1b2', providerOnly: true, category: 'analytics', vendor: 'Matomo' }], true, true)[0]?.explanation)
      .toBe('The Matomo analytics cookie _pk_id.1.a1b2 is declared only through its provider: the cookie policy never names it.');
    expect(rules({ providerOnly: true, status: 'undeclared', category: 'functional' })).toEqual(['undeclared/low']);
  });
  it('filed under necessary while its vendor documents tracking: medium', () => {
    expect(rules({ declaredCategory: 'necessary', category: 'analytics', vendor: 'Google Analytics' })).toEqual(['declared-category-mismatch/medium']);
    expect(rules({ declaredCategory: 'necessary', category: 'advertising' })).toEqual(['declared-category-mismatch/medium']);
    expect(rules({ declaredCategory: 'analytics', category: 'analytics' })).toEqual([]);
    expect(rules({ declaredCategory: 'necessary', category: 'necessary' })).toEqual([]);
    expect(rules({ declaredCategory: 'necessary', category: 'unknown' })).toEqual([]);
  });
});
