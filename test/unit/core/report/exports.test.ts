import { diffReports, formatDiff, parseReport, ReportFileError } from '../../../../src/core/report/diff';
import { exportFileName, serialise } from '../../../../src/core/report/export';
import { parseCsv } from '../../../../src/core/text/csv';
import { catalogueTranslator } from '../../../../src/core/text/i18n';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { esc } from '../../../../src/core/report/format-html';
import { mdText } from '../../../../src/core/report/format-md';
import { buildReport, type Report } from '../../../../src/core/report/report';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';
function report(names: string[], site = 'portal.fr'): Report {
  const events: AuditEvent[] = names.map((name, i) => ({
    kind: 'set', at: 10 + i, cookie: cookie(name, { domain: `data.${site}`, value: `=cmd|' /C calc'!A0,"${name}"` }),
    setBy: { kind: 'header', url: `https://data.${site}/`, type: 'main_frame', at: 10 + i },
  }));
  return buildReport({
    url: `https://data.${site}/`, site, startedAt: 0, generatedAt: Date.UTC(2026, 10, 24, 12), events, declaredList: OPENDATASOFT_LIST, showValues: true,
    environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
  });
}

describe('export file names', () => {
  it('hold the site and the date, and nothing a file system would refuse', () => {
    const r = report(['a']);
    expect(exportFileName(r, 'csv')).toBe('cookie-audit_portal.fr_2026-11-24.csv');
    expect(exportFileName({ ...r, site: '../../etc/pa ss:wd' }, 'html')).toBe('cookie-audit_etc_pa_ss_wd_2026-11-24.html');
    expect(exportFileName(r, 'text')).toMatch(/\.txt$/);
  });
});

describe('CSV export', () => {
  it('reads back one row per cookie, values intact but never a formula', () => {
    const rows = parseCsv(serialise(report(['sessionid', '_ga', '+evil', HOSTILE]), 'csv'));
    expect(rows).toHaveLength(5);
    const value = rows[0]?.indexOf('value') ?? -1;
    expect(rows[2]?.[0]).toBe('_ga');
    expect(rows[2]?.[value]).toBe(`'=cmd|' /C calc'!A0,"_ga"`);
    expect(rows[3]?.[0]).toBe("'+evil");
    expect(rows[4]?.[0]).toBe(HOSTILE);
    expect(rows[1]?.[rows[0]?.indexOf('findings') ?? -1]).toMatch(/session-cookie-not-secure\(medium\)/);
  });
});

describe('HTML export', () => {
  it('escapes every untrusted string and loads nothing', () => {
    const html = serialise(report([HOSTILE, `"><script>alert(1)</script>`]), 'html');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain(esc(HOSTILE));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('Markdown export', () => {
  it('escapes what would make links, HTML or new table cells', () => {
    expect(mdText('[x](http://e) | <b>\nnext')).toBe('\\[x\\]\\(http://e\\) \\| \\<b\\> next');
    const md = serialise(report(['a|b']), 'md');
    expect(md).toContain('| a\\|b |');
  });
});

describe('--diff', () => {
  it('says which cookies and findings appeared and disappeared', () => {
    const d = diffReports(report(['sessionid', '_ga']), report(['sessionid', '_pk_id.1.x']));
    expect(d.cookies).toEqual({ appeared: ['_pk_id.1.x@data.portal.fr/'], disappeared: ['_ga@data.portal.fr/'] });
    expect(d.findings.appeared.map((f) => f.id)).toContain('undeclared:_pk_id.1.x@data.portal.fr/');
    expect(d.findings.disappeared.map((f) => f.id)).toContain('undeclared:_ga@data.portal.fr/');
    expect(formatDiff(d)).toMatch(/Cookies that appeared \(1\)\n {2}\+ _pk_id\.1\.x@data\.portal\.fr\//);
  });
  it('refuses a file that is not a report, saying which', () => {
    expect(() => parseReport('{', 'a.json')).toThrow(ReportFileError);
    expect(() => parseReport('{"schema":"other"}', 'b.json')).toThrow(/b\.json is not a cookie-auditor report/);
    expect(parseReport(JSON.stringify(report(['a'])), 'c.json').cookies).toHaveLength(1);
  });
});

describe('how each declared cookie was matched, in every form', () => {
  const list = { name: 'Policy', source: 'test', cookies: ['sessionid', '_pk_id', '_ga_xxx'].map((name) => ({ name, provider: 'P', function: 'f', purpose: 'p' })) };
  const events: AuditEvent[] = ['sessionid', '_pk_id.1.a1b2', '_ga_H8W2K9'].map((name, i) => ({
    kind: 'set', at: 10 + i, cookie: cookie(name, { domain: 'data.portal.fr' }), setBy: { kind: 'header', url: 'https://data.portal.fr/', type: 'main_frame', at: 10 + i },
  }));
  const make = (t = catalogueTranslator('en')): Report => buildReport({
    url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 1, events, declaredList: list, showValues: false, t,
    environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
  });
  const rule = 'Matomo writes _pk_id as _pk_id.<site id>.<hash>';

  it('the report says exact, pattern or family, with the rule an auditor can quote and its source', () => {
    const r = make();
    expect(r.summary.undeclared).toBe(0);
    const m = Object.fromEntries(r.cookies.map((c) => [c.name, c.match]));
    expect(m.sessionid).toEqual({ kind: 'exact', declaredAs: 'sessionid' });
    expect(m['_ga_H8W2K9']).toEqual({ kind: 'pattern', declaredAs: '_ga_xxx' });
    expect(m['_pk_id.1.a1b2']).toMatchObject({ kind: 'family', declaredAs: '_pk_id', rule: `family: ${rule}`, source: expect.stringContaining('matomo.org') });
  });
  it('text, CSV, HTML and Markdown show it', () => {
    const r = make();
    expect(serialise(r, 'text')).toContain(`matched: family: ${rule}`);
    expect(serialise(r, 'text')).toContain('matched: by the declared pattern _ga_xxx');
    const rows = parseCsv(serialise(r, 'csv'));
    const col = (k: string): number => rows[0]?.indexOf(k) ?? -1;
    const row = rows.find((x) => x[0] === '_pk_id.1.a1b2') ?? [];
    expect([row[col('match')], row[col('declared_as')], row[col('match_rule')]]).toEqual(['family', '_pk_id', `family: ${rule}`]);
    expect(serialise(r, 'html')).toContain(esc(rule));
    expect(serialise(r, 'md')).toContain('\\_ga\\_H8W2K9 (by the declared pattern \\_ga\\_xxx)');
  });
  it('in French too', () => {
    const r = make(catalogueTranslator('fr'));
    expect(r.cookies.find((c) => c.name === '_pk_id.1.a1b2')?.match?.rule).toBe('famille : Matomo écrit _pk_id sous la forme _pk_id.<site id>.<hash>');
  });
});

describe('refused writes in the CSV', () => {
  it('are rows with the status "refused" and their reason, never counted among cookies', () => {
    const r = report(['sessionid']);
    const withRefusal: Report = { ...r, refused: [{ name: 'big', domain: 'data.portal.fr', path: null, at: '2026-11-24T12:00:00.000Z', setBy: { kind: 'header', url: 'https://data.portal.fr/', type: 'main_frame', at: '2026-11-24T12:00:00.000Z' }, reason: 'too-large', explanation: 'big was refused: its name and value exceed 4,096 bytes.' }] };
    const rows = parseCsv(serialise(withRefusal, 'csv'));
    const col = (k: string): number => rows[0]?.indexOf(k) ?? -1;
    const last = rows.at(-1) ?? [];
    expect([last[0], last[col('status')], last[col('findings')], last[col('value')]]).toEqual(['big', 'refused', 'too-large: big was refused: its name and value exceed 4,096 bytes.', '']);
    expect(rows[0]?.at(-1)).toBe('value');
    expect(withRefusal.summary.total).toBe(1);
  });
});
