/**
 * @jest-environment jsdom
 */
import { OPENDATASOFT_LIST } from '../../src/core/declared';
import { buildReport } from '../../src/core/report';
import { describeExpiry, renderReport } from '../../src/popup/view';
import { cookie } from './helpers';

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
  document.body.replaceChildren(renderReport(report, { showValues, onToggleValues: () => undefined, now: 0 }));
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
    expect(describeExpiry(null, 0)).toMatch(/^session/);
    expect(describeExpiry('1970-01-15T00:00:00.000Z', 0)).toMatch(/in 14 days/);
  });
});
