import { nextAudit } from '../../../src/background/navigation';
import { sanitizeWrites } from '../../../src/background/router';
import { isMessage } from '../../../src/shared/protocol';

describe('nextAudit', () => {
  const first = nextAudit(undefined, { tabId: 3, url: 'https://data.portal.fr/', at: 100, storeId: '0', requestId: 'r1' });
  it('starts an audit on the first http(s) navigation', () => {
    expect(first).toMatchObject({ tabId: 3, site: 'portal.fr', startedAt: 100 });
  });
  it('keeps accumulating on a reload or a same-site navigation', () => {
    const same = nextAudit(first, { tabId: 3, url: 'https://www.portal.fr/explore/', at: 200, storeId: '0', requestId: 'r2' });
    expect(same).toMatchObject({ startedAt: 100, url: 'https://www.portal.fr/explore/', auditId: first?.auditId });
  });
  it('starts a new audit on a navigation to another site', () => {
    const other = nextAudit(first, { tabId: 3, url: 'https://other.org/', at: 300, storeId: '0', requestId: 'r3' });
    expect(other).toMatchObject({ site: 'other.org', startedAt: 300 });
    expect(other?.auditId).not.toBe(first?.auditId);
  });
  it('keeps the audit across a redirect of the request that started it', () => {
    const redirected = nextAudit(first, { tabId: 3, url: 'https://login.other.org/', at: 150, storeId: '0', requestId: 'r1' });
    expect(redirected).toMatchObject({ startedAt: 100, site: 'other.org' });
  });
  it('ignores non-web pages', () => {
    expect(nextAudit(first, { tabId: 3, url: 'chrome://newtab/', at: 400, storeId: '0' })).toBe(first);
  });
});

describe('messages from pages', () => {
  it('accepts only known message types', () => {
    expect(isMessage({ type: 'getReport', tabId: 1 })).toBe(true);
    expect(isMessage({ type: 'deleteEverything' })).toBe(false);
    expect(isMessage(null)).toBe(false);
    expect(isMessage({ type: 'constructor' })).toBe(false);
    expect(isMessage({ type: '__proto__' })).toBe(false);
  });
  it('keeps only well-formed, bounded script writes', () => {
    const now = 1_000_000;
    const out = sanitizeWrites(
      [
        { name: 'ok', deletes: false, at: now - 10, scriptUrl: 'http://a/x.js', domain: 'a' },
        { name: 42 },
        'junk',
        { name: 'x'.repeat(10_000) },
        { name: '__proto__', at: now + 10 * 60_000 },
      ],
      now,
    );
    expect(out).toEqual([
      { name: 'ok', deletes: false, at: now - 10, scriptUrl: 'http://a/x.js', domain: 'a' },
      { name: '__proto__', deletes: false, at: now },
    ]);
    expect(() => sanitizeWrites('nope', now)).toThrow(/must be an array/);
  });
  it('reads a script write\'s Expires text as browsers do, and keeps what decides whether it is stored', () => {
    const at = Date.parse('2026-01-01T00:00:00Z');
    const [later, iso, past, attrs] = sanitizeWrites(
      [
        { name: 'a', deletes: false, at, expires: 'Fri, 01 Jan 2027 00:00:00 GMT' },
        { name: 'b', deletes: false, at, expires: '2027-01-01T00:00:00Z' },
        { name: 'c', deletes: false, at, expires: 'Thu, 01 Jan 1970 00:00:00 GMT' },
        { name: 'd', deletes: false, at, secure: true, sameSite: 'none', partitioned: true, size: 12, expires: 'x'.repeat(500) },
      ],
      at,
    );
    expect(later).toEqual({ name: 'a', deletes: false, at, requestedLifetime: 365 * 86_400 });
    expect(iso).toEqual({ name: 'b', deletes: false, at });
    expect(past).toEqual({ name: 'c', deletes: true, at });
    expect(attrs).toEqual({ name: 'd', deletes: false, at, secure: true, sameSite: 'none', partitioned: true, size: 12 });
  });
});
