import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { formatText } from '../../../../src/core/report/format-text';
import { formatCsv } from '../../../../src/core/report/format-csv';
import { formatMarkdown } from '../../../../src/core/report/format-md';
import { formatHtml } from '../../../../src/core/report/format-html';
import { buildReport, verdictCode, type ReportInput } from '../../../../src/core/report/report';
import { compareChoices, withChoices } from '../../../../src/core/report/choices';
import { withConsentPhases } from '../../../../src/core/report/phases';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import type { ConsentMark } from '../../../../src/core/evidence/consent-record';
import { cookie } from '../../helpers';

// Three audits of one portal behind tarteaucitron.js, as --choices runs them: no choice, refused,
// accepted. Its Matomo is hard-coded too, and writes again when the visitor clicks "refuse".

const input = (events: AuditEvent[], marks: ConsentMark[] = []): ReportInput => ({
  url: 'https://data.portal.fr/', site: 'portal.fr', startedAt: 0, generatedAt: 5000, events, declaredList: OPENDATASOFT_LIST, showValues: false,
  environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' }, consentMarks: marks,
});
const set = (at: number, name: string, value = '1'): AuditEvent => ({ kind: at > 100 ? 'overwrite' : 'set', at, cookie: cookie(name, { domain: 'data.portal.fr', value }), setBy: { kind: 'script', url: 'https://data.portal.fr/matomo.js', frameUrl: 'https://data.portal.fr/', at } });
const pageLoad = [set(10, 'tarteaucitron', '!localmatomo=wait'), set(20, '_pk_id.1.c0de')];
const none = buildReport(input(pageLoad));
const refused = buildReport(input([...pageLoad, set(1000, 'tarteaucitron', '!localmatomo=false'), set(1150, '_pk_id.1.c0de')], [{ at: 990, choice: 'refused', by: 'cmp', detail: 'the command line refused through the tarteaucitron.js banner' }]));
const accepted = buildReport(input([...pageLoad, set(1000, 'tarteaucitron', '!localmatomo=true'), set(1100, '_pk_ses.1.c0de')], [{ at: 990, choice: 'accepted', by: 'cmp' }]));
const runs = [{ choice: 'none' as const, report: none }, { choice: 'reject' as const, report: refused }, { choice: 'accept' as const, report: accepted }];

describe('three choices compared', () => {
  it('each run says its choice, how and when; the record confirms the command line', () => {
    expect(none.consent).toMatchObject({ choice: 'none', at: null, record: { cookie: 'tarteaucitron', choice: 'pending' } });
    expect(refused.consent).toMatchObject({ choice: 'refused', by: 'cmp', at: '1970-01-01T00:00:00.990Z', record: { choice: 'refused', purposes: { localmatomo: false } } });
    expect(accepted.consent.choice).toBe('accepted');
  });
  it('the tracker written again after the refusal is set-after-refusal; the same write before any choice is set-before-consent', () => {
    expect(refused.cookies.find((c) => c.name === '_pk_id.1.c0de')?.afterRefusal).toEqual({ at: '1970-01-01T00:00:01.150Z', refusedAt: '1970-01-01T00:00:00.990Z' });
    expect(refused.findings.filter((f) => /before|refusal/.test(f.rule)).map((f) => f.id)).toEqual(['set-after-refusal:_pk_id.1.c0de@data.portal.fr/', 'set-before-consent:_pk_id.1.c0de@data.portal.fr/']);
    expect(none.findings.some((f) => f.rule === 'set-after-refusal')).toBe(false);
  });
  it('what acceptance alone brings, and what refusal did not stop', () => {
    const c = compareChoices(runs);
    expect(c.onlyWithAcceptance).toEqual(['_pk_ses.1.c0de@data.portal.fr/']);
    expect(c.notStoppedByRefusal).toEqual([{ cookie: '_pk_id.1.c0de@data.portal.fr/', when: 'after-refusal' }]);
    expect(compareChoices([runs[2] as (typeof runs)[number]]).onlyWithAcceptance).toEqual([]);
  });
  const all = withChoices(runs);
  if (!all) throw new Error('no report');
  it('one report: the first run leads, every run inside; the exit status counts every run', () => {
    expect(all.consent.choice).toBe('none');
    expect(all.choices?.runs.map((r) => r.choice)).toEqual(['none', 'reject', 'accept']);
    expect(verdictCode(all, 'high')).toBe(1);
    expect(verdictCode(none, 'high')).toBe(1);
    expect(verdictCode({ ...all, choices: { ...compareChoices([{ choice: 'accept', report: accepted }]) } }, 'high')).toBe(verdictCode(accepted, 'high'));
  });
  it('validates against the published schema, a failed run included', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/report.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, formats: { 'date-time': (v: string) => !Number.isNaN(Date.parse(v)) } }).compile(schema);
    const failed = withChoices([...runs.slice(0, 2), { choice: 'accept', report: null, error: 'The browser crashed.' }]);
    const phased = withConsentPhases({ ...refused, consent: { ...refused.consent, action: { kind: 'cmp', choice: 'refused', cmp: 'tarteaucitron.js', rule: 'tarteaucitron.js', outcome: 'done', effect: ['record-changed'] } } }, 990, 'tarteaucitron.js', 'refused');
    for (const r of [all, failed, phased]) expect(validate(r) ? [] : validate.errors).toEqual([]);
  });
  it('text, Markdown, HTML and CSV all show the runs and what the choices changed', () => {
    const text = formatText(all);
    expect(text).toMatch(/CHOICES COMPARED \(3\)\n\s+no choice: 2 cookies.*\n\s+refused: 2 cookies.*consent: refused, .*\n\s+accepted: 3 cookies/);
    expect(text).toMatch(/Cookies only acceptance brings: _pk_ses\.1\.c0de@data\.portal\.fr\//);
    expect(text).toMatch(/Cookies refusal did not stop: _pk_id\.1\.c0de@data\.portal\.fr\/ \(written after refusal\)/);
    expect(formatMarkdown(all)).toMatch(/## Choices compared[\s\S]*- refused: 2 cookies/);
    expect(formatHtml(all)).toMatch(/<section id="choices"[\s\S]*Cookies refusal did not stop: <span class="mono">_pk_id/);
    const rows = formatCsv(all).split('\r\n');
    const head = (rows[0] as string).replace('\ufeff', '').split(',');
    expect(head.slice(-14)).toEqual(['after_refusal', 'choice', 'run', 'type', 'size', 'set_by_inferred_of', 'set_by_missed_since', 'consent_manager', 'consent_manager_as', 'consent_record', 'known_how', 'known_rule', 'known_source', 'value']);
    expect(rows.filter((r) => r.includes(',reject,'))).toHaveLength(2);
    expect(rows.find((r) => r.startsWith('_pk_id') && r.includes(',reject,'))).toMatch(/1970-01-01T00:00:01\.150Z,refused,reject,cookie,,,,,,,family,_pk_id\.\{site_id\}\.\{hash\},https:\/\/\S+,\(redacted\)$/);
  });
  it('the text report says what the record said and what the command line did', () => {
    const r = { ...refused, consent: { ...refused.consent, action: { kind: 'cmp' as const, choice: 'refused' as const, cmp: 'tarteaucitron.js', rule: 'tarteaucitron.js', outcome: 'done' as const, effect: ['record-changed' as const] } } };
    const text = formatText(r);
    expect(text).toMatch(/Consent: refused, .* \(the command line refused through the tarteaucitron\.js banner\)/);
    expect(text).toMatch(/The site’s consent record \(tarteaucitron\.js, cookie tarteaucitron\) says: refused \(localmatomo ✗\)/);
    expect(text).toMatch(/Command line: refuse through the consent manager tarteaucitron\.js \(autoconsent rule “tarteaucitron\.js”\) — it took effect: the consent record changed/);
  });
});
