import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { observedStorage } from '../../../../src/core/evidence/storage';
import { buildReport, REPORT_SCHEMA, type ReportInput } from '../../../../src/core/report/report';
import { formatText } from '../../../../src/core/report/format-text';
import { formatMarkdown } from '../../../../src/core/report/format-md';
import { formatHtml } from '../../../../src/core/report/format-html';
import { formatCsv } from '../../../../src/core/report/format-csv';
import { parseCsv } from '../../../../src/core/text/csv';
import { catalogueTranslator } from '../../../../src/core/text/i18n';
import { cookie } from '../../helpers';

// How each cookie's vendor and category were found, in the report and every form of it: by name,
// by a documented pattern, from the database, or by the script that set it; with its source.

const PORTAL = 'https://data.portal.fr';
const HOTJAR = 'https://static.hotjar.com/c/hotjar-3021840.js?sv=6';
const set = (at: number, name: string, setBy: AuditEvent['setBy']): AuditEvent => ({ kind: 'set', at, cookie: cookie(name, { domain: 'data.portal.fr' }), setBy });
const events: AuditEvent[] = [
  set(10, '_hjSessionUser_3021840', { kind: 'script', url: HOTJAR, frameUrl: `${PORTAL}/`, at: 10 }),
  set(11, 'hj_unlisted_state', { kind: 'script', url: HOTJAR, frameUrl: `${PORTAL}/`, at: 11 }),
  set(12, 'hj_unlisted_header', { kind: 'header', url: 'https://in.hotjar.com/api/v2', type: 'xmlhttprequest', at: 12, inferred: { of: 3 } }),
  set(13, 'PHPSESSID', { kind: 'header', url: `${PORTAL}/`, type: 'main_frame', at: 13 }),
  set(14, 'portal_thing', { kind: 'script', url: `${PORTAL}/app.js`, frameUrl: `${PORTAL}/`, at: 14 }),
  set(15, '_chartbeat2', { kind: 'script', url: `${PORTAL}/app.js`, frameUrl: `${PORTAL}/`, at: 15 }),
];
const input: ReportInput = {
  url: `${PORTAL}/`, site: 'portal.fr', startedAt: 0, generatedAt: 1000, events, declaredList: { ...OPENDATASOFT_LIST, cookies: [] }, showValues: false,
  environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
  storage: observedStorage([{ id: 's1', at: 20, tabId: 1, frameId: 0, frameUrl: `${PORTAL}/`, writes: [{ area: 'localStorage', at: 20, key: 'hj_unlisted_key', op: 'set', size: 1, scriptUrl: HOTJAR }] }], { tabId: 1, startedAt: 0 }),
};
const r = buildReport(input);
const of = (name: string) => r.cookies.find((c) => c.name === name);

describe('classification in the report', () => {
  it('says how each cookie is known, with its source, and null when nothing knows it', () => {
    expect(of('_hjSessionUser_3021840')).toMatchObject({ category: 'analytics', vendor: 'Hotjar', classification: { how: 'family', vendor: 'Hotjar', rule: '_hjSessionUser_{site_id}', source: expect.stringMatching(/^https:\/\/help\.hotjar\.com\//), purpose: expect.any(String) } });
    expect(of('PHPSESSID')?.classification).toMatchObject({ how: 'exact', source: expect.stringContaining('php.net') });
    expect(of('_chartbeat2')?.classification).toMatchObject({ how: expect.stringMatching(/^(exact|database)$/) });
    expect(of('portal_thing')).toMatchObject({ category: 'unknown', vendor: null, classification: null });
  });
  it("an unknown name a vendor's script wrote is known by that script, apart from a match by name", () => {
    expect(of('hj_unlisted_state')).toMatchObject({ category: 'analytics', vendor: 'Hotjar', classification: { how: 'setter', rule: 'static.hotjar.com', source: expect.stringMatching(/hotjar\.com/) } });
    expect(r.storage.items[0]).toMatchObject({ key: 'hj_unlisted_key', vendor: 'Hotjar', classification: { how: 'setter', rule: 'static.hotjar.com' } });
  });
  it('a response only guessed among several (passive mode) is no evidence of its setter', () => {
    expect(of('hj_unlisted_header')).toMatchObject({ category: 'unknown', classification: null });
  });
  it('validates against the published schema, version 4', () => {
    expect(r.schema).toBe(REPORT_SCHEMA);
    expect(REPORT_SCHEMA).toBe('cookie-auditor/report@4');
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/report.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => !Number.isNaN(Date.parse(v)) } }).compile(schema);
    expect(validate(r) ? [] : validate.errors).toEqual([]);
    const broken = JSON.parse(JSON.stringify(r)) as { cookies: Array<{ classification: unknown }> };
    (broken.cookies[0] as { classification: unknown }).classification = { how: 'guess', vendor: 'x', source: 'y', rule: 'z' };
    expect(validate(broken)).toBe(false);
  });
});

describe('every form says how and links the source', () => {
  it('text, in English and French', () => {
    const en = formatText(r);
    expect(en).toMatch(/known: by the pattern _hjSessionUser_\{site_id\} Hotjar documents — .+; source: https:\/\/help\.hotjar\.com\//);
    expect(en).toMatch(/known: by the script that set it: static\.hotjar\.com is Hotjar; source: /);
    expect(formatText(r, catalogueTranslator('fr'))).toMatch(/connu : par le script qui l’a déposé : static\.hotjar\.com est Hotjar/);
  });
  it('Markdown and HTML, with a link to the documentation', () => {
    expect(formatMarkdown(r)).toContain('— by the pattern \\_hjSessionUser\\_\\{site\\_id\\} Hotjar documents ([source: help\\.hotjar\\.com](<https://help.hotjar.com/');
    const html = formatHtml(r);
    expect(html).toMatch(/<span class="known">known: by the script that set it: static\.hotjar\.com is Hotjar · <a href="https:\/\/[^"]*hotjar[^"]*"/);
  });
  it('CSV, in columns of their own', () => {
    const [head, ...rows] = parseCsv(formatCsv(r).replace(/^\ufeff/, ''));
    const col = (name: string) => (head ?? []).indexOf(name);
    const row = (name: string) => rows.find((x) => x[0] === name) ?? [];
    expect([col('known_how'), col('known_rule'), col('known_source')].every((i) => i > 0)).toBe(true);
    expect(row('hj_unlisted_state')[col('known_how')]).toBe('setter');
    expect(row('_hjSessionUser_3021840')[col('known_rule')]).toBe('_hjSessionUser_{site_id}');
    expect(row('portal_thing')[col('known_how')]).toBe('');
  });
});
