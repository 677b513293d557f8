/**
 * @jest-environment jsdom
 */
import { OPENDATASOFT_LIST } from '../../../src/core/declared/declared';
import { buildReport } from '../../../src/core/report/report';
import { EN } from '../../../src/core/text/i18n';
import { describeExpiry, renderReport } from '../../../src/popup/view';
import { checkViewQuery, sliceForView, type ViewQuery } from '../../../src/core/report/view-slice';
import { cookie } from '../helpers';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function render(showValues: boolean) {
  const report = buildReport({
    url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1, showValues,
    declaredList: OPENDATASOFT_LIST, environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'blocked' },
    events: [
      { kind: 'set', at: 1, cookie: cookie(HOSTILE, { domain: 'data.portal.fr', value: '<script>window.__pwned=2</script>' }), setBy: { kind: 'header', url: 'https://data.portal.fr/', type: 'main_frame', at: 1 } },
      { kind: 'set', at: 2, cookie: cookie('__proto__', { domain: 'data.portal.fr' }), setBy: { kind: 'unknown', at: 2 } },
      { kind: 'set', at: 3, cookie: cookie('sessionid', { domain: 'data.portal.fr', value: 'SECRET' }), setBy: { kind: 'unknown', at: 3 } },
    ],
  });
  document.body.replaceChildren(renderReport(sliceForView(report, {}), { t: EN, showValues, onToggleValues: () => undefined, now: 0 }));
}

describe('popup view', () => {
  it('shows the three groups with counts and the verdict', () => {
    render(false);
    const heading = (g: string) => document.querySelector(`section[data-group="${g}"] h2`)?.textContent;
    expect(heading('undeclared')).toBe('Undeclared (2)');
    expect(heading('declared')).toBe('Declared and present (1)');
    expect(heading('missing')).toBe('Declared but not seen (3)');
    expect(document.querySelector('[data-count="undeclared"]')?.textContent).toMatch(/2 undeclared/);
  });
  it('renders hostile names and values as text, never as markup', () => {
    render(true);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(document.body.textContent).toContain(HOSTILE);
    expect(document.body.textContent).toContain('<script>window.__pwned=2</script>');
    expect(document.querySelector('[data-cookie-name="__proto__"]')).not.toBeNull();
  });
  it('hides values unless asked', () => {
    render(false);
    expect(document.body.textContent).not.toContain('SECRET');
    render(true);
    expect(document.body.textContent).toContain('SECRET');
  });
  it('warns when the browser blocks third-party cookies', () => {
    render(false);
    expect(document.querySelector('.notice')?.textContent).toMatch(/blocks third-party cookies/);
  });
  it('describes session and dated expiries', () => {
    expect(describeExpiry(null, 0, EN)).toMatch(/^session/);
    expect(describeExpiry('1970-01-15T00:00:00.000Z', 0, EN)).toMatch(/in 14 days/);
  });
});

describe('popup timeline and finding links', () => {
  function renderDeleted() {
    const c = cookie('_pk_id.1.ab', { domain: 'data.portal.fr' });
    const report = buildReport({
      url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 1_000, generatedAt: 9_000, showValues: false,
      declaredList: OPENDATASOFT_LIST, environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'allowed' },
      events: [
        { kind: 'set', at: 1_500, cookie: c, setBy: { kind: 'script', url: 'https://data.portal.fr/matomo.js', frameUrl: 'https://data.portal.fr/', at: 1_500 } },
        { kind: 'delete', at: 4_000, cookie: c, setBy: { kind: 'script', url: 'https://data.portal.fr/matomo.js', frameUrl: 'https://data.portal.fr/', at: 4_000 } },
      ],
    });
    document.body.replaceChildren(renderReport(sliceForView(report, {}), { t: EN, showValues: false, onToggleValues: () => undefined, now: 0 }));
  }
  it('each cookie row opens to its timeline, set then deleted, with who did it', () => {
    renderDeleted();
    const details = document.querySelector('li[data-cookie-name="_pk_id.1.ab"] details.timeline') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Timeline (2 changes)');
    // Built when first opened, as the user opens it.
    expect(details.querySelector('ol')).toBeNull();
    (details.querySelector('summary') as HTMLElement).click();
    const items = [...details.querySelectorAll('ol > li')].map((li) => li.textContent);
    expect(items).toEqual([
      '00:00:01.500 UTC (+0.50 s) set by script https://data.portal.fr/matomo.js',
      '00:00:04.000 UTC (+3.00 s) deleted by script https://data.portal.fr/matomo.js',
    ]);
  });
  it('a finding links to its cookie and opens that cookie\'s timeline', () => {
    renderDeleted();
    const link = document.querySelector('li.finding[data-rule="undeclared"] a.to-cookie') as HTMLAnchorElement;
    expect(link.textContent).toBe('Show _pk_id.1.ab');
    const target = document.getElementById(link.getAttribute('href')?.slice(1) ?? '');
    expect(target?.dataset.cookieName).toBe('_pk_id.1.ab');
    Element.prototype.scrollIntoView = () => undefined;
    link.click();
    expect((target?.querySelector('details') as HTMLDetailsElement).open).toBe(true);
    expect(document.activeElement?.tagName).toBe('SUMMARY');
  });
});

describe('a tab with thousands of cookies', () => {
  it('builds the first rows of a group at once and the rest on request', () => {
    const events = Array.from({ length: 450 }, (_, i) => ({ kind: 'set' as const, at: i, cookie: cookie(`c${i}`, { domain: 'data.portal.fr' }), setBy: { kind: 'unknown' as const, at: i } }));
    const report = buildReport({
      url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1, showValues: false, events,
      declaredList: OPENDATASOFT_LIST, environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'allowed' },
    });
    const asked: Array<[string, number]> = [];
    const render = (limits: ViewQuery['limits']) =>
      document.body.replaceChildren(renderReport(sliceForView(report, { limits }), { t: EN, showValues: false, onToggleValues: () => undefined, now: 0, onShowMore: (g, n) => asked.push([g, n]) }));
    render({});
    expect(document.querySelectorAll('section[data-group="undeclared"] li.cookie')).toHaveLength(50);
    expect(document.querySelector('section[data-group="undeclared"] h2')?.textContent).toBe('Undeclared (450)');
    expect(document.querySelector('[data-more="undeclared"]')?.textContent).toBe('Show 200 more (400 not shown)');
    (document.querySelector('[data-all="undeclared"]') as HTMLButtonElement).click();
    expect(asked).toEqual([['undeclared', 400]]);
    render({ undeclared: 450 });
    expect(document.querySelectorAll('section[data-group="undeclared"] li.cookie')).toHaveLength(450);
    expect(document.querySelector('[data-more="undeclared"]')).toBeNull();
  });

  it("asks to show a finding's cookie whose row is not built", () => {
    const events = Array.from({ length: 450 }, (_, i) => ({ kind: 'set' as const, at: i, cookie: cookie(`c${i}`, { domain: 'data.portal.fr' }), setBy: { kind: 'unknown' as const, at: i } }));
    const report = buildReport({
      url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1, showValues: false, events,
      declaredList: OPENDATASOFT_LIST, environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'allowed' },
    });
    const shown: string[] = [];
    document.body.replaceChildren(renderReport(sliceForView(report, { limits: { findings: 450 } }), { t: EN, showValues: false, onToggleValues: () => undefined, now: 0, onShowCookie: (r) => shown.push(r) }));
    const link = (name: string) => [...document.querySelectorAll<HTMLAnchorElement>('li.finding a.to-cookie')].find((a) => a.textContent?.includes(`${name}@`) || a.textContent?.endsWith(` ${name}`));
    link('c3')?.click();
    expect(shown).toEqual([]);
    expect(document.querySelector('li[data-cookie-name="c3"] details')?.hasAttribute('open')).toBe(true);
    link('c400')?.click();
    expect(shown).toEqual(['c400@data.portal.fr/']);
  });
});

describe('the view the background cuts for the popup', () => {
  const events = Array.from({ length: 450 }, (_, i) => ({
    kind: 'set' as const, at: i, cookie: cookie(i % 3 === 0 ? `sessionid_${i}` : `zz_${i}`, { domain: i % 2 ? 'data.portal.fr' : 'ads.example' }), setBy: { kind: 'unknown' as const, at: i },
  }));
  const report = buildReport({
    url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1, showValues: false, events,
    declaredList: OPENDATASOFT_LIST, environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'allowed' },
  });

  it('sends only the rows on screen, with the counts of the rest', () => {
    const v = sliceForView(report, {});
    expect(v.report.cookies).toHaveLength(50);
    expect(v.counts.undeclared).toEqual({ matching: 450, total: 450 });
    expect(v.report.findings).toHaveLength(50);
    expect(v.counts.findings?.total).toBe(report.findings.length);
    expect(JSON.stringify(v).length).toBeLessThan(JSON.stringify(report).length / 2);
  });

  it('filters by name and sorts before it cuts, and a folded group sends no rows', () => {
    const v = sliceForView(report, { filter: 'SESSIONID_', sort: 'name', limits: { all: 5 } });
    expect(v.counts.all).toEqual({ matching: 150, total: 450 });
    expect(v.report.cookies.map((c) => c.name)).toEqual(['sessionid_0', 'sessionid_102', 'sessionid_105', 'sessionid_108', 'sessionid_111']);
    expect(sliceForView(report, { collapsed: ['undeclared'] }).report.cookies).toHaveLength(0);
  });

  it('refuses a query it cannot read', () => {
    expect(checkViewQuery({ sort: 'name', limits: { all: 10 }, filter: 'x', collapsed: ['missing'] })).toEqual({ sort: 'name', limits: { all: 10 }, filter: 'x', collapsed: ['missing'] });
    expect(() => checkViewQuery({ sort: 'price' })).toThrow(/"sort" must be one of group, party, expiry, name/);
    expect(() => checkViewQuery(JSON.parse('{"limits":{"__proto__":5}}'))).toThrow(/limit of "__proto__"/);
    expect(() => checkViewQuery({ limits: { all: -1 } })).toThrow(/limit of "all"/);
    expect(() => checkViewQuery({ collapsed: [1] })).toThrow(/"collapsed"/);
  });
});

describe('popup: how each cookie is known', () => {
  it("shows how (name, pattern, setter) and links the vendor's documentation; an unknown cookie has no such row", () => {
    const hotjar = 'https://static.hotjar.com/c/hotjar-1.js';
    const report = buildReport({
      url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1, showValues: false,
      declaredList: { ...OPENDATASOFT_LIST, cookies: [] }, environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'allowed' },
      events: [
        { kind: 'set', at: 1, cookie: cookie('_hjSession_1234', { domain: 'data.portal.fr' }), setBy: { kind: 'script', url: hotjar, frameUrl: 'https://data.portal.fr/', at: 1 } },
        { kind: 'set', at: 2, cookie: cookie('hj_other', { domain: 'data.portal.fr' }), setBy: { kind: 'script', url: hotjar, frameUrl: 'https://data.portal.fr/', at: 2 } },
        { kind: 'set', at: 3, cookie: cookie('portal_own', { domain: 'data.portal.fr' }), setBy: { kind: 'unknown', at: 3 } },
      ],
    });
    document.body.replaceChildren(renderReport(sliceForView(report, {}), { t: EN, showValues: false, onToggleValues: () => undefined, now: 0 }));
    const row = (name: string) => document.querySelector(`li[data-cookie-name="${name}"]`);
    expect(row('_hjSession_1234')?.querySelector('[data-how]')?.getAttribute('data-how')).toBe('family');
    expect(row('_hjSession_1234')?.querySelector('a')?.getAttribute('href')).toMatch(/^https:\/\/help\.hotjar\.com\//);
    expect(row('hj_other')?.textContent).toContain('by the script that set it: static.hotjar.com is Hotjar');
    expect(row('portal_own')?.querySelector('[data-how]')).toBeNull();
  });
});
