import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import type { DeclaredList } from '../../../../src/core/declared/declared';
import { buildReport, type ReportInput } from '../../../../src/core/report/report';
import { formatText } from '../../../../src/core/report/format-text';
import { formatMarkdown } from '../../../../src/core/report/format-md';
import { formatHtml } from '../../../../src/core/report/format-html';
import { formatCsv } from '../../../../src/core/report/format-csv';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

// The three sides of a site's declarations: what its policy page says, what its consent manager's own
// declaration says, and what the site set; and the finding when the two declarations disagree.

const policy: DeclaredList = {
  name: 'Cookie policy of shop.example',
  source: 'https://shop.example/cookies (read 2026-12-03)',
  foundBy: "Cookiebot's declaration on the page, read by its own rule",
  cookies: [
    { name: 'CookieConsent', provider: 'Cookiebot', function: '', purpose: 'consent', category: 'necessary' },
    { name: '_ga', provider: 'Google', function: '', purpose: 'statistics', category: 'analytics' },
    { name: 'PHPSESSID', provider: 'shop', function: '', purpose: 'session', category: 'necessary' },
  ],
  consentManager: {
    name: "Cookiebot's declaration",
    source: 'https://consent.cookiebot.com/abc/cc.js (read 2026-12-03)',
    declaredBy: 'consent-manager',
    cookies: [
      { name: 'CookieConsent', provider: 'Cookiebot', function: '', purpose: '', category: 'necessary', from: { kind: 'json', cmp: 'cookiebot', path: 'cookieTableNecessary[0]' } },
      { name: '_ga', provider: 'Google', function: '', purpose: '', category: 'advertising', from: { kind: 'json', cmp: 'cookiebot', path: 'cookieTableAdvertising[0]' } },
      { name: '_ga_#', provider: 'Google', function: '', purpose: '', category: 'analytics', from: { kind: 'json', cmp: 'cookiebot', path: 'cookieTableStatistics[1]' } },
    ],
  },
};
const set = (name: string, at: number): AuditEvent => ({ kind: 'set', at, cookie: cookie(name, { domain: 'shop.example' }), setBy: { kind: 'unknown', at } });
const input = (list: DeclaredList): ReportInput => ({
  url: 'https://shop.example/', site: 'shop.example', startedAt: 0, generatedAt: 1000, showValues: false, declaredList: list,
  events: [set('CookieConsent', 1), set('_ga', 2), set('_ga_ABC123XYZ', 3), set('PHPSESSID', 4), set('_gid', 5)],
  environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
});
const r = buildReport(input(policy));
const side = (name: string) => r.cookies.find((c) => c.name === name);

describe('three sides', () => {
  it("gives each cookie the site set what the policy page says and what the consent manager declares", () => {
    expect([side('CookieConsent')?.status, side('CookieConsent')?.consentManager]).toEqual(['declared', { status: 'declared', declaredAs: 'CookieConsent', match: 'exact', category: 'necessary', from: 'cookieTableNecessary[0]' }]);
    expect([side('_ga_ABC123XYZ')?.status, side('_ga_ABC123XYZ')?.consentManager?.status, side('_ga_ABC123XYZ')?.consentManager?.declaredAs]).toEqual(['undeclared', 'declared', '_ga_#']);
    expect([side('PHPSESSID')?.status, side('PHPSESSID')?.consentManager?.status]).toEqual(['declared', 'undeclared']);
    expect([side('_gid')?.status, side('_gid')?.consentManager?.status]).toEqual(['undeclared', 'undeclared']);
  });
  it('finds where the two declarations disagree about a cookie the site set, and only there', () => {
    const disagree = r.findings.filter((f) => f.rule === 'declarations-disagree');
    expect(disagree.map((f) => f.cookies[0]).sort()).toEqual(['PHPSESSID@shop.example/', '_ga@shop.example/', '_ga_ABC123XYZ@shop.example/']);
    expect(disagree.find((f) => f.cookies[0] === '_ga@shop.example/')?.explanation).toMatch(/files _ga under analytics.*under advertising/);
    expect(disagree.find((f) => f.cookies[0] === '_ga_ABC123XYZ@shop.example/')?.explanation).toMatch(/Cookiebot's declaration declares _ga_ABC123XYZ, but the policy page does not/);
  });
  it('adds nothing when no consent manager declaration was read alongside', () => {
    const plain = buildReport(input({ ...policy, consentManager: undefined }));
    expect(plain.cookies.every((c) => c.consentManager === undefined)).toBe(true);
    expect(plain.findings.some((f) => f.rule === 'declarations-disagree')).toBe(false);
  });
  it('says in every format which declaration was used, and shows the three sides', () => {
    const text = formatText(r);
    expect(text).toMatch(/found by --policy auto: Cookiebot's declaration on the page/);
    expect(text).toMatch(/Consent manager's declaration: Cookiebot's declaration — https:\/\/consent\.cookiebot\.com\/abc\/cc\.js/);
    expect(text).toMatch(/_ga_ABC123XYZ[\s\S]*?Consent manager: declared as _ga_# \(analytics\) at cookieTableStatistics\[1\]/);
    const md = formatMarkdown(r);
    // Markdown escapes its own punctuation: "\-\-policy", "shop\.example".
    expect(md).toMatch(/found by (?:\\-){2}policy auto/);
    expect(md).toMatch(/\| PHPSESSID@shop\\\.example\/ \| declared \| not declared \|/);
    const html = formatHtml(r);
    expect(html).toMatch(/found by --policy auto/);
    expect(html).toMatch(/<section id="sides"/);
    const csv = formatCsv(r).split('\r\n');
    const head = (csv[0] ?? '').replace('\ufeff', '').split(',');
    const row = (csv.find((l) => l.startsWith('_ga_ABC123XYZ,')) ?? '').split(',');
    expect([row[head.indexOf('status')], row[head.indexOf('consent_manager')], row[head.indexOf('consent_manager_as')]]).toEqual(['undeclared', 'declared', '_ga_#']);
  });
  it('validates against the published JSON Schema, version 4', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)) } }).compile(schema);
    expect(r.schema).toBe('cookie-auditor/report@4');
    expect(validate(JSON.parse(JSON.stringify(r))) ? [] : validate.errors).toEqual([]);
  });
});
