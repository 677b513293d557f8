import { consentRecordsIn, readConsentRecord, RECORD_FORMATS } from '../../../../src/core/evidence/consent-record';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

// Values as the real consent managers write them: tarteaucitron.js 1.34, Orejime 3.2, Klaro 0.7 and
// CookieConsent 3.1 as measured in the end-to-end fixtures (test/fixtures/cmp-portals.ts); the
// others as their documentation shows them.

const choice = (name: string, value: string): string | undefined => readConsentRecord(name, value)?.choice;

describe('consent records, read by their content', () => {
  it('tarteaucitron.js: "wait" before any choice, then true or false per service', () => {
    expect(choice('tarteaucitron', '!localmatomo=wait')).toBe('pending');
    expect(readConsentRecord('tarteaucitron', '!localmatomo=true')).toEqual({ cmp: 'tarteaucitron.js', choice: 'accepted', purposes: { localmatomo: true } });
    expect(choice('tarteaucitron', '!localmatomo=false')).toBe('refused');
    expect(choice('tarteaucitron', '!localmatomo=false!youtube=true')).toBe('partial');
    expect(choice('tarteaucitron', '!localmatomo=false!youtube=wait')).toBe('refused');
  });
  it('Orejime 3 (eu-consent), Orejime 2 and Klaro: JSON of purposes, raw or URL-encoded', () => {
    expect(choice('eu-consent', '{"matomo":true}')).toBe('accepted');
    expect(choice('eu-consent', encodeURIComponent('{"matomo":false}'))).toBe('refused');
    expect(choice('orejime', '{"matomo":false,"ga":true}')).toBe('partial');
    expect(readConsentRecord('klaro', '%7B%22matomo%22%3Afalse%7D')).toEqual({ cmp: 'Klaro', choice: 'refused', purposes: { matomo: false } });
  });
  it('CookieConsent v3: the accepted categories; only the necessary ones is a refusal', () => {
    const base = { revision: 0, data: null, consentTimestamp: '2026-11-30T09:37:21.515Z', consentId: 'ab43', services: { necessary: [], analytics: [] }, languageCode: 'en' };
    expect(choice('cc_cookie', JSON.stringify({ categories: ['necessary', 'analytics'], ...base }))).toBe('accepted');
    expect(choice('cc_cookie', JSON.stringify({ categories: ['necessary'], ...base }))).toBe('refused');
    expect(choice('cc_cookie', '{"revision":0}')).toBe('unknown');
  });
  it('Cookiebot: a JavaScript literal per category; -1 (no consent needed in the region) is unknown', () => {
    const v = (s: boolean, m: boolean): string => encodeURIComponent(`{stamp:'abc==',necessary:true,preferences:false,statistics:${s},marketing:${m},method:'explicit',ver:1,utc:1700000000000,region:'fr'}`);
    expect(choice('CookieConsent', v(false, false))).toBe('refused');
    expect(choice('CookieConsent', v(true, true))).toBe('partial');
    expect(choice('CookieConsent', '-1')).toBe('unknown');
  });
  it('OneTrust: pending while interactionCount is 0; groups without a count are not a choice', () => {
    const v = (count: string | null, groups: string): string =>
      `isGpcEnabled=0&datestamp=Mon+Nov+30+2026&version=202310.1.0${count === null ? '' : `&interactionCount=${count}`}&groups=${encodeURIComponent(groups)}&AwaitingReconsent=false`;
    expect(choice('OptanonConsent', v('0', 'C0001:1,C0002:1,C0003:1,C0004:1'))).toBe('pending');
    expect(choice('OptanonConsent', v('1', 'C0001:1,C0002:0,C0003:0,C0004:0'))).toBe('refused');
    expect(choice('OptanonConsent', v('2', 'C0001:1,C0002:1,C0003:1,C0004:1'))).toBe('accepted');
    expect(choice('OptanonConsent', v(null, 'C0001:1,C0002:1,C0003:1,C0004:1'))).toBe('unknown');
  });
  it('Didomi: base64 JSON of enabled and disabled purposes', () => {
    const v = (enabled: string[], disabled: string[]): string => btoa(JSON.stringify({ user_id: 'u', created: '2026-11-30T10:00:00Z', purposes: { enabled, disabled }, vendors: { enabled: [], disabled: [] }, version: 2 }));
    expect(choice('didomi_token', v([], ['analytics', 'advertising']))).toBe('refused');
    expect(choice('didomi_token', v(['analytics', 'advertising'], []))).toBe('accepted');
    expect(choice('didomi_token', 'not base64!')).toBe('unknown');
  });
  it('Axeptio: vendors beside $$ keys; not completed is pending', () => {
    expect(choice('axeptio_cookies', encodeURIComponent('{"$$token":"abc","$$date":"2026-11-30","google_analytics":false,"$$completed":true}'))).toBe('refused');
    expect(choice('axeptio_cookies', encodeURIComponent('{"$$token":"abc","google_analytics":true,"$$completed":false}'))).toBe('pending');
  });
  it('Matomo and Opendatasoft', () => {
    expect(choice('mtm_consent', '1700000000000')).toBe('accepted');
    expect(choice('mtm_consent_removed', '1700000000000')).toBe('refused');
    expect(choice('cookies_preferences', encodeURIComponent('{"analytics":true}'))).toBe('accepted');
  });
  it('never takes what it cannot read for acceptance, and is no record for other cookies', () => {
    for (const f of RECORD_FORMATS.filter((x) => !x.cookie.startsWith('mtm_'))) {
      for (const hostile of ['', 'garbage', '{"__proto__":{"x":true}}', '<script>alert(1)</script>', '%E0%A4%A', 'x'.repeat(9000)]) {
        expect(['unknown', 'pending']).toContain(choice(f.cookie, hostile));
      }
    }
    expect(readConsentRecord('_ga', '{"analytics":true}')).toBeNull();
    expect(readConsentRecord('klaro', '{"__proto__":true,"constructor":true,"matomo":false}')).toEqual({ cmp: 'Klaro', choice: 'refused', purposes: { matomo: false } });
    expect(readConsentRecord('tarteaucitron', '!__proto__=true!constructor=true')?.choice).toBe('unknown');
    expect(Object.prototype).not.toHaveProperty('x');
  });
});

describe('the changes of choice among writes', () => {
  const ev = (at: number, value: string, name = 'tarteaucitron'): AuditEvent => ({ kind: at % 2 ? 'overwrite' : 'set', at, cookie: cookie(name, { value }), setBy: { kind: 'unknown', at } });
  it('keeps decisive readings that change the choice, and the last reading of all', () => {
    const { changes, last } = consentRecordsIn([ev(40, '!m=true'), ev(1, '!m=wait'), ev(20, '!m=false'), ev(30, '!m=false'), ev(50, 'junk')]);
    expect(changes.map((c) => [c.at, c.choice])).toEqual([[20, 'refused'], [40, 'accepted']]);
    expect(last).toMatchObject({ at: 50, choice: 'unknown' });
  });
});
