import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { listFromPolicy } from '../../../../src/core/declared/declared';
import { parsePolicyHtml } from '../../../../src/core/declared/policy';
import { buildReport } from '../../../../src/core/report/report';
import { formatText } from '../../../../src/core/report/format-text';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

// The lifetime kinds a policy states (never, persistent, past, stated) reach the report: the JSON
// keeps each declared entry's lifetime and where it was read from, as the published schema says,
// and a cookie declared as deleted at once but kept is a finding.

const POLICY = '<table><tr><th>Název</th><th>Platnost</th></tr>'
  + '<tr><td>sessionid</td><td>Expires in the past</td></tr><tr><td>_ga</td><td>Never expires</td></tr>'
  + '<tr><td>prefs</td><td>Persistent</td></tr><tr><td>_gid</td><td>a few seconds</td></tr><tr><td>lang</td><td>1 rok 1 měsíc 4 dny</td></tr></table>';

const events: AuditEvent[] = [
  { kind: 'set', at: 10, cookie: cookie('sessionid', { domain: 'portal.example.org', session: false, expirationDate: 2_000_000_000 }), setBy: { kind: 'header', url: 'https://portal.example.org/', type: 'main_frame', at: 10 } },
  { kind: 'set', at: 20, cookie: cookie('_ga', { domain: 'portal.example.org' }), setBy: { kind: 'unknown', at: 20 } },
];

describe('declared lifetimes in reports', () => {
  const parsed = parsePolicyHtml(POLICY);
  const report = buildReport({
    url: 'https://portal.example.org/', site: 'portal.example.org', startedAt: 0, generatedAt: 1000, events, showValues: false,
    declaredList: listFromPolicy('portal.example.org', { url: 'https://portal.example.org/cookies', readAt: '2026-12-03T18:00:00Z', ...parsed }),
    environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
  });
  it('reads each kind, and the compound Czech duration', () => {
    expect(parsed.cookies.map((c) => [c.name, c.lifetime?.kind === 'fixed' ? c.lifetime.seconds : c.lifetime?.kind])).toEqual([
      ['sessionid', 'past'], ['_ga', 'never'], ['prefs', 'persistent'], ['_gid', 'stated'], ['lang', 31_536_000 + 2_628_000 + 345_600],
    ]);
  });
  it('keeps lifetimes and sources in the JSON, valid against docs/report.schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)) } }).compile(schema);
    const json = JSON.parse(JSON.stringify(report));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json.declaredList.cookies[0]).toMatchObject({ name: 'sessionid', lifetime: { kind: 'past' }, from: { kind: 'table', table: 1, row: 2, cell: 1 } });
  });
  it('finds a cookie declared as deleted at once that the site keeps', () => {
    expect(report.findings.filter((f) => f.rule === 'lifetime-exceeds-declared').flatMap((f) => f.cookies)).toEqual([expect.stringMatching(/^sessionid@/)]);
    expect(formatText(report)).toMatch(/sessionid is declared as deleted at once \(its expiry is in the past\) but lives/);
  });
});
