import { assignEvents } from '../../../../src/core/evidence/attribute';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { buildReport, type Report } from '../../../../src/core/report/report';
import { EVENTS_KEPT_AFTER_SUMMARY, MAX_EVENTS_PER_TAB, afterSummary, earlierState, summarise } from '../../../../src/core/evidence/summary';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { change, cookie, header, script, tab } from '../../helpers';

// A tab's audit past its cap folds its oldest changes into a summary; the report must still list
// every cookie, in the state its changes left it, and count every change.

const T = tab(1, 'https://data.portal.example.org/', 0);
const report = (events: readonly AuditEvent[], summary?: ReturnType<typeof summarise>) =>
  buildReport({
    url: T.url, site: T.site, startedAt: 0, generatedAt: 1, events, declaredList: OPENDATASOFT_LIST, showValues: false,
    environment: { browser: 'b', extensionVersion: '0', thirdPartyCookies: 'allowed' },
    ...(summary ? { summary: summary.summary } : {}),
  });
const essentials = (r: Report) => r.cookies.map((c) => [c.name, c.present, c.removedBy, c.setBy.kind, c.setBy.url, c.firstSeen, c.eventCount]);

/** A busy page: a tick cookie rewritten by a script, one cookie per 100 ticks set by a header and later deleted, and a consent record early on. */
function busyAudit(ticks: number): AuditEvent[] {
  const changes = [];
  const headers = [];
  const scripts = [];
  for (let i = 1; i <= ticks; i++) {
    changes.push(change(i * 10, cookie('tick', { value: String(i) })));
    scripts.push(script(i * 10, 1, T.url, ['tick'], 'https://data.portal.example.org/tick.js'));
    if (i % 100 === 0) {
      changes.push(change(i * 10 + 1, cookie(`batch_${i}`)));
      headers.push(header(i * 10 + 1, 1, `${T.url}api?i=${i}`, [`batch_${i}`]));
    }
    if (i % 100 === 50 && i > 100) changes.push(change(i * 10 + 2, cookie(`batch_${i - 50}`), { removed: true, cause: 'explicit' }));
    if (i === 5) changes.push(change(i * 10 + 3, cookie('cookies_preferences', { value: encodeURIComponent('{"analytics":true}') })));
  }
  return assignEvents(changes, headers, scripts, [T]).get(1) ?? [];
}

describe('summaries of an audit past its cap', () => {
  it('leave an audit within its cap alone, and one of thousands of cookies each set once (a summary would be no smaller)', () => {
    expect(summarise(T, busyAudit(100), undefined)).toBeNull();
    const distinct = Array.from({ length: 3_000 }, (_, i) => ({ kind: 'set' as const, at: i, cookie: cookie(`d${i}`), setBy: { kind: 'unknown' as const, at: i }, changeId: `${i}` }));
    expect(summarise(T, distinct, undefined)).toBeNull();
  });

  it('fold the oldest changes, keep the rest in full, and the report still tells every cookie and counts every change', () => {
    const events = busyAudit(2_500);
    expect(events.length).toBeGreaterThan(MAX_EVENTS_PER_TAB);
    const s = summarise(T, events, undefined);
    if (!s) throw new Error('no summary');
    const kept = events.filter((e) => afterSummary(e, s.summary));
    expect(kept.length).toBe(EVENTS_KEPT_AFTER_SUMMARY);
    expect(s.folded.length + kept.length).toBe(events.length);
    const full = report(events);
    const summarised = report(kept, s);
    expect(essentials(summarised)).toEqual(essentials(full));
    expect(summarised.consent).toEqual(full.consent);
    expect(summarised.findings.map((f) => f.id)).toEqual(full.findings.map((f) => f.id));
    const tick = summarised.cookies.find((c) => c.name === 'tick');
    expect(tick?.events.length).toBeLessThan(tick?.eventCount ?? 0);
    expect((tick?.summarisedEvents ?? 0) + (tick?.events.length ?? 0)).toBe(2_500);
  });

  it('build on the summary before', () => {
    const events = busyAudit(4_000);
    const first = summarise(T, events.filter((e) => e.at <= 25_000), undefined);
    if (!first) throw new Error('no first summary');
    const second = summarise(T, events.filter((e) => afterSummary(e, first.summary)), first.summary);
    if (!second) throw new Error('no second summary');
    expect(second.summary.events).toBe(first.summary.events + second.folded.length);
    expect(second.summary.from).toBe(first.summary.from);
    expect(second.summary.consentRecords).toEqual([{ at: 53, cookie: 'cookies_preferences', cmp: 'Opendatasoft', choice: 'accepted', purposes: { analytics: true } }]);
    const kept = events.filter((e) => afterSummary(e, second.summary));
    expect(essentials(report(kept, second))).toEqual(essentials(report(events)));
  });

  it('cut a burst of one millisecond by the order the changes were recorded in, and keep changes without an id together', () => {
    // The browser delivers bursts: thousands of changes stamped with the same millisecond.
    const burst = (withIds: boolean): AuditEvent[] =>
      Array.from({ length: 2_600 }, (_, i) => ({
        kind: 'set' as const, at: 5, cookie: cookie(`b${i % 10}`, { value: String(i) }), setBy: { kind: 'unknown' as const, at: 5 },
        ...(withIds ? { changeId: `5-${String(i).padStart(5, '0')}` } : {}),
      }));
    const withIds = summarise(T, burst(true), undefined);
    expect(withIds?.folded).toHaveLength(2_600 - EVENTS_KEPT_AFTER_SUMMARY);
    expect(withIds?.summary.throughId).toBe('5-01099');
    expect(burst(true).filter((e) => withIds && afterSummary(e, withIds.summary))).toHaveLength(EVENTS_KEPT_AFTER_SUMMARY);
    expect(summarise(T, burst(false), undefined)?.folded).toHaveLength(2_600);
  });

  it('let later changes of a summarised cookie count as overwrites of it, in the tab that holds it', () => {
    const s = summarise(T, busyAudit(2_500), undefined);
    if (!s) throw new Error('no summary');
    const earlier = earlierState([s.summary]);
    // A later write no header or script explains still goes to the tab that holds the cookie.
    const later = assignEvents([change(90_000, cookie('tick', { value: 'late' }))], [], [], [T], earlier).get(1);
    expect(later?.map((e) => [e.kind, e.setBy.kind])).toEqual([['overwrite', 'unknown']]);
  });
});
