import { consentState } from '../../../../src/core/judgement/consent';
import { findingsFor, wantsConsent, type FindingInput } from '../../../../src/core/judgement/findings';
import { storageFindings, type StorageFindingInput } from '../../../../src/core/judgement/findings-storage';
import { CATEGORIES, type Category } from '../../../../src/core/judgement/classify';
import type { DeclaredCategory } from '../../../../src/core/declared/policy-columns';
import { consentRecordOf, statesChoice } from '../../../../src/core/judgement/consent-answer';
import { EN } from '../../../../src/core/text/i18n';

// One rule for "needs consent": set-before-consent and set-after-refusal (of cookies and of storage)
// fire on exactly the same cookies, for every combination of category, declaration and record.

const base: FindingInput = {
  name: 'c', domain: 'portal.fr', path: '/', party: 'first', site: 'portal.fr', status: 'declared', category: 'necessary', vendor: null,
  secure: true, httpOnly: true, sameSite: 'Lax', requestedLifetime: null, appliedLifetime: null, beforeConsent: false,
};
const REFUSED = consentState([], [{ at: 1_000, choice: 'refused', by: 'hand' }]);
const after = { at: '1970-01-01T00:00:02.000Z', refusedAt: '1970-01-01T00:00:01.000Z' };
const DECLARED: Array<DeclaredCategory | undefined> = [undefined, 'necessary', 'functional', 'analytics', 'advertising'];

const rulesOf = (c: FindingInput): string[] => findingsFor([c], true, REFUSED).filter((f) => /consent|refusal/.test(f.rule)).map((f) => `${f.rule}/${f.severity}`);

describe('one rule for "needs consent"', () => {
  const combos: Array<{ category: Category; status: 'declared' | 'undeclared'; declaredCategory: DeclaredCategory | undefined; record: boolean }> = [];
  for (const category of CATEGORIES) for (const status of ['declared', 'undeclared'] as const) for (const declaredCategory of DECLARED) for (const record of [false, true]) combos.push({ category, status, declaredCategory, record });

  it.each(combos)('%o: set-before-consent and set-after-refusal agree, with the same severity', ({ category, status, declaredCategory, record }) => {
    const c: FindingInput = { ...base, category, status, ...(declaredCategory ? { declaredCategory } : {}), ...(record ? { consentRecord: { by: 'states-choice', cmp: null } } : {}) };
    const before = rulesOf({ ...c, beforeConsent: true }).filter((r) => r.startsWith('set-before-consent'));
    const refused = rulesOf({ ...c, afterRefusal: after }).filter((r) => r.startsWith('set-after-refusal'));
    expect(before.map((r) => r.split('/')[1])).toEqual(refused.map((r) => r.split('/')[1]));
    expect(before.length === 1).toBe(wantsConsent(c));
    // Storage items follow the same rule.
    const item: StorageFindingInput = { area: 'localStorage', key: 'k', origin: 'https://portal.fr', host: 'portal.fr', party: 'first', status, category, vendor: null, beforeConsent: true, afterRefusal: after, ...(record ? { consentRecord: true } : {}) } as StorageFindingInput;
    const stored = storageFindings([item], REFUSED, EN).filter((f) => /consent|refusal/.test(f.rule)).map((f) => f.rule);
    expect(stored.length === 2).toBe(wantsConsent(item));
  });

  it('its category when known; else undeclared and unknown needs it; declared as necessary does not; a consent record never does', () => {
    expect(wantsConsent({ category: 'analytics', status: 'declared' })).toBe(true);
    expect(wantsConsent({ category: 'necessary', status: 'undeclared' })).toBe(false);
    expect(wantsConsent({ category: 'unknown', status: 'undeclared' })).toBe(true);
    expect(wantsConsent({ category: 'unknown', status: 'declared', declaredCategory: 'necessary' })).toBe(false);
    expect(wantsConsent({ category: 'unknown', status: 'declared', declaredCategory: 'analytics' })).toBe(true);
    expect(wantsConsent({ category: 'unknown', status: 'undeclared', consentRecord: { by: 'banner-answer', cmp: null } })).toBe(false);
  });

  it('a tracker of unknown purpose set at load before any choice raises set-before-consent (medium), as set-after-refusal does', () => {
    expect(rulesOf({ ...base, name: '_stat_id', category: 'unknown', status: 'undeclared', beforeConsent: true })).toEqual(['set-before-consent/medium']);
    expect(rulesOf({ ...base, name: '_stat_id', category: 'unknown', status: 'undeclared', afterRefusal: after })).toEqual(['set-after-refusal/medium']);
  });
});

describe('consent records', () => {
  const ev = (over: Partial<Parameters<typeof consentRecordOf>[0]>) => ({ name: 'x', site: 'portal.fr', value: 'v', category: 'unknown' as Category, firstWrite: null, ...over });
  it('the decoders and the table of well-known cookies know some', () => {
    expect(consentRecordOf(ev({ name: 'tarteaucitron', value: '!matomo=false' }), [])).toEqual({ by: 'decoder', cmp: 'tarteaucitron.js' });
    expect(consentRecordOf(ev({ name: 'cmplz_marketing', category: 'necessary' }), [])).toEqual({ by: 'known', cmp: expect.stringMatching(/^Complianz/) });
    // The vendor knowledge base's consent records too: Osano's open-source banner documents its own.
    expect(consentRecordOf(ev({ name: 'cookieconsent_status', value: 'deny' }), [])).toEqual({ by: 'known', cmp: expect.stringMatching(/Osano/) });
  });
  it("a cookie the banner's script writes within moments of the command line's click is its answer; a tracker's is not", () => {
    expect(consentRecordOf(ev({ name: 'ccm_x', firstWrite: { at: 5_300, byScript: true } }), [5_000])).toEqual({ by: 'banner-answer', cmp: null });
    expect(consentRecordOf(ev({ name: 'ccm_x', firstWrite: { at: 9_000, byScript: true } }), [5_000])).toBeNull();
    expect(consentRecordOf(ev({ name: 'ccm_x', firstWrite: { at: 5_300, byScript: false } }), [5_000])).toBeNull();
    expect(consentRecordOf(ev({ name: '_pk_id.1.c0de', category: 'analytics', firstWrite: { at: 5_300, byScript: true } }), [5_000])).toBeNull();
  });
  it('a name or value that states the choice', () => {
    expect(statesChoice('cookieconsent_status', 'deny')).toBe(true);
    expect(statesChoice('gdpr_refused', '1700000000')).toBe(true);
    expect(statesChoice('cookie_optin', '0')).toBe(true);
    expect(statesChoice('site_consent', encodeURIComponent('{"stats":false}'))).toBe(true);
    expect(statesChoice('_stat_id', '0')).toBe(false);
    expect(statesChoice('lang', 'fr')).toBe(false);
    expect(consentRecordOf(ev({ name: 'portal_consent_state', value: 'deny' }), [])).toEqual({ by: 'states-choice', cmp: null });
    // A known tracker's name never counts, whatever it says.
    expect(consentRecordOf(ev({ name: '__gpi_optout', category: 'advertising', value: 'deny' }), [])).toBeNull();
  });
});
