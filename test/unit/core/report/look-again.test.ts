import { buildReport, type ReportInput } from '../../../../src/core/report/report';
import { withConsentPhases } from '../../../../src/core/report/phases';
import { consentLines } from '../../../../src/core/report/consent';
import { formatText } from '../../../../src/core/report/format-text';
import { formatCsv } from '../../../../src/core/report/format-csv';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { EN } from '../../../../src/core/text/i18n';
import { cookie } from '../../helpers';

// The look again after a choice: the reload's moment, the phase after it, and what the reports say.

const SITE = 'example.org';
const ev = (kind: AuditEvent['kind'], at: number, name: string, value = 'v'): AuditEvent =>
  ({ kind, at, cookie: cookie(name, { value }), setBy: { kind: 'script', url: `https://${SITE}/t.js`, at } }) as AuditEvent;
const input = (events: AuditEvent[], loads: number[]): ReportInput => ({
  url: `https://${SITE}/`, site: SITE, startedAt: 0, generatedAt: 20_000, events, showValues: false,
  declaredList: { name: 'none', source: 'test', cookies: [] }, environment: { browser: 'test', extensionVersion: '0', thirdPartyCookies: 'allowed' },
  consentMarks: [{ at: 5_000, choice: 'refused', by: 'selector', detail: 'clicked #deny' }], loads,
});

describe('looking again after a choice', () => {
  const events = [ev('set', 1_000, '_stat_id'), ev('delete', 5_100, '_stat_id'), ev('set', 5_200, 'site_choice', 'deny'), ev('set', 8_100, '_stat_id'), ev('set', 8_200, '_late')];
  it('the first load after the choice is the reload; a tracker deleted at the refusal and set again is after-refusal, and written again in the last phase', () => {
    const r = withConsentPhases(buildReport(input(events, [0, 8_000])), 5_000, 'clicking #deny', 'refused', 'https://portal.example.org/');
    expect(r.consent.reloadedAt).toBe(new Date(8_000).toISOString());
    expect(r.phases?.map((p) => [p.name, p.cookies.map((c) => c.split('@')[0]), p.writtenAgain?.map((c) => c.split('@')[0])])).toEqual([
      ['before-consent', ['_stat_id'], undefined], ['after-refusal', ['site_choice'], undefined], ['after-reload', ['_late'], ['_stat_id']],
    ]);
    expect(r.findings.filter((f) => f.rule === 'set-after-refusal').map((f) => f.cookies[0]?.split('@')[0]).sort()).toEqual(['_late', '_stat_id']);
    // The banner's answer to the click is a consent record in every form, never a violation.
    expect(r.cookies.find((c) => c.name === 'site_choice')).toMatchObject({ consentRecord: { by: 'banner-answer' }, needsConsent: false });
    expect(formatText(r, EN)).toMatch(/site_choice[\s\S]*consent record \(written by the banner’s script in answer to the click\)/);
    expect(formatText(r, EN)).toMatch(/After the choice, page loaded again: 1 cookie first seen: _late\n {4}written again: _stat_id/);
    expect(formatCsv(r).split('\r\n').find((l) => l.startsWith('site_choice'))).toMatch(/,banner-answer,,,,\(redacted\)$/);
    expect(consentLines(r.consent, EN).more.join('\n')).toMatch(/loaded again with the choice in force/);
  });
  it('with no reload yet, the report says what to do next', () => {
    const r = buildReport(input(events.slice(0, 3), [0]));
    expect(r.consent.reloadedAt).toBeNull();
    expect(consentLines(r.consent, EN).more).toContain('Next: reload the page to see what the site sets with your refusal in force (a consent manager often deletes trackers at the click, and the next page sets them again).');
  });
});
