import { classify } from '../../../../src/core/judgement/classify';
import { consentState, type ConsentState } from '../../../../src/core/judgement/consent';
import { consentRecordsIn } from '../../../../src/core/evidence/consent-record';
import { findingsFor, THIRTEEN_MONTHS, type FindingInput } from '../../../../src/core/judgement/findings';
import { parseDuration } from '../../../../src/core/declared/duration';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

const base: FindingInput = {
  name: 'c', domain: 'portal.fr', path: '/', party: 'first', site: 'portal.fr', status: 'declared', category: 'necessary', vendor: null,
  secure: true, httpOnly: true, sameSite: 'Lax', requestedLifetime: null, appliedLifetime: null, beforeConsent: false,
};
const DAY = 86_400;
const ACCEPTED: ConsentState = consentState([], [{ at: 0, choice: 'accepted', by: 'hand' }]);
const NONE: ConsentState = consentState([], []);
const rules = (c: Partial<FindingInput>, https = true, consent = ACCEPTED): string[] => findingsFor([{ ...base, ...c }], https, consent).map((f) => `${f.rule}/${f.severity}`);

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
    expect(findingsFor([{ ...base, category: 'analytics', beforeConsent: true }], true, NONE)[0]?.explanation).toMatch(/never gave consent/);
    expect(rules({ category: 'necessary', beforeConsent: true })).toEqual([]);
    expect(rules({ category: 'analytics', beforeConsent: false })).toEqual([]);
  });
  it('13 months: exactly 13 months passes, one second more does not; what the site asked for counts', () => {
    expect(rules({ requestedLifetime: THIRTEEN_MONTHS })).toEqual([]);
    expect(rules({ requestedLifetime: THIRTEEN_MONTHS + 1 })).toEqual(['lifetime-over-13-months/medium']);
    expect(rules({ requestedLifetime: THIRTEEN_MONTHS + 1, category: 'analytics' })).toEqual(['lifetime-over-13-months/high']);
    // Chromium shows 400 days in the jar for a 2-year tracker: the 2 years asked for are judged.
    expect(findingsFor([{ ...base, requestedLifetime: 730 * 86_400, appliedLifetime: 400 * 86_400 }], true, ACCEPTED)[0]?.explanation).toMatch(/24 months/);
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
    // Declared as deleted at once, yet kept; never-expiring, persistent or stated in words: no figure to exceed.
    expect(rules({ declaredLifetime: parseDuration('Expires in the past'), requestedLifetime: 60 })).toEqual(['lifetime-exceeds-declared/medium']);
    for (const words of ['Never expires', 'Persistent', 'a few seconds']) expect(rules({ declaredLifetime: parseDuration(words), requestedLifetime: 300 * 86_400 })).toEqual([]);
  });
  it('third-party cookies name the third party', () => {
    const f = findingsFor([{ ...base, party: 'third', site: 'tracker.example', category: 'advertising' }], true, ACCEPTED);
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
    const f = findingsFor([{ ...base, name: 'b', party: 'third' }, { ...base, name: 'a', status: 'undeclared', category: 'analytics' }], true, ACCEPTED);
    expect(f.map((x) => x.id)).toEqual(['undeclared:a@portal.fr/', 'third-party:b@portal.fr/']);
  });
});

describe('classification', () => {
  it('knows common analytics and advertising cookies, by prefix and suffixed ids', () => {
    expect(classify('_pk_id.1.d3f0', '127.0.0.1')).toMatchObject({ category: 'analytics', vendor: 'Matomo' });
    expect(classify('_ga_ABC123', 'x.fr')).toMatchObject({ category: 'analytics', vendor: 'Google Analytics' });
    expect(classify('_ga', 'x.fr')).toMatchObject({ category: 'analytics', vendor: 'Google Analytics' });
    expect(classify('_hjSessionUser_123', 'x.fr')).toMatchObject({ category: 'analytics', vendor: 'Hotjar' });
    expect(classify('_fbp', 'x.fr').category).toBe('advertising');
  });
  it('considers the domain for vendor cookies with generic names', () => {
    expect(classify('IDE', 'doubleclick.net').vendor).toBe('Google Ads (DoubleClick)');
    expect(classify('IDE', 'portal.fr')).toMatchObject({ category: 'unknown', vendor: null });
  });
  it('sessionid on a Django portal is necessary, not an Instagram advertising cookie', () => {
    expect(classify('sessionid', 'portal.fr')).toMatchObject({ category: 'necessary', vendor: 'Django' });
  });
});

describe('consent', () => {
  const ev = (name: string, at: number, value = 'v'): AuditEvent => ({ kind: 'set', at, cookie: cookie(name, { value }), setBy: { kind: 'unknown', at } });
  const of = (events: AuditEvent[], marks: Parameters<typeof consentState>[1] = []) => consentState(consentRecordsIn(events).changes, marks);
  it('is given when the portal writes a record that says so, and only then', () => {
    const prefs = encodeURIComponent('{"analytics":true}');
    expect(of([ev('a', 1), ev('cookies_preferences', 5, prefs), ev('b', 9)])).toMatchObject({ choice: 'accepted', firstAt: 5, last: { by: 'record', source: expect.stringMatching(/cookies_preferences/) } });
    // A record written at page load, before any choice, or one that cannot be read, is no choice.
    expect(of([ev('tarteaucitron', 2, '!matomo=wait'), ev('cookies_preferences', 3, 'garbage')]).choice).toBe('none');
  });
  it('can be marked by hand; a record that follows a mark of the same choice confirms it', () => {
    expect(of([ev('a', 1)], [{ at: 3, choice: 'accepted', by: 'hand' }]).last).toEqual({ at: 3, choice: 'accepted', by: 'hand', source: 'marked by hand by the auditor' });
    const confirmed = of([ev('tarteaucitron', 8, '!matomo=false')], [{ at: 3, choice: 'refused', by: 'selector', detail: 'clicked #deny' }]);
    expect(confirmed).toMatchObject({ choice: 'refused', firstAt: 3, history: [{ at: 3, by: 'selector', record: { cookie: 'tarteaucitron' } }] });
    expect(of([ev('a', 1)]).choice).toBe('none');
  });
  it('a refusal then an acceptance: the refusal lasts until the acceptance', () => {
    const s = of([ev('tarteaucitron', 10, '!matomo=false'), ev('tarteaucitron', 50, '!matomo=true')]);
    expect(s.choice).toBe('accepted');
    expect(s.refusals.map((r) => [r.from, r.to])).toEqual([[10, 50]]);
    expect(s.history.map((h) => h.choice)).toEqual(['refused', 'accepted']);
  });
});

describe('set after refusal', () => {
  const REFUSED = consentState([], [{ at: 1_000, choice: 'refused', by: 'hand' }]);
  const after = { at: '1970-01-01T00:00:02.000Z', refusedAt: '1970-01-01T00:00:01.000Z' };
  it('is high for a cookie that needs consent, medium for an undeclared unknown one, written after the visitor refused', () => {
    expect(rules({ category: 'analytics', vendor: 'Google Analytics', afterRefusal: after }, true, REFUSED)).toEqual(['set-after-refusal/high']);
    expect(rules({ status: 'undeclared', category: 'unknown', afterRefusal: after }, true, REFUSED)).toEqual(['set-after-refusal/medium', 'undeclared/medium']);
    expect(rules({ category: 'necessary', afterRefusal: after }, true, REFUSED)).toEqual([]);
    expect(rules({ category: 'unknown', afterRefusal: after }, true, REFUSED)).toEqual([]);
  });
  it('names the cookie, who set it and the moment and way of the refusal', () => {
    const [f] = findingsFor([{ ...base, name: '_ga', category: 'analytics', vendor: 'Google Analytics', afterRefusal: after, setBy: { url: 'https://portal.fr/ga.js' } }], true, REFUSED);
    expect(f?.explanation).toBe('The Google Analytics analytics cookie _ga was written at Jan 1, 1970, 12:00:02 AM.000 UTC, after the visitor refused at Jan 1, 1970, 12:00:01 AM.000 UTC (refused by hand: the auditor pressed “I refused now”), by https://portal.fr/ga.js.');
  });
  it('for analytics the CNIL may exempt, says what to check instead of calling it a plain violation', () => {
    const matomo = { ...base, name: '_pk_id.1.a1b2', category: 'analytics' as const, vendor: 'Matomo', afterRefusal: after };
    const [within] = findingsFor([{ ...matomo, requestedLifetime: 33_696_000 }], true, REFUSED);
    expect(within?.severity).toBe('high');
    expect(within?.explanation).toMatch(/Matomo may be exempt from consent when configured for audience measurement only.*check how it is configured/);
    const beyond = findingsFor([{ ...matomo, requestedLifetime: THIRTEEN_MONTHS + DAY }], true, REFUSED).find((x) => x.rule === 'set-after-refusal');
    expect(beyond?.explanation).toMatch(/but not with a lifetime over 13 months/);
    const ga = findingsFor([{ ...matomo, vendor: 'Google Analytics' }], true, REFUSED)[0];
    expect(ga?.explanation).not.toMatch(/exempt/);
  });
});

describe('what the policy claims about a cookie', () => {
  it('declared only through its provider: a low finding that says the policy never names it', () => {
    expect(rules({ providerOnly: true, category: 'analytics', vendor: 'Matomo' })).toEqual(['declared-by-provider-only/low']);
    expect(findingsFor([{ ...base, name: '_pk_id.1.a1b2', providerOnly: true, category: 'analytics', vendor: 'Matomo' }], true, ACCEPTED)[0]?.explanation)
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
