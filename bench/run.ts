import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDemoPortal } from '../demo/portal';
import { compare } from '../src/core/judgement/compare';
import type { AuditEvent } from '../src/core/evidence/cookie';
import type { DeclaredList } from '../src/core/declared/declared';
import { observedCookies } from '../src/core/evidence/jar';
import { findChromium, launch, type Launched } from '../src/cli/browser/launch';
import { extensionReport, tabIdOf } from '../src/cli/browser/chromium-driver';
import { startBenchPages } from './pages';
import { fleetSpeed } from './fleet';
import { listenersOnlyExtension, modeCosts, workerWake } from './modes';
import { loadOnce, median, ms, type Row } from './measure';
import { popupAtScale } from './popup';
import { undrivenWrites } from './undriven';

// `npm run bench`: the cost of cookie-auditor, measured in real headless Chromium and printed as
// medians, with the ratio to the same browser without the extension measured side by side.
// Results go to docs/bench/results.md (linked from the README) and results.json.

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;

const log = (s: string): void => void process.stderr.write(`bench: ${s}\n`);

/** Loads a page alternately with and without the extension, so both see the same machine state. */
async function pageLoad(bare: Launched, ext: Launched, url: string, label: string): Promise<Row[]> {
  const with_: Array<{ load: number; write: number }> = [];
  const without: Array<{ load: number; write: number }> = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const a = await loadOnce(bare, url);
    const b = await loadOnce(ext, url);
    if (i >= WARMUP) {
      without.push(a);
      with_.push(b);
    }
  }
  const lw = median(with_.map((x) => x.load));
  const lo = median(without.map((x) => x.load));
  const ww = median(with_.map((x) => x.write));
  const wo = median(without.map((x) => x.write));
  const writes = Number(/(\d[\d,]*) (?:script|localStorage)/.exec(label)?.[1]?.replace(',', '') ?? 0);
  const perWrite = writes ? ((ww - wo) / writes) * 1000 : 0;
  // Per alternated pair, so the spread is that of the added cost, not of the machine.
  const pairs = with_.map((x, i) => (writes ? ((x.write - (without[i]?.write ?? 0)) / writes) * 1000 : 0));
  const spread = writes ? ` (min ${Math.min(...pairs).toFixed(1)}, max ${Math.max(...pairs).toFixed(1)})` : '';
  const storage = /localStorage/.test(label);
  log(`${label}: load ${ms(lw)} with vs ${ms(lo)} without; writes ${ms(ww)} vs ${ms(wo)}`);
  return [
    { case: `${label}: page load`, figure: `${ms(lw)} with, ${ms(lo)} without: ratio ${(lw / lo).toFixed(3)}`, target: '≤ 1.03', met: lw / lo <= 1.03 },
    {
      case: `${label}: the script's ${storage ? 'storage' : 'cookie'} writes alone`,
      figure: `${ms(ww)} with, ${ms(wo)} without: ${writes ? `${perWrite.toFixed(1)} µs more per write${spread}` : ''}`,
      // Issue 19 sets 8 µs per cookie write, the call stack still attributed; a storage write is held to the same bar.
      target: writes ? '≤ 8 µs per write' : '(detail)',
      met: writes ? perWrite <= 8 : null,
    },
  ];
}

function declaredListOf(size: number): DeclaredList {
  // Six in ten exact names, four in ten patterns with varied prefixes, as a large portal's list.
  const cookies = Array.from({ length: size }, (_, i) => ({
    name: i % 5 < 3 ? `name_${i}` : `pfx${i % 97}_${i}_*`,
    provider: 'P',
    function: 'f',
    purpose: 'p',
  }));
  return { name: 'bench', source: 'bench', cookies };
}

function observed(n: number): ReturnType<typeof observedCookies> {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    const name = i % 3 === 0 ? `name_${i % 1000}` : i % 3 === 1 ? `pfx${i % 97}_${i % 1000}_x${i}` : `unknown_${i}`;
    events.push({
      kind: 'set', at: i,
      cookie: { name, value: 'v', domain: `site${i % 50}.example`, path: '/', hostOnly: true, secure: false, httpOnly: false, sameSite: 'lax', session: true, storeId: '0' },
      setBy: { kind: 'unknown', at: i },
    });
  }
  return observedCookies(events);
}

function coreThroughput(): Row[] {
  const list = declaredListOf(1000);
  const time = (n: number): number => {
    const obs = observed(n);
    compare(obs, list); // warm the JIT
    const xs: number[] = [];
    for (let i = 0; i < 7; i++) {
      // A collection before each run, so one run does not pay for the garbage of the one before.
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      compare(obs, list);
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const small = time(100_000);
  const large = time(1_000_000);
  log(`core: 100,000 cookies in ${ms(small)}, 1,000,000 in ${ms(large)}`);
  return [
    { case: 'Core: 100,000 cookies vs a declared list of 1,000 names and patterns', figure: ms(small), target: '≤ 100 ms', met: small <= 100 },
    { case: 'Core: 10× the cookies (1,000,000)', figure: `${ms(large)}: ${(large / small).toFixed(1)}× the time`, target: '≤ 11×', met: large / small <= 11 },
  ];
}

function wall(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - t0));
  });
}

async function cliVsFloor(): Promise<Row[]> {
  const demo = await startDemoPortal();
  const cli = path.join(__dirname, '../src/cli/audit.js');
  const floor = path.join(__dirname, 'floor.js');
  const listeners = listenersOnlyExtension();
  const a: number[] = [];
  const s: number[] = [];
  const x: number[] = [];
  const b: number[] = [];
  try {
    const runs = Math.max(3, Math.round(RUNS / 3));
    for (let i = 0; i < runs + 1; i++) {
      const f = await wall(process.execPath, [floor, demo.url]);
      const fs_ = await wall(process.execPath, [floor, demo.url, '--settle']);
      const fx = await wall(process.execPath, [floor, demo.url, '--settle', '--extension', listeners]);
      const c = await wall(process.execPath, [cli, demo.url, '--format', 'json']);
      if (i > 0) {
        a.push(f);
        s.push(fs_);
        x.push(fx);
        b.push(c);
      }
    }
  } finally {
    await demo.close();
    fs.rmSync(listeners, { recursive: true, force: true });
  }
  const f = median(a);
  const fSettled = median(s);
  const fExtension = median(x);
  const c = median(b);
  log(`CLI: ${ms(c)} vs floor ${ms(f)} (settled floor ${ms(fSettled)}, with an extension of two listeners ${ms(fExtension)})`);
  return [
    { case: 'CLI audit of the demo portal vs the bare browser opening it and closing (floor)', figure: `${ms(c)} vs ${ms(f)}: ${(c / f).toFixed(2)}×`, target: '≤ 1.5×', met: c / f <= 1.5 },
    { case: 'The same CLI audit vs the bare browser that also waits for the network to be quiet, as any audit must', figure: `${ms(c)} vs ${ms(fSettled)}: ${(c / fSettled).toFixed(2)}×`, target: '≤ 1.25×', met: c / fSettled <= 1.25 },
    { case: 'That settled floor with an extension of two listeners loaded first, its worker waited for as the CLI does', figure: `${ms(fExtension)}: ${(fExtension / fSettled).toFixed(2)}× the settled floor`, target: '(floor)', met: null },
  ];
}

async function workerHeap(ext: Launched): Promise<number> {
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`));
    if (!sw) throw new Error('no service worker to measure');
    // Playwright's CDP session speaks to the page: reach the worker through the (non-flat) target messages.
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    let next = 0;
    const waiting = new Map<number, (m: { result?: Record<string, number> }) => void>();
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id: number; result?: Record<string, number> };
      waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    });
    const send = (method: string): Promise<{ result?: Record<string, number> }> =>
      new Promise((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
      });
    await send('HeapProfiler.collectGarbage');
    return (await send('Runtime.getHeapUsage')).result?.usedSize ?? NaN;
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/**
 * Memory after 10,000 cookie events recorded for real: a page that writes 1,000 cookies, loaded
 * again and again in one tab (Chromium evicts past 180 per domain, which adds events).
 */
async function memoryAfterEvents(origin: string): Promise<Row[]> {
  const ext = await launch();
  try {
    const page = await ext.context.newPage();
    const tabId = await (async () => {
      await page.goto(`${origin}/scripts`);
      return tabIdOf(ext, page);
    })();
    const heapBefore = await workerHeap(ext);
    const worker = ext.worker as NonNullable<Launched['worker']>;
    const eventsOf = async (): Promise<number> => (await extensionReport(ext, tabId))?.cookies.reduce((n, c) => n + c.eventCount, 0) ?? 0;
    let events = 0;
    for (let i = 0; i < 30 && events < 10_000; i++) {
      await page.goto(`${origin}/scripts?load=${i}`);
      await new Promise((r) => setTimeout(r, 300));
      events = await eventsOf().catch(() => events);
    }
    // Let the badge update and the summaries past the cap run: measure once storage stops changing.
    let bytes = -1;
    for (let i = 0, last = -2; i < 60 && bytes !== last; i++) {
      last = bytes;
      await new Promise((r) => setTimeout(r, 1000));
      bytes = await worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
    }
    events = await eventsOf().catch(() => events);
    const heap = await workerHeap(ext);
    const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
    log(`memory: ${events} events, heap ${mb(heap)} (after the first page ${mb(heapBefore)}), storage ${mb(bytes)}`);
    return [
      { case: `Service worker JS heap after ${events.toLocaleString('en')} cookie events in one tab`, figure: `${mb(heap)} (${mb(heapBefore)} after the first page)`, target: '≤ 30 MB', met: heap <= 30 * 1024 * 1024 },
      { case: 'Storage the extension keeps for that tab (cap: 2,000 changes in full, older ones summarised)', figure: `${Math.round(bytes / 1024)} KiB`, target: '(bounded)', met: null },
    ];
  } finally {
    await ext.close();
  }
}

async function crawlSpeed(origin: string): Promise<Row[]> {
  const cli = path.join(__dirname, '../src/cli/audit.js');
  const times: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < 3; i++) {
    times.push(await wall(process.execPath, [cli, `${origin}/site?p=0`, '--pages', '20', '--format', 'json']));
    one.push(await wall(process.execPath, [cli, `${origin}/site?p=0`, '--format', 'json']));
  }
  const t = median(times);
  const first = median(one);
  log(`crawl: 20 pages in ${ms(t)}, the first page alone ${ms(first)}`);
  return [
    { case: 'CLI crawl of a 20-page local portal (`--pages 20`, 4 tabs), launch included', figure: `${ms(t)}: ${(20 / (t / 1000)).toFixed(1)} pages/s`, target: '≥ 5 pages/s', met: 20 / (t / 1000) >= 5 },
    { case: 'The same crawl past its first page: the 19 other pages, in the time the whole crawl takes beyond a one-page audit', figure: `${ms(t - first)}: ${(19 / ((t - first) / 1000)).toFixed(1)} pages/s (a one-page audit ${ms(first)})`, target: '(detail)', met: null },
  ];
}

/** Parts of the bench that can run alone, each with what it needs. */
const benchParts: Record<string, () => Promise<Row[]>> = {
  fleet: () => fleetSpeed(log),
  modes: async () => [...(await modeCosts(RUNS, log)), ...(await workerWake(Math.max(5, Math.round(RUNS / 2)), log))],
  writes: () => withPages(async (origin) => {
    const floorDir = listenersOnlyExtension();
    const [b, e, f] = [await launch({ bare: true }), await launch({ evidence: 'passive' }), await launch({ extensionDir: floorDir })];
    try {
      return [...(await pageLoad(b, e, `${origin}/scripts`, '1,000 script cookies (passive)')), ...(await pageLoad(b, f, `${origin}/scripts`, '1,000 script cookies, two-listener floor'))];
    } finally {
      await Promise.all([b.close(), e.close(), f.close()]);
      fs.rmSync(floorDir, { recursive: true, force: true });
    }
  }),
  undriven: () => undrivenWrites(Math.max(5, Math.round(RUNS / 2)), log),
  wake: () => workerWake(Math.max(5, Math.round(RUNS / 2)), log),
  cli: () => cliVsFloor(),
  storage: () => withPages(async (origin) => {
    const [b, e] = [await launch({ bare: true }), await launch()];
    try {
      return await pageLoad(b, e, `${origin}/storage`, '1,000 localStorage writes');
    } finally {
      await Promise.all([b.close(), e.close()]);
    }
  }),
  popup: () => withPages((origin) => popupAtScale(origin, RUNS, log)),
  crawl: () => withPages(crawlSpeed),
};

async function withPages(run: (origin: string) => Promise<Row[]>): Promise<Row[]> {
  const pages = await startBenchPages();
  try {
    return await run(pages.origin);
  } finally {
    await pages.close();
  }
}

async function main(): Promise<void> {
  const chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8' }).trim();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromium}`;
  log(machine);
  const rows: Row[] = [];
  // One part of the bench on its own (BENCH_ONLY=popup …), while working on it.
  const only = process.env.BENCH_ONLY;
  if (only) {
    const part = benchParts[only];
    if (!part) throw new Error(`BENCH_ONLY=${only}: choose one of ${Object.keys(benchParts).join(', ')}`);
    const parts = await part();
    process.stdout.write(parts.map((r) => `| ${r.case} | ${r.figure} | ${r.target} | ${r.met} |`).join('\n') + '\n');
    return;
  }
  rows.push(...coreThroughput());
  const pages = await startBenchPages();
  const bare = await launch({ bare: true });
  const ext = await launch();
  try {
    rows.push(...(await pageLoad(bare, ext, `${pages.origin}/none`, 'No cookies (the content scripts alone)')).slice(0, 1));
    const demo = await startDemoPortal();
    try {
      rows.push(...(await pageLoad(bare, ext, demo.url, 'The demo portal (a realistic page, 6 cookies)')).slice(0, 1));
    } finally {
      await demo.close();
    }
    rows.push(...(await pageLoad(bare, ext, `${pages.origin}/mixed`, '200 header + 200 script cookies')));
    const floorDir = listenersOnlyExtension();
    const listeners = await launch({ extensionDir: floorDir });
    try {
      const [row] = await pageLoad(bare, listeners, `${pages.origin}/mixed`, '200 header + 200 script cookies, an extension with only the two listeners an audit needs, doing nothing');
      if (row) rows.push({ ...row, target: '(floor of any such extension)', met: null });
      // What a script's cookie write costs with an extension that only listens to cookie changes:
      // the browser tells every such extension of each change, whatever it then does.
      const [, writes] = await pageLoad(bare, listeners, `${pages.origin}/scripts`, '1,000 script cookies, the same two-listener extension doing nothing');
      if (writes) rows.push({ ...writes, target: '(floor of any such extension)', met: null });
    } finally {
      await listeners.close();
      fs.rmSync(floorDir, { recursive: true, force: true });
    }
    rows.push(...(await pageLoad(bare, ext, `${pages.origin}/scripts`, '1,000 script cookies')));
    rows.push(...(await pageLoad(bare, ext, `${pages.origin}/storage`, '1,000 localStorage writes')));
    await bare.close();
    await ext.close();
    // A browser of its own: the page-load runs above filled the session storage of the other.
    rows.push(...(await popupAtScale(pages.origin, RUNS, log)));
    rows.push(...(await crawlSpeed(pages.origin)));
    rows.push(...(await memoryAfterEvents(pages.origin)));
  } finally {
    await bare.close();
    await ext.close();
    await pages.close();
  }
  rows.push(...(await modeCosts(RUNS, log)));
  rows.push(...(await undrivenWrites(Math.max(5, Math.round(RUNS / 2)), log)));
  rows.push(...(await workerWake(Math.max(5, Math.round(RUNS / 2)), log)));
  rows.push(...(await cliVsFloor()));
  rows.push(...(await fleetSpeed(log)));

  const table = [
    '| Case | Median | Target | Met |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.case} | ${r.figure} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  const when = new Date().toISOString();
  const md = `# Benchmark results\n\nRun ${when} by \`npm run bench\` (${RUNS} runs per case after ${WARMUP} warm-ups; page loads alternate with and without the extension).\n\nMachine: ${machine}\n\n${table}\n`;
  process.stdout.write(`\n${md}`);
  const outDir = path.resolve(process.env.BENCH_OUT ?? path.join(__dirname, '../../../docs/bench'));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'results.md'), md);
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ when, machine, runs: RUNS, rows }, null, 2) + '\n');
  log(`wrote ${path.relative(process.cwd(), path.join(outDir, 'results.md'))}`);
}

void main();
