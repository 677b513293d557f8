import { decodedName, toCookieState } from '../../../src/background/platform';
import type { Cookies } from 'webextension-polyfill';

// Firefox's cookies API gives a cookie's name as its UTF-8 bytes; the adapter decodes it there only.
describe('decodedName', () => {
  const bytes = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));

  it("decodes Firefox's byte-per-character names, emoji included", () => {
    expect(bytes('unicode_é_🍪')).toBe('unicode_Ã©_ð\x9F\x8Dª');
    expect(decodedName(bytes('unicode_é_🍪'), true)).toBe('unicode_é_🍪');
  });

  it('leaves ASCII names, names that are not UTF-8 bytes, and every name in Chromium as they are', () => {
    expect(decodedName('sessionid', true)).toBe('sessionid');
    expect(decodedName('hdr_\xe9', true)).toBe('hdr_\xe9'); // a server's Latin-1 byte, not UTF-8
    expect(decodedName('déjà_🍪', true)).toBe('déjà_🍪'); // already characters beyond one byte
    expect(decodedName(bytes('é'), false)).toBe(bytes('é'));
  });
});

describe('toCookieState', () => {
  const base = { name: 'n', value: 'v', domain: 'a.example', path: '/', hostOnly: true, secure: true, httpOnly: false, sameSite: 'lax', session: true, storeId: 'firefox-default' } as Cookies.Cookie;

  it("keeps a cookie's partition: Chromium's and Firefox's partitionKey, or Firefox's first party when isolation is on", () => {
    expect(toCookieState(base).partitionSite).toBeUndefined();
    expect(toCookieState({ ...base, partitionKey: { topLevelSite: 'https://portal.example' } } as Cookies.Cookie).partitionSite).toBe('https://portal.example');
    expect(toCookieState({ ...base, firstPartyDomain: 'portal.example' } as Cookies.Cookie).partitionSite).toBe('portal.example');
    expect(toCookieState({ ...base, firstPartyDomain: '' } as Cookies.Cookie).partitionSite).toBeUndefined();
  });
});
