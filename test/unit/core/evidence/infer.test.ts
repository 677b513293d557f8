import { assignEvents, candidateResponses, INFER_AFTER_MS, INFER_BEFORE_MS, withInferences } from '../../../../src/core/evidence/attribute';
import type { ResponseSeen } from '../../../../src/core/evidence/cookie';
import { buildReport } from '../../../../src/core/report/report';
import { formatText, setByWords } from '../../../../src/core/report/format-text';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { EN } from '../../../../src/core/text/i18n';
import { change, cookie, header, script, tab } from '../../helpers';

// Passive mode: no Set-Cookie header is seen, so which response set a cookie is inferred from the
// responses of the moment before its change; the attribution says so, and among how many.

const PORTAL = 'https://data.portal.fr/';
const seen = (at: number, url: string, over: Partial<ResponseSeen> = {}): ResponseSeen => ({ at, tabId: 1, frameId: 0, url, type: 'main_frame', ...over });

describe('candidate responses', () => {
  it('keeps the responses of a host that could set the cookie around its change, closest first', () => {
    const recent = [seen(100, PORTAL), seen(150, 'https://data.portal.fr/app.js', { type: 'script' }), seen(160, 'https://tracker.example/p.gif'), seen(210, 'https://data.portal.fr/late')];
    const { responses, matched } = candidateResponses(recent, 'data.portal.fr', 200);
    // A response reported just after the change counts: without extraHeaders Chromium may report it late.
    expect(responses.map((r) => r.url)).toEqual(['https://data.portal.fr/late', 'https://data.portal.fr/app.js', PORTAL]);
    expect(matched).toBe(3);
    expect(candidateResponses(recent, '.portal.fr', 200).matched).toBe(3);
    expect(candidateResponses([seen(0, PORTAL)], 'data.portal.fr', INFER_BEFORE_MS + 1).matched).toBe(0);
    expect(candidateResponses([seen(INFER_AFTER_MS + 1, PORTAL)], 'data.portal.fr', 0).matched).toBe(0);
  });
  it('joins each change with its stored inference', () => {
    const c = change(105, cookie('a', { domain: 'data.portal.fr' }));
    const [joined] = withInferences([c], [{ id: c.id, at: 105, responses: [seen(100, PORTAL)], matched: 2 }]);
    expect(joined).toMatchObject({ responses: [{ url: PORTAL }], responsesMatched: 2 });
  });
});

describe('inferred attribution', () => {
  it('gives an unexplained change to the response just before it, marked inferred and among how many', () => {
    const alone = change(105, cookie('sessionid', { domain: 'data.portal.fr', httpOnly: true }), { responses: [seen(100, PORTAL)], responsesMatched: 1 });
    const crowded = change(205, cookie('uid', { domain: 'data.portal.fr' }), { responses: [seen(200, 'https://data.portal.fr/b.js', { type: 'script' })], responsesMatched: 4 });
    const out = assignEvents([alone, crowded], [], [], [tab(1, PORTAL, 0)]);
    expect(out.get(1)?.map((e) => e.setBy)).toEqual([
      { kind: 'header', url: PORTAL, type: 'main_frame', at: 100, inferred: { of: 1 } },
      { kind: 'header', url: 'https://data.portal.fr/b.js', type: 'script', at: 200, inferred: { of: 4 } },
    ]);
  });
  it('never overrides what a seen header or script write explains', () => {
    const c = change(105, cookie('a', { domain: 'data.portal.fr' }), { responses: [seen(104, 'https://data.portal.fr/other')], responsesMatched: 1 });
    expect(assignEvents([c], [header(100, 1, PORTAL, ['a'])], [], [tab(1, PORTAL, 0)]).get(1)?.[0]?.setBy).toMatchObject({ kind: 'header', url: PORTAL });
    expect(assignEvents([c], [], [script(100, 1, PORTAL, ['a'], 'https://data.portal.fr/s.js')], [tab(1, PORTAL, 0)]).get(1)?.[0]?.setBy).toMatchObject({ kind: 'script' });
  });
  it('a response of a tab outside any audit explains nothing: the change falls back to its site', () => {
    const c = change(105, cookie('a', { domain: 'data.portal.fr' }), { responses: [seen(100, PORTAL, { tabId: 9 })], responsesMatched: 1 });
    expect(assignEvents([c], [], [], [tab(1, PORTAL, 0)]).get(1)?.[0]?.setBy.kind).toBe('unknown');
  });
  it('says so in every report form, and an HttpOnly cookie no write explains came from a header', () => {
    expect(setByWords({ kind: 'header', url: PORTAL, type: 'main_frame', at: '', inferred: { of: 3 } }, EN)).toMatch(/inferred: one of 3 responses/);
    expect(setByWords({ kind: 'unknown', url: null, at: '' }, EN, true)).toMatch(/HttpOnly cookie can only come from one/);
    const events = assignEvents([change(105, cookie('sessionid', { domain: 'data.portal.fr' }), { responses: [seen(100, PORTAL)], responsesMatched: 1 })], [], [], [tab(1, PORTAL, 0)]).get(1) ?? [];
    const r = buildReport({ url: PORTAL, site: 'portal.fr', startedAt: 0, generatedAt: 1, events, declaredList: OPENDATASOFT_LIST, showValues: false, environment: { browser: 'x', extensionVersion: '0', thirdPartyCookies: 'allowed', evidence: 'passive' } });
    expect(r.cookies[0]?.setBy.inferred).toEqual({ of: 1 });
    expect(formatText(r)).toMatch(/inferred: the only response that could have set it/);
  });
});
