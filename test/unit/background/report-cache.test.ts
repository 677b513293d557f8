import { cachedReport, invalidateReports, keepReport, reportsVersion } from '../../../src/background/report-cache';
import type { Report } from '../../../src/core/report/report';

// A kept report is only handed out while nothing it was derived from has changed.
describe('report cache', () => {
  const report = { url: 'https://a.example/' } as Report;

  it('hands out a report kept at the current version, for that tab and that showValues only', () => {
    keepReport(3, false, report, reportsVersion());
    expect(cachedReport(3, false)).toBe(report);
    expect(cachedReport(3, true)).toBeUndefined();
    expect(cachedReport(4, false)).toBeUndefined();
  });

  it('forgets every report when a fact or a list changes', () => {
    keepReport(3, false, report, reportsVersion());
    invalidateReports();
    expect(cachedReport(3, false)).toBeUndefined();
  });

  it('does not keep a report whose facts changed while it was derived', () => {
    const before = reportsVersion();
    invalidateReports();
    keepReport(3, false, report, before);
    expect(cachedReport(3, false)).toBeUndefined();
  });
});
