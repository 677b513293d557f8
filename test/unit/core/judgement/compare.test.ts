import { compare, makeMatcher } from '../../../../src/core/judgement/compare';
import { compileName, OPENDATASOFT_LIST, type DeclaredList } from '../../../../src/core/declared/declared';
import { observedCookies } from '../../../../src/core/evidence/jar';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

const set = (name: string, at = 1): AuditEvent => ({ kind: 'set', at, cookie: cookie(name), setBy: { kind: 'unknown', at } });

describe('declared names', () => {
  it('matches exact names and * patterns', () => {
    expect(compileName('_ga_*')('_ga_ABC123')).toBe(true);
    expect(compileName('_ga_*')('_ga')).toBe(false);
    expect(compileName('_pk_id.*')('_pk_id.1.d3f0')).toBe(true);
    expect(compileName('_pk_id.*')('_pk_idX1')).toBe(false); // the dot is literal
    expect(compileName('sessionid')('sessionid2')).toBe(false);
  });
  it('rejects a pattern that matches everything and an empty name', () => {
    expect(() => compileName('**')).toThrow(/would match every cookie/);
    expect(() => compileName(' ')).toThrow(/empty/);
  });
  it('prefers an exact name over a pattern', () => {
    const list: DeclaredList = { name: 't', source: 't', cookies: [
      { name: 'a*', provider: 'P', function: 'f', purpose: 'pattern' },
      { name: 'ab', provider: 'P', function: 'f', purpose: 'exact' },
    ] };
    expect(makeMatcher(list)('ab')?.declared.purpose).toBe('exact');
    expect(makeMatcher(list)('ax')?.declared.purpose).toBe('pattern');
  });
  it('among patterns, the first in the list wins, whatever their prefixes', () => {
    const entry = (name: string) => ({ name, provider: 'P', function: 'f', purpose: name });
    const list: DeclaredList = { name: 't', source: 't', cookies: [entry('*_id'), entry('_pk*'), entry('_pk_*'), entry('x*y*z')] };
    const match = makeMatcher(list);
    expect(match('_pk_id')?.declared.purpose).toBe('*_id');
    expect(match('_pk_ses')?.declared.purpose).toBe('_pk*');
    expect(match('x-y-z')?.declared.purpose).toBe('x*y*z');
    expect(match('x-y')).toBeUndefined();
    expect(match('')).toBeUndefined();
    const reversed = makeMatcher({ ...list, cookies: [...list.cookies].reverse() });
    expect(reversed('_pk_id')?.declared.purpose).toBe('_pk_*');
  });
});

describe('compare', () => {
  it('sorts cookies into declared-present, undeclared and declared-but-not-seen', () => {
    const observed = observedCookies([set('sessionid'), set('csrftoken'), set('_pk_id.1.abc'), set('_ga')]);
    const r = compare(observed, OPENDATASOFT_LIST);
    expect(r.declaredPresent.map((g) => g.observed.cookie.name)).toEqual(['sessionid', 'csrftoken']);
    expect(r.undeclared.map((o) => o.cookie.name)).toEqual(['_pk_id.1.abc', '_ga']);
    expect(r.missing.map((d) => d.name)).toEqual(['django_language', 'cookies_preferences']);
  });
  it('counts a declared cookie on two paths as two present cookies and not missing', () => {
    const events: AuditEvent[] = [set('csrftoken'), { ...set('csrftoken'), cookie: cookie('csrftoken', { path: '/api' }) }];
    const r = compare(observedCookies(events), OPENDATASOFT_LIST);
    expect(r.declaredPresent).toHaveLength(2);
    expect(r.missing.map((d) => d.name)).not.toContain('csrftoken');
  });
  it('says everything is missing when nothing was set', () => {
    expect(compare([], OPENDATASOFT_LIST).missing).toHaveLength(4);
  });
  it('the built-in list holds the four Opendatasoft cookies with provider, function and purpose', () => {
    expect(OPENDATASOFT_LIST.cookies.map((c) => c.name)).toEqual(['sessionid', 'django_language', 'csrftoken', 'cookies_preferences']);
    for (const c of OPENDATASOFT_LIST.cookies) {
      expect(c.provider).toBe('Opendatasoft');
      expect(c.function.length).toBeGreaterThan(5);
      expect(c.purpose.length).toBeGreaterThan(5);
    }
  });
});

describe('observedCookies', () => {
  it('keeps a cookie that was set then deleted, marked as removed', () => {
    const c = cookie('temp');
    const obs = observedCookies([
      { kind: 'set', at: 1, cookie: c, setBy: { kind: 'script', frameUrl: 'http://x/', at: 1 } },
      { kind: 'delete', at: 2, cookie: c, setBy: { kind: 'unknown', at: 2 } },
    ]);
    expect(obs).toHaveLength(1);
    expect(obs[0]).toMatchObject({ present: false, removedBy: 'delete', setBy: { kind: 'script' } });
    expect(obs[0]?.events).toHaveLength(2);
  });
  it('takes the last state of an overwritten cookie', () => {
    const obs = observedCookies([
      { kind: 'set', at: 1, cookie: cookie('a', { value: '1' }), setBy: { kind: 'unknown', at: 1 } },
      { kind: 'overwrite', at: 2, cookie: cookie('a', { value: '2' }), setBy: { kind: 'unknown', at: 2 } },
    ]);
    expect(obs[0]?.cookie.value).toBe('2');
    expect(obs[0]?.present).toBe(true);
  });
});

describe('how a name is matched', () => {
  const entry = (name: string) => ({ name, provider: 'P', function: 'f', purpose: name });
  const list: DeclaredList = { name: 't', source: 't', cookies: ['sessionid', '_pk_id', '_pk_ses', '_ga_xxx', '_hjSessionUser', '_gat', 'tx*'].map(entry) };
  const match = makeMatcher(list);

  it('a declared stem matches the names of its vendor family, and says by which rule', () => {
    const m = match('_pk_id.1.a1b2');
    expect(m?.declared.name).toBe('_pk_id');
    expect(m?.match).toMatchObject({ kind: 'family', family: { vendor: 'Matomo', shape: '_pk_id.<site id>.<hash>' } });
    expect(match('_hjSessionUser_3021840')?.match.kind).toBe('family');
    expect(match('_gat_gtag_UA_12345_1')?.match.kind).toBe('family');
  });
  it('an exact name matches itself only, and wins over its family', () => {
    expect(match('sessionid')?.match).toEqual({ kind: 'exact' });
    expect(match('sessionid2')).toBeUndefined();
    expect(match('_gat')?.match).toEqual({ kind: 'exact' });
    // Not of the family's shape: a declared stem is no prefix.
    expect(match('_pk_idle')).toBeUndefined();
    expect(match('_pk_id_x')).toBeUndefined();
  });
  it('a placeholder is a pattern, and names the pattern as the policy wrote it', () => {
    expect(match('_ga_H8W2K9')?.match).toEqual({ kind: 'pattern', pattern: '_ga_xxx' });
    expect(match('tx1')?.match).toEqual({ kind: 'pattern', pattern: 'tx*' });
    expect(match('_ga')).toBeUndefined();
  });
  it('sorts a real-shaped jar with every kind of match', () => {
    const r = compare(observedCookies(['sessionid', '_pk_id.1.a1b2', '_pk_ses.1.a1b2', '_ga_H8W2K9', '_ga', 'other'].map((n) => set(n))), list);
    expect(r.declaredPresent.map((g) => [g.observed.cookie.name, g.match.kind])).toEqual([
      ['sessionid', 'exact'], ['_pk_id.1.a1b2', 'family'], ['_pk_ses.1.a1b2', 'family'], ['_ga_H8W2K9', 'pattern'],
    ]);
    expect(r.undeclared.map((o) => o.cookie.name)).toEqual(['_ga', 'other']);
    expect(r.missing.map((d) => d.name)).toEqual(['_hjSessionUser', '_gat', 'tx*']);
  });
});

describe('a provider declared without its cookies', () => {
  it('declares the cookies the known-cookie table gives that vendor, and only those', () => {
    const list: DeclaredList = { name: 't', source: 't', cookies: [{ name: 'sessionid', provider: 'Site', function: 'f', purpose: 'p' }], providers: [{ provider: 'Matomo', function: '', purpose: 'Visit statistics', category: 'analytics' }] };
    const r = compare(observedCookies(['sessionid', '_pk_id.1.a1b2', 'MATOMO_SESSID', '_ga'].map((n) => set(n))), list);
    expect(r.declaredPresent.map((g) => [g.observed.cookie.name, g.match.kind])).toEqual([['sessionid', 'exact'], ['_pk_id.1.a1b2', 'provider'], ['MATOMO_SESSID', 'provider']]);
    expect(r.undeclared.map((o) => o.cookie.name)).toEqual(['_ga']);
    // A provider is no declared cookie: it is never "declared but not seen".
    expect(r.missing).toEqual([]);
  });
  it('"Google" covers "Google Analytics", but a provider is no substring match', () => {
    const list: DeclaredList = { name: 't', source: 't', cookies: [], providers: [{ provider: 'Google', function: '', purpose: '' }, { provider: 'Hot', function: '', purpose: '' }] };
    const match = makeMatcher(list);
    expect(match('_ga', 'portal.fr')?.match.kind).toBe('provider');
    expect(match('_hjid', 'portal.fr')).toBeUndefined();
  });
});
