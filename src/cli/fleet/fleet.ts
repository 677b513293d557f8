import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failedRow, fleetSummary, siteRow, type FailOnWord, type FleetSite, type FleetSummary } from '../../core/report/fleet';
import { formatFleetCsv, formatFleetHtml } from '../../core/report/format-fleet';
import { formatHtml } from '../../core/report/format-html';
import type { Report } from '../../core/report/report';
import { messageOf, type Translate } from '../../core/text/i18n';
import { listDigest, siteFileName } from './url-list';

// `--urls`: many sites audited on one machine, K browsers at once, each site in a fresh browser
// profile. Each site's report is written as soon as it is done (DIR/sites/), so a stopped run
// resumes without redoing anything; a site that hangs, crashes its browser or serves garbage is a
// failed row with its reason (DIR/failed/), never the end of the run. The summary (DIR/fleet.json,
// .csv, .html) is made from what is on disk, in the list's order.

export interface FleetOptions {
  /** The whole list, in order (the shard's sites are picked from it). */
  list: string[];
  /** The indexes of the list this run audits (all, or a shard's). */
  indexes: number[];
  shard?: { index: number; count: number };
  outDir: string;
  concurrency: number;
  resume: boolean;
  failOn: FailOnWord;
  /** The options as given, recorded in the summary (shards of one run must agree). */
  options: string[];
  /** Audits one site in worker `worker`'s browser; rejects when it cannot. Aborting the signal stops it. */
  auditSite: (url: string, signal: AbortSignal, worker: number) => Promise<Report>;
  /** A site that takes longer than this is stopped and recorded as failed. */
  siteTimeoutMs: number;
  t: Translate;
  onProgress?: (p: FleetProgress) => void;
  /** Aborted on Ctrl-C: no new site starts; sites in flight are dropped, to be redone on resume. */
  stop?: AbortSignal;
}

export interface FleetProgress {
  done: number;
  total: number;
  failed: number;
  /** Pages audited per second since the start of this run. */
  pagesPerSecond: number;
  /** Seconds left at that pace; null before the first site is done. */
  etaSeconds: number | null;
  /** The site just finished, with its verdict. */
  last: FleetSite;
}

/** Browsers a machine can run at once: one per core, and about 700 MiB of free memory each. */
export function defaultConcurrency(): { concurrency: number; cores: number; freeGiB: number } {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const free = os.freemem();
  return { concurrency: Math.max(1, Math.min(cores, Math.floor(free / (700 * 2 ** 20)))), cores, freeGiB: Math.round((free / 2 ** 30) * 10) / 10 };
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** The run's record of itself: which list and options, so that --resume continues only the same run. */
interface RunRecord {
  list: string;
  shard: FleetOptions['shard'] | null;
  options: string[];
}

function checkOutDir(o: FleetOptions): void {
  const record: RunRecord = { list: listDigest(o.list), shard: o.shard ?? null, options: o.options };
  const file = path.join(o.outDir, 'run.json');
  const before = readJson<RunRecord>(file);
  if (before && !o.resume) throw new Error(`${o.outDir} already holds a fleet run: pass --resume to continue it, or choose another --out-dir.`);
  if (before && JSON.stringify(before) !== JSON.stringify(record)) throw new Error(`${o.outDir} holds a run of another URL list, shard or options: --resume continues only the same run.`);
  for (const d of ['sites', 'failed']) fs.mkdirSync(path.join(o.outDir, d), { recursive: true });
  writeAtomic(file, JSON.stringify(record, null, 2) + '\n');
}

/** What is on disk for a site: its report's row, its failure's row, or nothing yet. */
function rowOnDisk(o: FleetOptions, index: number): FleetSite | null {
  const url = o.list[index] as string;
  const name = siteFileName(url);
  const report = readJson<Report>(path.join(o.outDir, 'sites', name));
  if (report?.schema && report.url) return siteRow(index, url, `sites/${name}`, report, o.failOn);
  const failed = readJson<{ url: string; error: string }>(path.join(o.outDir, 'failed', name));
  return failed ? failedRow(index, url, failed.error) : null;
}

export function writeSummary(o: Pick<FleetOptions, 'outDir' | 'list' | 'options' | 'shard' | 't'>, sites: FleetSite[], pending: number): FleetSummary {
  const summary = fleetSummary({ sha256: listDigest(o.list), sites: o.list.length }, o.options, sites, o.shard, pending);
  writeAtomic(path.join(o.outDir, 'fleet.json'), JSON.stringify(summary, null, 2) + '\n');
  writeAtomic(path.join(o.outDir, 'fleet.csv'), formatFleetCsv(summary));
  writeAtomic(path.join(o.outDir, 'fleet.html'), formatFleetHtml(summary, o.t));
  return summary;
}

export async function runFleet(o: FleetOptions): Promise<FleetSummary> {
  checkOutDir(o);
  const rows = new Map<number, FleetSite>();
  if (o.resume) for (const i of o.indexes) {
    const row = rowOnDisk(o, i);
    if (row) rows.set(i, row);
  }
  const queue = o.indexes.filter((i) => !rows.has(i));
  const started = Date.now();
  let pages = 0;
  let doneNow = 0;
  const inFlight = new Set<AbortController>();
  o.stop?.addEventListener('abort', () => inFlight.forEach((c) => c.abort()));

  const auditOne = async (index: number, worker: number): Promise<void> => {
    const url = o.list[index] as string;
    const name = siteFileName(url);
    const control = new AbortController();
    inFlight.add(control);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          control.abort();
          reject(new Error(`no result within ${Math.round(o.siteTimeoutMs / 1000)} s; stopped`));
        }, o.siteTimeoutMs);
      });
      const report = await Promise.race([o.auditSite(url, control.signal, worker), timedOut]);
      writeAtomic(path.join(o.outDir, 'sites', name), JSON.stringify(report, null, 2) + '\n');
      writeAtomic(path.join(o.outDir, 'sites', name.replace(/\.json$/, '.html')), formatHtml(report, o.t));
      rows.set(index, siteRow(index, url, `sites/${name}`, report, o.failOn));
      pages += report.pages?.length ?? 1;
    } catch (e) {
      // A site stopped by Ctrl-C is not a result: it is redone on resume.
      if (o.stop?.aborted) return;
      const error = messageOf(e, o.t).split('\n')[0] ?? String(e);
      writeAtomic(path.join(o.outDir, 'failed', name), JSON.stringify({ url, error }, null, 2) + '\n');
      rows.set(index, failedRow(index, url, error));
    } finally {
      clearTimeout(timer);
      inFlight.delete(control);
    }
    doneNow++;
    const elapsed = (Date.now() - started) / 1000;
    const left = queue.length - doneNow;
    o.onProgress?.({
      done: rows.size,
      total: o.indexes.length,
      failed: [...rows.values()].filter((r) => r.verdict === 'error').length,
      pagesPerSecond: elapsed > 0 ? pages / elapsed : 0,
      etaSeconds: doneNow > 0 ? Math.round((elapsed / doneNow) * left) : null,
      last: rows.get(index) as FleetSite,
    });
  };

  let next = 0;
  const worker = async (id: number): Promise<void> => {
    while (next < queue.length && !o.stop?.aborted) await auditOne(queue[next++] as number, id);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, queue.length)) }, (_, id) => worker(id)));
  const sites = o.indexes.map((i) => rows.get(i)).filter((r): r is FleetSite => r !== undefined);
  return writeSummary(o, sites, o.indexes.length - sites.length);
}
