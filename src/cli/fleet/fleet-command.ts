import fs from 'node:fs';
import path from 'node:path';
import { FleetMergeError, mergeFleets, type FleetSummary } from '../../core/report/fleet';
import { formatFleetCsv, formatFleetHtml } from '../../core/report/format-fleet';
import type { Report } from '../../core/report/report';
import { messageOf, type Translate } from '../../core/text/i18n';
import type { CliArgs } from '../args';
import { defaultConcurrency, runFleet } from './fleet';
import { UsageError } from '../browser/launch';
import { parseUrlList, shardOf, sitemapLocations } from './url-list';

// `--urls FILE|SITEMAP --out-dir DIR`: the fleet command, and `merge DIR… --out-dir DIR`.

/** The URL list from a file, or from a sitemap (a sitemap index: the sitemaps it lists, one level deep). */
export async function readUrls(source: string): Promise<string[]> {
  if (!/^https?:\/\//i.test(source)) {
    let text: string;
    try {
      text = fs.readFileSync(source, 'utf8');
    } catch (e) {
      throw new UsageError('err_read_file', source, (e as NodeJS.ErrnoException).code ?? String(e));
    }
    return parseUrlList(text, source);
  }
  const get = async (u: string): Promise<string> => {
    const res = await fetch(u, { signal: AbortSignal.timeout(30_000), redirect: 'follow' });
    if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
    return res.text();
  };
  const top = sitemapLocations(await get(source));
  const pages = [...top.pages];
  for (const s of top.sitemaps) pages.push(...sitemapLocations(await get(s)).pages);
  return parseUrlList(pages.join('\n'), source);
}

/** The options a fleet's sites share, as given: what shards of one run must agree on. */
function sharedOptions(argv: readonly string[]): string[] {
  const own = new Set(['--urls', '--out-dir', '--concurrency', '--shard']);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (own.has(a)) i++;
    else if (a !== '--resume') out.push(a);
  }
  return out;
}

export async function fleetCommand(
  args: CliArgs,
  argv: readonly string[],
  auditSite: (url: string, signal: AbortSignal, worker: number) => Promise<Report>,
  t: Translate,
): Promise<number> {
  const list = await readUrls(args.urls as string);
  const shard = args.shard;
  const indexes = list.map((_, i) => i).filter((i) => !shard || shardOf(list[i] as string, shard.count) === shard.index);
  const machine = defaultConcurrency();
  const concurrency = args.concurrency ?? machine.concurrency;
  const say = (s: string): boolean => process.stderr.write(`cookie-auditor: ${s}\n`);
  say(t('fleet_start', indexes.length, concurrency, machine.cores, machine.freeGiB));
  const stop = new AbortController();
  const onSigint = (): void => stop.abort();
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  const tty = process.stderr.isTTY === true;
  try {
    const summary = await runFleet({
      list,
      indexes,
      ...(shard ? { shard } : {}),
      outDir: args.outDir as string,
      concurrency,
      resume: args.resume,
      failOn: args.failOn,
      options: sharedOptions(argv),
      auditSite,
      siteTimeoutMs: args.timeoutMs * (args.pages + 2) * ((args.choices?.length ?? 1) + 1) + 60_000,
      t,
      stop: stop.signal,
      onProgress: (p) => {
        const eta = p.etaSeconds === null ? '?' : `${Math.floor(p.etaSeconds / 60)}:${String(p.etaSeconds % 60).padStart(2, '0')}`;
        if (tty) process.stderr.write(`\r\x1b[2Kcookie-auditor: ${t('fleet_live', p.done, p.total, p.failed, p.pagesPerSecond.toFixed(2), eta)}`);
        else say(t('fleet_line', p.done, p.total, p.last.url, p.last.error ? `${t(`fleet_verdict_${p.last.verdict}`)}: ${p.last.error}` : t(`fleet_verdict_${p.last.verdict}`)));
      },
    });
    if (tty) process.stderr.write('\n');
    if (stop.signal.aborted) {
      say(t('fleet_stopped', summary.sites.length, indexes.length));
      return 130;
    }
    say(t('fleet_done', path.join(args.outDir as string, 'fleet.json'), summary.totals.sites, summary.totals.fail, summary.totals.error));
    if (summary.totals.error > 0) return 2;
    return args.failOn !== 'none' && summary.totals.fail > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/** `merge DIR… --out-dir OUT`: the shards' summaries merged, their site reports copied beside. */
export function mergeCommand(dirs: readonly string[], outDir: string | undefined, t: Translate): number {
  const say = (s: string): boolean => process.stderr.write(`cookie-auditor: ${s}\n`);
  if (dirs.length === 0 || !outDir) {
    say(t('merge_usage'));
    return 2;
  }
  try {
    const parts = dirs.map((d) => {
      const file = path.join(d, 'fleet.json');
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as FleetSummary;
      } catch (e) {
        throw new FleetMergeError(`${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`);
      }
    });
    const merged = mergeFleets(parts);
    fs.mkdirSync(path.join(outDir, 'sites'), { recursive: true });
    for (const d of dirs) {
      const sites = path.join(d, 'sites');
      for (const f of fs.existsSync(sites) ? fs.readdirSync(sites) : []) fs.copyFileSync(path.join(sites, f), path.join(outDir, 'sites', f));
    }
    fs.writeFileSync(path.join(outDir, 'fleet.json'), JSON.stringify(merged, null, 2) + '\n');
    fs.writeFileSync(path.join(outDir, 'fleet.csv'), formatFleetCsv(merged));
    fs.writeFileSync(path.join(outDir, 'fleet.html'), formatFleetHtml(merged, t));
    say(t('merge_done', dirs.length, path.join(outDir, 'fleet.json'), merged.totals.sites));
    return 0;
  } catch (e) {
    say(messageOf(e, t));
    return 2;
  }
}

