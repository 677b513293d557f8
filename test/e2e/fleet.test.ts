import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FleetSummary } from '../../src/core/report/fleet';
import type { Report } from '../../src/core/report/report';
import { startFleet, type Fleet, type PortalKind } from '../../demo/fleet';
import { serve } from '../../demo/serve';
import { CLI, runCli } from './harness';
import { actionsRecipe, auditorArgs, expandGlob, kubeRecipe, words } from '../recipes';

// A sweep of 33 local portals, each on a host of its own: through --urls with two browsers at once,
// stopped midway (Ctrl-C) and resumed; the same list as three shards, merged; the failure kinds a
// sweep meets; and the two recipes docs/fleet.md ships, run as written.

const KINDS: PortalKind[] = [
  ...Array.from({ length: 30 }, (_, i): PortalKind => (i % 5 === 1 ? 'tracker' : i % 10 === 7 ? 'slow' : 'clean')),
  'hang', 'redirect-loop', 'garbage',
];

let fleet: Fleet;
let work: string;
let listFile: string;
beforeAll(async () => {
  fleet = await startFleet(KINDS);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-fleet-'));
  listFile = path.join(work, 'urls.txt');
  fs.writeFileSync(listFile, ['# the fleet of the test', '', ...fleet.urls.map((u, i) => (i === 3 ? `  ${u}  # with a comment` : u)), fleet.urls[0]].join('\n'));
});
afterAll(async () => {
  await fleet.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const summaryOf = (dir: string): FleetSummary => JSON.parse(fs.readFileSync(path.join(dir, 'fleet.json'), 'utf8')) as FleetSummary;
const COMMON = ['--timeout', '4'];

/** Runs the CLI and sends it Ctrl-C (SIGINT) once `after` sites are done. */
function runAndInterrupt(args: string[], after: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      const done = [...stderr.matchAll(/\[(\d+)\/\d+\]/g)].length;
      if (!sent && done >= after) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a fleet on one machine', () => {
  let full: FleetSummary;
  const outDir = (): string => path.join(work, 'full');

  it('is stopped by Ctrl-C with the summary of what is done, then resumed without redoing any site', async () => {
    const stopped = await runAndInterrupt(['--urls', listFile, '--out-dir', outDir(), '--concurrency', '2', ...COMMON], 8);
    expect(stopped.stderr).toMatch(/auditing 33 sites with 2 browsers at once \(\d+ cores, [\d.]+ GiB free\)/);
    expect(stopped.stderr).toMatch(/stopped: \d+ of 33 sites done; run the same command with --resume to finish/);
    expect(stopped.code).toBe(130);
    const partial = summaryOf(outDir());
    expect(partial.sites.length).toBeGreaterThanOrEqual(8);
    expect(partial.pending).toBe(33 - partial.sites.length);
    const hitsBefore = new Map(fleet.hits);
    const doneBefore = new Set(partial.sites.map((s) => s.url));
    // Without --resume the folder is not overwritten.
    const again = await runCli(['--urls', listFile, '--out-dir', outDir(), ...COMMON]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a fleet run: pass --resume to continue it/);

    const resumed = await runCli(['--urls', listFile, '--out-dir', outDir(), '--concurrency', '2', '--resume', ...COMMON]);
    expect(resumed.stderr).toMatch(/\[33\/33\]/);
    full = summaryOf(outDir());
    expect(full.pending).toBeUndefined();
    expect(full.sites.map((s) => s.url)).toEqual(fleet.urls);
    // The sites done before the stop received no request after it: nothing was redone.
    for (const url of doneBefore) expect(fleet.hits.get(url)).toBe(hitsBefore.get(url));
    expect(resumed.code).toBe(2); // three sites could not be audited
  });

  it('records every failure kind with its reason, and audits the others', () => {
    const byKind = (k: PortalKind) => full.sites.filter((s) => KINDS[s.index] === k);
    expect(byKind('hang').map((s) => [s.verdict, s.error])).toEqual([['error', expect.stringMatching(/Timeout|timed out|did not load/i)]]);
    expect(byKind('redirect-loop').map((s) => [s.verdict, s.error])).toEqual([['error', expect.stringMatching(/ERR_TOO_MANY_REDIRECTS|redirect/i)]]);
    expect(byKind('garbage').map((s) => s.verdict)).toEqual(['error']);
    expect(byKind('tracker').every((s) => s.verdict === 'fail' && s.undeclared === 1 && s.findings.high >= 1)).toBe(true);
    expect(byKind('clean').every((s) => s.verdict === 'pass' && s.undeclared === 0)).toBe(true);
    expect(byKind('slow').every((s) => s.verdict === 'pass')).toBe(true);
    expect(full.totals).toMatchObject({ sites: 33, error: 3, fail: 6, pass: 24 });
    // Each site's own report, and the summaries a person and a spreadsheet read.
    const one = full.sites.find((s) => KINDS[s.index] === 'tracker');
    const report = JSON.parse(fs.readFileSync(path.join(outDir(), one?.report ?? ''), 'utf8')) as Report;
    expect(report.cookies.map((c) => c.name).sort()).toEqual(['_pk_id.1.f1ee', 'csrftoken', 'sessionid']);
    const html = fs.readFileSync(path.join(outDir(), 'fleet.html'), 'utf8');
    expect(html.indexOf('could not be audited')).toBeLessThan(html.indexOf('>fail<'));
    expect(html).toContain(`href="${one?.report?.replace(/\.json$/, '.html')}"`);
    expect(fs.existsSync(path.join(outDir(), (one?.report ?? '').replace(/\.json$/, '.html')))).toBe(true);
    const csv = fs.readFileSync(path.join(outDir(), 'fleet.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('\ufeffurl,verdict,error,undeclared,storage_undeclared,storage_items,high,medium,low,declared_list,declared_list_source,consent_choice,consent_action,not_stopped_by_refusal,pages_audited,pages_failed,report');
    expect(csv).toHaveLength(35);
  });

  it('as three shards, merged, writes the summary the whole run wrote, site by site', async () => {
    const dirs = [0, 1, 2].map((i) => path.join(work, `shard-${i}`));
    const runs = await Promise.all(dirs.map((d, i) => runCli(['--urls', listFile, '--out-dir', d, '--shard', `${i}/3`, '--concurrency', '1', ...COMMON])));
    const sizes = dirs.map((d) => summaryOf(d).sites.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(33);
    expect(sizes.every((n) => n > 0)).toBe(true);
    expect(runs.map((r) => r.stderr.match(/auditing (\d+) sites/)?.[1])).toEqual(sizes.map(String));
    const merged = await runCli(['merge', ...dirs, '--out-dir', path.join(work, 'merged')]);
    expect(merged.stderr).toMatch(/merged 3 shards into .*fleet\.json \(33 sites\)/);
    expect(merged.code).toBe(0);
    const m = summaryOf(path.join(work, 'merged'));
    expect(m.sites).toEqual(full.sites);
    expect({ ...m, sites: [] }).toEqual({ ...full, sites: [] });
    // A missing shard, or shards of another list, are refused with a clear message.
    const missing = await runCli(['merge', dirs[0] as string, dirs[2] as string, '--out-dir', path.join(work, 'bad')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Shard 1 of 0 to 2 is missing/);
    const mixed = await runCli(['merge', ...dirs, outDir(), '--out-dir', path.join(work, 'bad')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/one shard \(--shard I\/N\) of the same N/);
  });

  it('the Kubernetes Indexed Job and the CI matrix recipes run as written, and merge into the summary of one whole run', async () => {
    // Three of the portals; their rows must be the whole run's rows for them (verdicts aside: the recipes use --fail-on none).
    const small = path.join(work, 'small.txt');
    fs.writeFileSync(small, fleet.urls.slice(0, 3).join('\n'));
    const essentials = (rows: FleetSummary['sites']) => rows.map(({ url, undeclared, findings, report, error }) => ({ url, undeclared, findings, report, error }));
    const whole = essentials(full.sites.slice(0, 3));
    // As the pods run it: the list and the volume at their paths, JOB_COMPLETION_INDEX set by Kubernetes.
    const k8s = kubeRecipe();
    const place = (a: string): string => a.replace('/config/urls.txt', small).replace(/^\/out\//, `${work}/k8s/`);
    const asPod = (cmd: string[], env: Record<string, string>): string[] =>
      auditorArgs(cmd).map((a) => place(a.replace(/\$\((\w+)\)/g, (_, v: string) => env[v] ?? ''))).flatMap(expandGlob);
    // As the matrix jobs run it: the repository mounted as the working folder of the image.
    const gha = actionsRecipe();
    const [auditRun, mergeRun] = [...gha.runs('audit'), ...gha.runs('merge')].filter((r) => r.startsWith('docker run'));
    if (!auditRun || !mergeRun) throw new Error('the workflow runs no image');
    // GitHub substitutes ${{ matrix.shard }} before the shell splits the line.
    const asJob = (line: string, shard?: number): string[] =>
      auditorArgs(words(line.replace(/\$\{\{ matrix\.shard \}\}/g, String(shard)))).map((a) => (a === 'urls.txt' ? small : a.replace(/^out\//, `${work}/gha/`))).flatMap(expandGlob);
    // The three pods and the three matrix jobs, all at once, as the engines would run them.
    await Promise.all([
      ...[0, 1, 2].map((i) => runCli(asPod(k8s.audit, { JOB_COMPLETION_INDEX: String(i) }))),
      ...gha.shards.map((sh) => runCli(asJob(auditRun, sh))),
    ]);
    const merged = await runCli(asPod(k8s.merge, {}));
    expect(merged.code).toBe(0);
    expect(essentials(summaryOf(`${work}/k8s/fleet`).sites)).toEqual(whole);

    expect((await runCli(asJob(mergeRun))).code).toBe(0);
    expect(essentials(summaryOf(`${work}/gha/fleet`).sites)).toEqual(whole);
  });
});

it('a browser that dies mid-site: that site is recorded as failed, and the next one gets a new browser', async () => {
  const list = path.join(work, 'crash.txt');
  const hang = fleet.urls[KINDS.indexOf('hang')] as string;
  fs.writeFileSync(list, [fleet.urls[0], hang, fleet.urls[2]].join('\n'));
  const out = path.join(work, 'crash');
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, '--urls', list, '--out-dir', out, '--concurrency', '1', '--timeout', '8'], { env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (killed || !stderr.includes('[1/3]')) return;
      killed = true;
      // While the hanging site holds the browser, kill that browser as a crash would.
      setTimeout(() => {
        for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
          try {
            const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
            if (ppid === child.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) process.kill(Number(pid), 'SIGKILL');
          } catch {
            // gone already
          }
        }
      }, 1500);
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
  expect(result.stderr).toMatch(/\[3\/3\]/);
  const s = summaryOf(out);
  expect(s.sites.map((x) => x.verdict)).toEqual(['pass', 'error', 'pass']);
  expect(s.sites[1]?.error).toMatch(/closed|crash|Target|disconnected/i);
  expect(result.code).toBe(2);
});

it('takes the sites of a sitemap, through a sitemap index', async () => {
  const pages = fleet.urls.slice(0, 2);
  const sitemaps = await serve('127.0.0.19', {
    '/sitemap.xml': () => ({ type: 'application/xml', body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin()}/pages.xml</loc></sitemap></sitemapindex>` }),
    '/pages.xml': () => ({ type: 'application/xml', body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${pages.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>` }),
  });
  const origin = (): string => sitemaps.origin;
  try {
    const out = path.join(work, 'sitemap');
    const run = await runCli(['--urls', `${sitemaps.origin}/sitemap.xml`, '--out-dir', out, ...COMMON]);
    expect(run.stderr).toMatch(/auditing 2 sites/);
    expect(summaryOf(out).sites.map((x) => x.url)).toEqual(pages);
  } finally {
    await sitemaps.close();
  }
});

it('bad input: an empty list, a line that is no URL, a bad shard', async () => {
  const empty = path.join(os.tmpdir(), `ca-empty-${process.pid}.txt`);
  fs.writeFileSync(empty, '# nothing\n\n');
  expect((await runCli(['--urls', empty, '--out-dir', os.tmpdir()])).stderr).toMatch(/holds no URL/);
  fs.writeFileSync(empty, 'http://127.0.0.1/\nftp://example.org/\n');
  expect((await runCli(['--urls', empty, '--out-dir', os.tmpdir()])).stderr).toMatch(/line 2: Only http and https/);
  fs.rmSync(empty);
  expect((await runCli(['--urls', 'x.txt', '--out-dir', os.tmpdir(), '--shard', '3/3'])).stderr).toMatch(/--shard takes I\/N, I from 0 to N-1/);
  expect((await runCli(['--urls', 'x.txt'])).stderr).toMatch(/--urls needs --out-dir DIR/);
});
