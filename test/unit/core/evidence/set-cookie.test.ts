import { parseSetCookie, parseSetCookieHeader } from '../../../../src/core/evidence/set-cookie';

describe('parseSetCookie', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads name, domain, path and the lifetime asked by Max-Age', () => {
    expect(parseSetCookie('sessionid=abc; Domain=.Example.ORG; Path=/app; Max-Age=1209600; HttpOnly', now)).toEqual({
      name: 'sessionid', domain: 'example.org', path: '/app', deletes: false, requestedLifetime: 1209600,
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
    expect(parseSetCookie('a=1; Max-Age=soon; Path=relative', now)).toEqual({ name: 'a', deletes: false });
  });
  it('keeps hostile names as they are, and rejects an empty line', () => {
    expect(parseSetCookie('<script>alert(1)</script>=x', now)?.name).toBe('<script>alert(1)</script>');
    expect(parseSetCookie('   ', now)).toBeNull();
  });
  it('splits Firefox-style headers joined by newlines', () => {
    expect(parseSetCookieHeader('a=1\nb=2; Path=/x', now).map((w) => w.name)).toEqual(['a', 'b']);
  });
});
