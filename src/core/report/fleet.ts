import { verdictCode, type Report } from './report';

// A fleet audit: one summary row per site of a URL list, made from the sites' own reports (or the
// reason a site could not be audited). A summary depends only on the list and on those results, in
// the list's order: a run stopped and resumed, or split into shards and merged, writes the same one.

export const FLEET_SCHEMA = 'cookie-auditor/fleet@1';

export type FailOnWord = 'undeclared' | 'high' | 'none';

export interface FleetSite {
  /** Its place in the URL list, from 0. */
  index: number;
  url: string;
  /** Its report's file, relative to the output folder (`sites/…json`); null when it failed. */
  report: string | null;
  /** `pass` / `fail` by --fail-on, or `error` when the site could not be audited. */
  verdict: 'pass' | 'fail' | 'error';
  error?: string;
  undeclared: number;
  /** Browser storage items (localStorage, sessionStorage, IndexedDB) and how many are undeclared; absent in summaries before version 3 reports. */
  storage?: { total: number; undeclared: number };
  findings: { high: number; medium: number; low: number };
  declaredList: { name: string; source: string } | null;
  /** The visitor's choice at the end, and what the command line's action on the banner came to. */
  consent: { choice: 'none' | 'accepted' | 'refused'; action?: string; notStoppedByRefusal?: number } | null;
  pages: { audited: number; failed: number };
}

export interface FleetSummary {
  schema: typeof FLEET_SCHEMA;
  /** The URL list, named by its content: shards of one list carry the same. */
  list: { sha256: string; sites: number };
  /** Present on a shard's summary: which share of the list it holds. */
  shard?: { index: number; count: number };
  /** The options every site was audited with, as given. */
  options: string[];
  sites: FleetSite[];
  totals: { sites: number; pass: number; fail: number; error: number; undeclared: number; storageUndeclared: number; high: number };
  /** Sites of this run not audited yet (a run stopped by Ctrl-C): --resume does them. */
  pending?: number;
}

/** What the summary keeps of a site's report. */
export function siteRow(index: number, url: string, file: string, r: Report, failOn: FailOnWord): FleetSite {
  const pages = r.pages ?? [{ status: 'audited' as const }];
  const action = r.consent.action;
  const runs = r.choices?.runs ?? [];
  return {
    index,
    url,
    report: file,
    verdict: verdictCode(r, failOn) === 1 ? 'fail' : 'pass',
    undeclared: r.summary.undeclared,
    storage: { total: r.storage.summary.total, undeclared: r.storage.summary.undeclared },
    findings: { ...r.summary.findings },
    declaredList: { name: r.declaredList.name, source: r.declaredList.source },
    consent: {
      choice: r.consent.choice,
      ...(action ? { action: `${action.kind}:${action.choice}:${action.outcome}` } : runs.length ? { action: runs.map((x) => `${x.choice}:${x.report?.consent.action?.outcome ?? (x.report ? 'done' : 'failed')}`).join(',') } : {}),
      ...(r.choices ? { notStoppedByRefusal: r.choices.notStoppedByRefusal.length } : {}),
    },
    pages: { audited: pages.filter((p) => p.status !== 'failed').length, failed: pages.filter((p) => p.status === 'failed').length },
  };
}

export function failedRow(index: number, url: string, error: string): FleetSite {
  return { index, url, report: null, verdict: 'error', error, undeclared: 0, findings: { high: 0, medium: 0, low: 0 }, declaredList: null, consent: null, pages: { audited: 0, failed: 1 } };
}

export function fleetSummary(list: FleetSummary['list'], options: string[], sites: FleetSite[], shard?: FleetSummary['shard'], pending = 0): FleetSummary {
  const count = (v: FleetSite['verdict']): number => sites.filter((s) => s.verdict === v).length;
  return {
    schema: FLEET_SCHEMA,
    list,
    ...(shard ? { shard } : {}),
    options,
    sites: [...sites].sort((a, b) => a.index - b.index),
    totals: {
      sites: sites.length,
      pass: count('pass'),
      fail: count('fail'),
      error: count('error'),
      undeclared: sites.reduce((n, s) => n + s.undeclared, 0),
      storageUndeclared: sites.reduce((n, s) => n + (s.storage?.undeclared ?? 0), 0),
      high: sites.reduce((n, s) => n + s.findings.high, 0),
    },
    ...(pending > 0 ? { pending } : {}),
  };
}

/** Worst first: errors, then failing sites by high findings and undeclared cookies, then passing ones. */
export function worstFirst(sites: readonly FleetSite[]): FleetSite[] {
  const rank = { error: 0, fail: 1, pass: 2 } as const;
  return [...sites].sort((a, b) => rank[a.verdict] - rank[b.verdict] || b.findings.high - a.findings.high || b.undeclared - a.undeclared || (b.storage?.undeclared ?? 0) - (a.storage?.undeclared ?? 0) || a.url.localeCompare(b.url));
}

export class FleetMergeError extends Error {}

/**
 * The shards of one list merged into the summary one unsharded run would have written: refuses
 * summaries of different lists or options, and a missing or repeated shard.
 */
export function mergeFleets(parts: readonly FleetSummary[]): FleetSummary {
  const first = parts[0];
  if (!first) throw new FleetMergeError('Nothing to merge: give the output folders of every shard.');
  for (const p of parts) {
    if (p.list.sha256 !== first.list.sha256) throw new FleetMergeError('These shards audited different URL lists: merge only the shards of one list.');
    if (JSON.stringify(p.options) !== JSON.stringify(first.options)) throw new FleetMergeError('These shards were audited with different options: merge only the shards of one run.');
    if (p.pending) throw new FleetMergeError(`A shard was stopped with ${p.pending} sites left: resume it (--resume) first.`);
    if (!p.shard || p.shard.count !== first.shard?.count) throw new FleetMergeError('Every folder must hold one shard (--shard I/N) of the same N: this one holds a whole run or another split.');
  }
  const n = first.shard?.count ?? 0;
  const seen = parts.map((p) => p.shard?.index ?? -1).sort((a, b) => a - b);
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.includes(i));
  if (missing.length > 0 || seen.length !== n) {
    throw new FleetMergeError(`${missing.length ? `Shard ${missing.join(', ')} of 0 to ${n - 1} is missing` : `Shards are repeated (${seen.join(', ')})`}: merge one folder per shard, 0 to ${n - 1}.`);
  }
  const sites = parts.flatMap((p) => p.sites);
  if (sites.length !== first.list.sites) throw new FleetMergeError(`The shards hold ${sites.length} of the list's ${first.list.sites} sites: some shard did not finish; resume it (--resume) first.`);
  return fleetSummary(first.list, first.options, sites);
}
