import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { formatText, safeText } from '../../../../src/core/report/format-text';
import { buildReport, verdictCode, type ReportInput } from '../../../../src/core/report/report';
import { withConsentPhases } from '../../../../src/core/report/phases';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

const base = (events: AuditEvent[], showValues = false): ReportInput => ({
  url: 'https://data.portal.fr/explore/', site: 'portal.fr', startedAt: 0, generatedAt: 1000, events,
  declaredList: OPENDATASOFT_LIST, showValues,
  environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
});
const events: AuditEvent[] = [
  { kind: 'set', at: 10, cookie: cookie('sessionid', { domain: 'data.portal.fr', value: 'SECRET', httpOnly: true, session: false, expirationDate: 2_000_000_000 }), setBy: { kind: 'header', url: 'https://data.portal.fr/', type: 'main_frame', at: 10 } },
  { kind: 'set', at: 20, cookie: cookie('_ga', { domain: '.tracker.example', sameSite: 'no_restriction', secure: true }), setBy: { kind: 'script', url: 'https://tracker.example/ga.js', frameUrl: 'https://data.portal.fr/', at: 20 } },
];

describe('buildReport', () => {
  it('holds the fields the CLI documents, with values redacted by default', () => {
    const r = buildReport(base(events));
    expect(r.summary).toEqual({ findings: { high: 2, medium: 3, low: 0 }, declaredPresent: 1, undeclared: 1, missing: 3, total: 2, firstParty: 1, thirdParty: 1, removed: 0, refused: 0 });
    expect(r.findings.map((f) => f.id)).toEqual([
      'set-before-consent:_ga@.tracker.example/', 'undeclared:_ga@.tracker.example/',
      'lifetime-over-13-months:sessionid@data.portal.fr/', 'session-cookie-not-secure:sessionid@data.portal.fr/', 'third-party:_ga@.tracker.example/',
    ]);
    expect(r.cookies[1]).toMatchObject({ category: 'analytics', vendor: 'Google Analytics', beforeConsent: true, events: [{ kind: 'set', setBy: { kind: 'script', url: 'https://tracker.example/ga.js' } }] });
    expect(r.consent).toEqual({ choice: 'none', at: null, by: null, source: null, history: [], record: null, reloadedAt: null });
    const s = r.cookies[0];
    expect(s).toMatchObject({ name: 'sessionid', party: 'first', status: 'declared', httpOnly: true, sameSite: 'Lax', value: null, valueRedacted: true,
      expires: new Date(2_000_000_000_000).toISOString(), setBy: { kind: 'header', url: 'https://data.portal.fr/', type: 'main_frame' } });
    expect(s?.declared?.purpose).toMatch(/remember the user/);
    expect(r.cookies[1]).toMatchObject({ name: '_ga', party: 'third', status: 'undeclared', sameSite: 'None', expires: null, setBy: { kind: 'script', url: 'https://tracker.example/ga.js' } });
    expect(JSON.stringify(r)).not.toContain('SECRET');
    expect(verdictCode(r)).toBe(1);
  });
  it('shows values only when asked', () => {
    expect(buildReport(base(events, true)).cookies[0]?.value).toBe('SECRET');
  });
  it('exits 0 when everything seen is declared', () => {
    expect(verdictCode(buildReport(base(events.slice(0, 1))))).toBe(0);
  });
  it('validates against the published JSON Schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)) } }).compile(schema);
    const phased = withConsentPhases(buildReport({ ...base(events), consentMarks: [{ at: 15, choice: 'accepted', by: 'selector', detail: 'the command line clicked "#ok"' }] }), 15, 'clicking "#ok"');
    for (const r of [buildReport(base(events)), buildReport(base([], true)), phased]) {
      expect(validate(r) ? [] : validate.errors).toEqual([]);
    }
  });
});

describe('consent phases (--consent SELECTOR)', () => {
  const r = withConsentPhases(buildReport({ ...base(events), consentMarks: [{ at: 15, choice: 'accepted', by: 'selector', detail: 'the command line clicked "#ok"' }] }), 15, 'clicking "#ok"');
  it('puts each cookie in the phase it first appeared in', () => {
    expect(r.phases).toEqual([
      { name: 'before-consent', action: null, startedAt: '1970-01-01T00:00:00.000Z', cookies: ['sessionid@data.portal.fr/'] },
      { name: 'after-consent', action: 'clicking "#ok"', startedAt: '1970-01-01T00:00:00.015Z', cookies: ['_ga@.tracker.example/'] },
    ]);
    expect(r.consent).toMatchObject({ choice: 'accepted', at: '1970-01-01T00:00:00.015Z', by: 'selector', source: 'the command line clicked "#ok"', record: null });
    expect(r.cookies.map((c) => c.beforeConsent)).toEqual([true, false]);
  });
  it('the text report lists both phases', () => {
    const t = formatText(r);
    expect(t).toMatch(/Before consent: 1 cookie first seen: sessionid\n\s+After clicking "#ok": 1 cookie first seen: _ga/);
  });
});

describe('formatText', () => {
  it('leads with the verdict and lists the three groups', () => {
    const t = formatText(buildReport(base(events)));
    expect(t).toMatch(/1 declared and present, 1 undeclared, 3 declared but not seen/);
    expect(t.indexOf('UNDECLARED (1)')).toBeLessThan(t.indexOf('DECLARED AND PRESENT (1)'));
    expect(t).toMatch(/DECLARED BUT NOT SEEN \(3\)[\s\S]*cookies_preferences/);
    expect(t).not.toContain('SECRET');
  });
  it('cannot be driven by terminal escapes hidden in cookie names', () => {
    expect(safeText('a\u001b[2Jb\u202e')).toBe('a\\u001b[2Jb\\u202e');
    const hostile: AuditEvent = { kind: 'set', at: 1, cookie: cookie('x\u001b]0;pwned\u0007'), setBy: { kind: 'unknown', at: 1 } };
    expect(formatText(buildReport(base([hostile])))).not.toMatch(/\u001b/);
  });
});
