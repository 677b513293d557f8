import type { CookieWrite, RefusalRecord } from '../../../../src/core/evidence/cookie';
import { refusalCandidates, refusalReason, REFUSAL_GRACE_MS, stillRefused, storedInJar, withoutLaterChange } from '../../../../src/core/evidence/refusal';
import { writesWithoutChange } from '../../../../src/core/evidence/recover';
import { refusedInReport } from '../../../../src/core/report/refused';
import { catalogueTranslator, EN } from '../../../../src/core/text/i18n';
import { change, cookie, header, script } from '../../helpers';

const w = (over: Partial<CookieWrite>): CookieWrite => ({ name: 'c', deletes: false, size: 3, ...over });
const PAGE = 'http://portal.example.org/';

describe('why a browser refused a write', () => {
  it.each<[string, Partial<CookieWrite>, string, string, boolean]>([
    ['too-large', { size: 5000 }, PAGE, 'example.org', false],
    ['prefix-rule', { name: '__Host-id', secure: true, path: '/x' }, PAGE, 'example.org', false],
    ['prefix-rule', { name: '__Host-id', secure: true, path: '/', domain: 'portal.example.org' }, PAGE, 'example.org', false],
    ['prefix-rule', { name: '__Secure-id' }, PAGE, 'example.org', false],
    ['secure-from-insecure-page', { secure: true }, PAGE, 'example.org', false],
    ['samesite-none-not-secure', { sameSite: 'none' }, PAGE, 'example.org', false],
    ['domain-not-allowed', { domain: 'other.org' }, PAGE, 'example.org', false],
    ['domain-not-allowed', { domain: 'org' }, PAGE, 'example.org', false],
    ['third-party-blocked', {}, 'https://tracker.example.net/p.gif', 'example.org', true],
    ['unknown', {}, 'https://tracker.example.net/p.gif', 'example.org', false],
  ])('%s: %j from %s', (reason, write, url, site, blocked) => {
    expect(refusalReason(w(write), url, site, blocked)).toBe(reason);
  });
  it('a Secure write from http on a loopback host is no reason: browsers treat it as secure', () => {
    expect(refusalReason(w({ secure: true }), 'http://127.0.0.1/', '127.0.0.1', false)).toBe('unknown');
    expect(refusalReason(w({ domain: 'portal.example.org' }), PAGE, 'example.org', false)).toBe('unknown');
  });
});

describe('which writes are asked about', () => {
  it('writes that set a cookie with no change near them, once old enough, each once', () => {
    const h = header(1000, 7, PAGE, ['kept', 'refused']);
    const s = script(1000, 7, PAGE, ['gone'], undefined, true); // a deletion is never "refused"
    const lost = writesWithoutChange([change(1005, cookie('kept'))], [h], [s]);
    expect(lost.map((l) => [l.name, l.ref, l.tabId, l.setBy.kind])).toEqual([['refused', `${h.id}#1`, 7, 'header']]);
    expect(refusalCandidates(lost, new Set(), 1000 + REFUSAL_GRACE_MS - 1)).toEqual([]);
    expect(refusalCandidates(lost, new Set(), 1000 + REFUSAL_GRACE_MS)).toHaveLength(1);
    expect(refusalCandidates(lost, new Set([`${h.id}#1`]), 5000)).toEqual([]);
    // A script write keeps the page's time, and the time the background received it, which places it in an audit.
    const late = script(2000, 7, PAGE, ['js']);
    (late.writes[0] as { at: number }).at = 1500;
    expect(writesWithoutChange([], [], [late]).map((l) => [l.at, l.recordedAt])).toEqual([[1500, 2000]]);
  });
  it('a change that came later than the matching window still proves the write was stored', () => {
    const h = header(1000, 7, PAGE, ['late', 'refused']);
    const lost = writesWithoutChange([change(60_000, cookie('late')), change(60_000, cookie('refused', { domain: 'elsewhere.net' }))], [h], []);
    expect(lost.map((l) => l.name)).toEqual(['late', 'refused']);
    expect(withoutLaterChange(lost, [change(60_000, cookie('late')), change(60_000, cookie('refused', { domain: 'elsewhere.net' }))]).map((l) => l.name)).toEqual(['refused']);
  });
  it('the jar answers: the cookie at the size the write gave it was stored; another size is an older cookie kept', () => {
    const h = header(1000, 7, PAGE, ['big']);
    h.writes[0] = { ...(h.writes[0] as CookieWrite), size: 5003 };
    const [lost] = writesWithoutChange([], [h], []);
    const jar = (value: string) => [cookie('big', { value })];
    expect(storedInJar(lost as never, jar('x'.repeat(5000)))).toBe(true);
    expect(storedInJar(lost as never, jar('small'))).toBe(false);
    expect(storedInJar(lost as never, [])).toBe(false);
  });
  it('a refusal recorded before a slow change arrived is withdrawn by it', () => {
    const r: RefusalRecord = { id: 'h#0', at: 1000, recordedAt: 1000, tabId: 7, setBy: { kind: 'header', url: PAGE, type: 'image', at: 1000 }, write: w({ name: 'slow' }) };
    expect(stillRefused([r], [])).toEqual([r]);
    expect(stillRefused([r], [change(3000, cookie('slow'))])).toEqual([]);
    expect(stillRefused([r], [change(3000, cookie('slow', { domain: 'elsewhere.net' }))])).toEqual([r]);
  });
  it('a report lists them with their reason in its language, never as cookies', () => {
    const r: RefusalRecord = { id: 'h1#0', at: 0, recordedAt: 0, tabId: 1, setBy: { kind: 'header', url: PAGE, type: 'main_frame', at: 0 }, write: w({ name: 'big', size: 9000 }) };
    expect(refusedInReport([r], 'example.org', false, EN)).toEqual([{
      name: 'big', domain: 'portal.example.org', path: null, at: '1970-01-01T00:00:00.000Z', setBy: { kind: 'header', url: PAGE, type: 'main_frame', at: '1970-01-01T00:00:00.000Z' },
      reason: 'too-large', explanation: 'big was refused: its name and value exceed 4,096 bytes.',
    }]);
    expect(refusedInReport([r], 'example.org', false, catalogueTranslator('fr'))[0]?.explanation).toBe('big a été refusé : son nom et sa valeur dépassent 4 096 octets.');
  });
});
