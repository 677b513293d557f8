import { assignEvents, MATCH_WINDOW_MS } from '../../../../src/core/evidence/attribute';
import { change, cookie, header, script, tab } from '../../helpers';

const PORTAL = 'https://data.portal.fr/';
const OTHER = 'https://www.other-portal.org/';

describe('assignEvents', () => {
  it('attributes a header cookie to the tab and request that set it', () => {
    const t = tab(1, PORTAL, 0);
    const h = header(100, 1, PORTAL, ['sessionid']);
    const out = assignEvents([change(105, cookie('sessionid', { domain: 'data.portal.fr' }))], [h], [], [t]);
    expect(out.get(1)).toHaveLength(1);
    expect(out.get(1)?.[0]?.setBy).toMatchObject({ kind: 'header', url: PORTAL, type: 'main_frame' });
  });

  it('matches in either order: the change may arrive before its header', () => {
    const out = assignEvents([change(99, cookie('a', { domain: 'data.portal.fr' }))], [header(100, 1, PORTAL, ['a'])], [], [tab(1, PORTAL, 0)]);
    expect(out.get(1)?.[0]?.setBy.kind).toBe('header');
  });

  it('attributes a third-party cookie by its request, even though its site is not the tab site', () => {
    const img = header(100, 1, 'http://tracker.example/pixel.gif', ['uid'], { type: 'image' });
    const out = assignEvents([change(101, cookie('uid', { domain: 'tracker.example' }))], [img], [], [tab(1, PORTAL, 0)]);
    expect(out.get(1)?.[0]?.setBy).toMatchObject({ kind: 'header', type: 'image' });
  });

  it('attributes a script cookie to the script and the frame that wrote it', () => {
    const s = script(100, 1, PORTAL, ['_pk_id.1.a'], 'https://data.portal.fr/js/matomo.js');
    const out = assignEvents([change(102, cookie('_pk_id.1.a', { domain: 'data.portal.fr' }))], [], [s], [tab(1, PORTAL, 0)]);
    expect(out.get(1)?.[0]?.setBy).toMatchObject({ kind: 'script', url: 'https://data.portal.fr/js/matomo.js', frameUrl: PORTAL });
  });

  it('keeps two tabs on two portals apart, even for the same cookie name', () => {
    const tabs = [tab(1, PORTAL, 0), tab(2, OTHER, 0)];
    const out = assignEvents(
      [change(101, cookie('sessionid', { domain: 'data.portal.fr' })), change(102, cookie('sessionid', { domain: 'www.other-portal.org' }))],
      [header(100, 1, PORTAL, ['sessionid']), header(100, 2, OTHER, ['sessionid'])],
      [],
      tabs,
    );
    expect(out.get(1)?.map((e) => e.cookie.domain)).toEqual(['data.portal.fr']);
    expect(out.get(2)?.map((e) => e.cookie.domain)).toEqual(['www.other-portal.org']);
  });

  it('does not match a write from a host that may not set that cookie domain', () => {
    const out = assignEvents([change(101, cookie('a', { domain: 'data.portal.fr' }))], [header(100, 2, OTHER, ['a'])], [], [tab(1, PORTAL, 0), tab(2, OTHER, 0)]);
    // Falls back to the tab auditing the cookie's site, with an unknown origin.
    expect(out.get(1)?.[0]?.setBy.kind).toBe('unknown');
    expect(out.get(2)).toEqual([]);
  });

  it('does not match a write received too far apart in time', () => {
    const out = assignEvents([change(100 + MATCH_WINDOW_MS + 1, cookie('a', { domain: 'data.portal.fr' }))], [header(100, 1, PORTAL, ['a'])], [], [tab(1, PORTAL, 0)]);
    expect(out.get(1)?.[0]?.setBy.kind).toBe('unknown');
  });

  it('folds an overwrite (removal with cause "overwrite" then a set) into one overwrite event', () => {
    const c1 = cookie('a', { domain: 'data.portal.fr', value: '1' });
    const c2 = cookie('a', { domain: 'data.portal.fr', value: '2' });
    const out = assignEvents(
      [change(101, c1), change(201, c1, { removed: true, cause: 'overwrite' }), change(201, c2)],
      [header(100, 1, PORTAL, ['a']), header(200, 1, PORTAL, ['a'])],
      [],
      [tab(1, PORTAL, 0)],
    );
    expect(out.get(1)?.map((e) => e.kind)).toEqual(['set', 'overwrite']);
  });

  it('keeps a deletion, an expiry and an eviction in the audit that owns the cookie', () => {
    const c = cookie('x', { domain: 'tracker.example' });
    const out = assignEvents(
      [change(101, c), change(300, c, { removed: true, cause: 'expired_overwrite' }), change(400, c), change(500, c, { removed: true, cause: 'evicted' })],
      [header(100, 1, 'http://tracker.example/a', ['x']), header(399, 1, 'http://tracker.example/a', ['x'])],
      [script(299, 1, 'http://tracker.example/frame', ['x'], undefined, true)],
      [tab(1, PORTAL, 0), tab(2, OTHER, 0)],
    );
    expect(out.get(1)?.map((e) => e.kind)).toEqual(['set', 'delete', 'set', 'evict']);
    expect(out.get(1)?.[1]?.setBy.kind).toBe('script');
    expect(out.get(2)).toEqual([]);
  });

  it('excludes what happened before the tab audit started (a navigation to another site)', () => {
    const out = assignEvents([change(50, cookie('old', { domain: 'data.portal.fr' }))], [header(49, 1, PORTAL, ['old'])], [], [tab(1, PORTAL, 60)]);
    expect(out.get(1)).toEqual([]);
  });

  it("does not hand a closed tab's cookies to another tab of the same site", () => {
    // Tab 2 (closed, so no longer audited) wrote the cookie; tab 1 is on the same site.
    const out = assignEvents(
      [change(101, cookie('from_closed_tab', { domain: 'data.portal.fr' })), change(201, cookie('from_closed_tab', { domain: 'data.portal.fr' }), { removed: true })],
      [],
      [script(100, 2, PORTAL, ['from_closed_tab']), script(200, 2, PORTAL, ['from_closed_tab'], undefined, true)],
      [tab(1, PORTAL, 0)],
    );
    expect(out.get(1)).toEqual([]);
  });

  it('does not hand a write made before the tab navigated to another tab either', () => {
    const out = assignEvents([change(50, cookie('old', { domain: 'data.portal.fr' }))], [header(49, 1, PORTAL, ['old'])], [], [tab(1, OTHER, 60), tab(2, PORTAL, 0)]);
    expect(out.get(2)).toEqual([]);
  });

  it('never mixes cookie stores (incognito, containers)', () => {
    const t = { ...tab(1, PORTAL, 0), storeId: '1' };
    const out = assignEvents([change(100, cookie('a', { domain: 'data.portal.fr', storeId: '0' }))], [], [], [t]);
    expect(out.get(1)).toEqual([]);
  });

  it('uses each write once: two changes of the same name need two writes', () => {
    const out = assignEvents(
      [change(101, cookie('a', { domain: 'data.portal.fr', path: '/' })), change(102, cookie('a', { domain: 'data.portal.fr', path: '/x' }))],
      [header(100, 1, PORTAL, ['a'])],
      [],
      [tab(1, PORTAL, 0)],
    );
    expect(out.get(1)?.map((e) => e.setBy.kind).sort()).toEqual(['header', 'unknown']);
  });

  it('handles thousands of changes quickly', () => {
    const changes = [];
    const headers = [];
    for (let i = 0; i < 5000; i++) {
      changes.push(change(1000 + i, cookie(`c${i}`, { domain: `h${i % 40}.example` })));
      headers.push(header(1000 + i, 1, `http://h${i % 40}.example/p`, [`c${i}`], { type: 'image' }));
    }
    const t0 = Date.now();
    const out = assignEvents(changes, headers, [], [tab(1, PORTAL, 0)]);
    expect(out.get(1)).toHaveLength(5000);
    expect(out.get(1)?.every((e) => e.setBy.kind === 'header')).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
