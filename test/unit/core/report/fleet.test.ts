import { failedRow, fleetSummary, mergeFleets, siteRow, worstFirst, type FleetSummary } from '../../../../src/core/report/fleet';
import { formatFleetCsv, formatFleetHtml } from '../../../../src/core/report/format-fleet';
import { buildReport } from '../../../../src/core/report/report';
import { OPENDATASOFT_LIST } from '../../../../src/core/declared/declared';
import type { AuditEvent } from '../../../../src/core/evidence/cookie';
import { cookie } from '../../helpers';

const report = (names: string[]) =>
  buildReport({
    url: 'https://a.example/', site: 'a.example', startedAt: 0, generatedAt: 1, declaredList: OPENDATASOFT_LIST, showValues: false,
    environment: { browser: 'Chromium', extensionVersion: '0', thirdPartyCookies: 'allowed' },
    events: names.map((n, i): AuditEvent => ({ kind: 'set', at: i + 1, cookie: cookie(n, { domain: 'a.example' }), setBy: { kind: 'unknown', at: i + 1 } })),
  });
const LIST = { sha256: 'abc', sites: 3 };
const rows = [siteRow(0, 'https://a.example/', 'sites/a.json', report(['sessionid']), 'undeclared'), siteRow(1, 'https://b.example/', 'sites/b.json', report(['_pk_id.1.ab']), 'undeclared'), failedRow(2, 'https://c.example/', 'page.goto: Timeout 4000ms exceeded.')];
const shard = (i: number, sites = rows.filter((r) => r.index % 3 === i)): FleetSummary => fleetSummary(LIST, ['--timeout', '4'], sites, { index: i, count: 3 });

describe('fleet summaries', () => {
  it('a row per site: its verdict, counts, list and consent; totals; worst first', () => {
    const s = fleetSummary(LIST, [], [...rows].reverse());
    expect(s.sites.map((r) => [r.index, r.verdict, r.undeclared])).toEqual([[0, 'pass', 0], [1, 'fail', 1], [2, 'error', 0]]);
    expect(s.totals).toEqual({ sites: 3, pass: 1, fail: 1, error: 1, undeclared: 1, storageUndeclared: 0, high: rows[0]!.findings.high + rows[1]!.findings.high });
    expect(rows[1]?.findings.high).toBeGreaterThanOrEqual(2); // undeclared Matomo, set before consent
    expect(worstFirst(s.sites).map((r) => r.verdict)).toEqual(['error', 'fail', 'pass']);
    expect(s.sites[1]?.consent).toEqual({ choice: 'none' });
  });
  it('merges the shards of one run into what one run writes, and refuses anything else', () => {
    expect(mergeFleets([shard(2), shard(0), shard(1)])).toEqual(fleetSummary(LIST, ['--timeout', '4'], rows));
    expect(() => mergeFleets([shard(0), shard(2)])).toThrow('Shard 1 of 0 to 2 is missing');
    expect(() => mergeFleets([shard(0), shard(1), shard(1), shard(2)])).toThrow(/repeated/);
    expect(() => mergeFleets([shard(0), shard(1), { ...shard(2), list: { sha256: 'other', sites: 3 } }])).toThrow(/different URL lists/);
    expect(() => mergeFleets([shard(0), shard(1), { ...shard(2), options: [] }])).toThrow(/different options/);
    expect(() => mergeFleets([shard(0), shard(1), { ...shard(2), pending: 1 }])).toThrow(/stopped with 1 sites left/);
    expect(() => mergeFleets([fleetSummary(LIST, [], rows)])).toThrow(/one shard/);
    expect(() => mergeFleets([])).toThrow(/Nothing to merge/);
  });
  it('CSV is formula-safe; HTML escapes and links each site to its report', () => {
    const hostile = siteRow(0, 'https://x.example/?q==HYPERLINK("http://evil")', 'sites/x.json', report([]), 'undeclared');
    const s = fleetSummary(LIST, [], [hostile, { ...failedRow(1, 'https://y.example/', '=cmd|"/c calc"!A0'), index: 1 }]);
    const csv = formatFleetCsv(s);
    expect(csv).toContain(`"'=cmd|""/c calc""!A0"`);
    const html = formatFleetHtml(s);
    expect(html).toContain('<a href="sites/x.html">https://x.example/?q==HYPERLINK(&#34;http://evil&#34;)</a>');
    expect(html).not.toMatch(/<script/);
  });
});
