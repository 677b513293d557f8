import type { Report } from '../core/report/report';

// Reports are derived from the stored facts and the declared lists. While neither has changed, the
// last ones computed still hold, and the popup opened on a tab of thousands of cookies need not
// derive them again. Every write of facts or lists calls invalidateReports(); a restarted worker
// starts with no cached report. Nothing here is authoritative: storage is.

let version = 0;
const cached = new Map<string, { version: number; report: Report }>();
const keyOf = (tabId: number, showValues: boolean): string => `${tabId}|${showValues}`;

export function invalidateReports(): void {
  version++;
  cached.clear();
}

/** The version reports computed from now on belong to: read it before reading the facts. */
export function reportsVersion(): number {
  return version;
}

export function keepReport(tabId: number, showValues: boolean, report: Report, atVersion: number): void {
  // A report derived from facts that changed while it was computed is already stale.
  if (atVersion === version) cached.set(keyOf(tabId, showValues), { version: atVersion, report });
}

export function cachedReport(tabId: number, showValues: boolean): Report | undefined {
  const hit = cached.get(keyOf(tabId, showValues));
  return hit && hit.version === version ? hit.report : undefined;
}
