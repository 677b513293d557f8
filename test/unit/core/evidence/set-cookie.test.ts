import { parseSetCookie as parseLine, parseSetCookieHeader as parseHeader } from '../../../../src/core/evidence/set-cookie';
import { rfc6265Date } from '../../../../src/core/evidence/cookie-dates';

const parseSetCookie = (line: string, now?: number) => parseLine(line, now, rfc6265Date);
const parseSetCookieHeader = (value: string, now?: number) => parseHeader(value, now, rfc6265Date);

describe('parseSetCookie', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads name, domain, path and the lifetime asked by Max-Age', () => {
    expect(parseSetCookie('sessionid=abc; Domain=.Example.ORG; Path=/app; Max-Age=1209600; HttpOnly', now)).toEqual({
      name: 'sessionid', domain: 'example.org', path: '/app', deletes: false, requestedLifetime: 1209600, size: 12,
    });
  });
  it('reads the lifetime asked by Expires, and Max-Age wins over Expires', () => {
    expect(parseSetCookie('a=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT', now)?.requestedLifetime).toBe(365 * 86400);
    expect(parseSetCookie('a=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT; Max-Age=60', now)?.requestedLifetime).toBe(60);
  });
  it('sees a deletion in Max-Age=0 or an Expires in the past', () => {
    expect(parseSetCookie('a=; Max-Age=0', now)?.deletes).toBe(true);
    expect(parseSetCookie('a=; expires=Thu, 01 Jan 1970 00:00:00 GMT', now)?.deletes).toBe(true);
  });
  it('has no lifetime for a session cookie and ignores bad attributes', () => {
    expect(parseSetCookie('a=1; Max-Age=soon; Path=relative; SameSite=sometimes', now)).toEqual({ name: 'a', deletes: false, size: 2 });
  });
  it('keeps hostile names as they are, and rejects an empty line', () => {
    expect(parseSetCookie('<script>alert(1)</script>=x', now)?.name).toBe('<script>alert(1)</script>');
    expect(parseSetCookie('   ', now)).toBeNull();
  });
  it('splits Firefox-style headers joined by newlines', () => {
    expect(parseSetCookieHeader('a=1\nb=2; Path=/x', now).map((w) => w.name)).toEqual(['a', 'b']);
  });
  it.each([
    ['Fri, 01 Jan 2027 00:00:00 GMT', 365 * 86400],
    ['Friday, 01-Jan-27 00:00:00 GMT', 365 * 86400], // RFC 850, two-digit year
    ['Fri Jan  1 00:00:00 2027', 365 * 86400], // asctime order
    ['01 Jan 2027 00:00:00 +0200', 365 * 86400], // the offset is ignored: the time is UTC
    ['Fri, 01 Jan 2027 00:00:00 GMT and then some words', 365 * 86400],
    ['Fri, 01-Jan-2027 00:00:00 PST', 365 * 86400], // a time-zone word is ignored too
  ])('reads Expires=%s as browsers do (RFC 6265 5.1.1)', (date, seconds) => {
    expect(parseSetCookie(`a=1; Expires=${date}`, now)?.requestedLifetime).toBe(seconds);
  });
  it.each(['2027-01-01T00:00:00Z', 'tomorrow', 'Fri, 32 Jan 2027 00:00:00 GMT'])('asks for no lifetime when browsers ignore Expires=%s', (date) => {
    expect(parseSetCookie(`a=1; Expires=${date}`, now)).toEqual({ name: 'a', deletes: false, size: 2 });
  });
  it('keeps what decides whether a browser stores the write: Secure, SameSite, Partitioned, and the size in bytes', () => {
    expect(parseSetCookie('__Host-id=é1; Secure; SameSite=None; Partitioned; Path=/', now)).toMatchObject({ secure: true, sameSite: 'none', partitioned: true, size: 12 });
    expect(parseSetCookie('a=1; samesite=LAX', now)?.sameSite).toBe('lax');
  });
  it('without a date reader (the content scripts) keeps the Expires text for the background', () => {
    expect(parseLine('a=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT', now)).toEqual({ name: 'a', deletes: false, size: 2, expires: 'Fri, 01 Jan 2027 00:00:00 GMT' });
    expect(parseLine('a=1; Expires=Fri, 01 Jan 2027 00:00:00 GMT; Max-Age=60', now)).toEqual({ name: 'a', deletes: false, size: 2, requestedLifetime: 60 });
  });
});
