import { assignEvents } from '../../../../src/core/evidence/attribute';
import { observedCookies } from '../../../../src/core/evidence/jar';
import { cookieDigest, coverKey, grownSnapshot, missedChange, missedCookies, snapshotOf, withSite } from '../../../../src/core/evidence/missed';
import type { TabSummary } from '../../../../src/core/evidence/summary';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import { buildReport } from '../../../../src/core/report/report';
import { formatCsv } from '../../../../src/core/report/format-csv';
import { setByWords } from '../../../../src/core/report/format-text';
import { EN } from '../../../../src/core/text/i18n';
import { change, cookie, tab } from '../../helpers';

const summaryOf = (c: ReturnType<typeof cookie>): TabSummary =>
  ({ cookies: observedCookies([{ kind: 'set', at: 1_500, cookie: c, setBy: { kind: 'unknown', at: 1_500 } }]) }) as unknown as TabSummary;

describe('cookies set while no worker listened', () => {
  const site = coverKey('0', 'example.org');
  const before = [cookie('old_pref', { domain: 'portal.example.org' }), cookie('_ga', { domain: '.example.org' })];
  const snapshot = snapshotOf(before, [site], 1_000);

  it('are the covered sites’ jar cookies neither in the snapshot nor in any stored change or summary', () => {
    const recorded = cookie('second_page', { domain: 'portal.example.org' });
    const summarised = cookie('tick', { domain: 'portal.example.org' });
    const lost = cookie('late_3', { domain: 'portal.example.org' });
    const jar = [...before, recorded, summarised, lost];
    expect(missedCookies(jar, snapshot, [change(2_000, recorded)], [summaryOf(summarised)]).map((c) => c.name)).toEqual(['late_3']);
  });

  it('of a site the snapshot does not cover, or another cookie store, are not looked at', () => {
    const jar = [cookie('x', { domain: 'other.example' }), cookie('late', { domain: 'portal.example.org', storeId: '1' })];
    expect(missedCookies(jar, snapshot, [], [])).toEqual([]);
    // Covered from the moment its audit starts: then its new cookies count, and say since when.
    const wider = withSite(snapshot, coverKey('0', 'other.example'), [], 4_000);
    expect(missedCookies(jar, wider, [], []).map((c) => c.name)).toEqual(['x']);
    expect(missedChange('m', jar[0]!, 9_000, wider).missedSince).toBe(4_000);
    expect(missedCookies(before, wider, [], [])).toEqual([]);
  });

  it('are not the cookies of changes and summaries forgotten since: the snapshot takes them over', () => {
    const pruned = cookie('page_a', { domain: 'portal.example.org' });
    const deleted = cookie('gone', { domain: 'portal.example.org' });
    const folded = cookie('busy', { domain: 'portal.example.org' });
    const grown = grownSnapshot(snapshot, [change(2_000, pruned), change(2_100, deleted, { removed: true })], [summaryOf(folded)]);
    expect(grown.covers).toEqual(snapshot.covers);
    // Nothing on record any more, yet none of them is taken for missed; a removal adds nothing.
    expect(missedCookies([...before, pruned, deleted, folded], grown, [], []).map((c) => c.name)).toEqual(['gone']);
  });

  it('tell cookies apart by store, partition, domain, path and name, as the jar does', () => {
    const same = (over: Parameters<typeof cookie>[1]) => cookieDigest(cookie('id', over)) === cookieDigest(cookie('id'));
    expect(same({})).toBe(true);
    expect([same({ storeId: '1' }), same({ partitionSite: 'https://a.example' }), same({ domain: 'b.example' }), same({ path: '/x' })]).toEqual([false, false, false, false]);
    // A value change is not a new cookie: the snapshot holds identities, never values.
    expect(cookieDigest(cookie('id', { value: 'other' }))).toBe(cookieDigest(cookie('id')));
    expect(JSON.stringify(snapshot.digests)).not.toMatch(/old_pref|_ga|portal/);
  });

  it('are recorded as set by nothing known, between the site’s last look and the moment found, in the tab auditing their site', () => {
    const lost = cookie('late_3', { domain: 'portal.example.org' });
    const found = missedChange('m1', lost, 5_000, snapshot);
    const events = assignEvents([found], [], [], [tab(1, 'https://portal.example.org/', 900)]).get(1) ?? [];
    expect(events.map((e) => [e.cookie.name, e.kind, e.setBy])).toEqual([['late_3', 'set', { kind: 'unknown', at: 5_000, missedSince: 1_000 }]]);
    const report = buildReport({
      url: 'https://portal.example.org/', site: 'example.org', startedAt: 900, generatedAt: 6_000, events, declaredList: OPENDATASOFT_LIST, showValues: false,
      environment: { browser: 'Chromium 156', extensionVersion: '0.1.0', thirdPartyCookies: 'allowed' },
    });
    expect(report.cookies[0]?.setBy.missedSince).toBe(new Date(1_000).toISOString());
    expect(setByWords(report.cookies[0]!.setBy, EN)).toMatch(/^unknown: set while the extension’s background had stopped.*absent at .*1970/);
    // A sheet sorts on it too: its own column, beside the origin it leaves unknown.
    const [head, row] = formatCsv(report).replace(/^\uFEFF/, '').split('\r\n').map((line) => line.split(','));
    const cell = (column: string): string | undefined => row?.[head?.indexOf(column) ?? -1];
    expect([cell('set_by'), cell('set_by_missed_since')]).toEqual(['unknown', new Date(1_000).toISOString()]);
  });
});
