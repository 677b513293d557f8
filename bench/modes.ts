import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoPortal } from '../demo/portal';
import { startRealisticPortal } from '../demo/realistic';
import { serve } from '../demo/serve';
import { chromiumDriver } from '../src/cli/browser/chromium-driver';
import { defaultExtensionDir, launch, type Launched } from '../src/cli/browser/launch';
import { loadOnce, median, ms, type Row } from './measure';

// The cost of each recording mode, side by side in one run (issue 19): page loads alternate between
// browsers without the extension, with it in passive mode (the default while browsing), with it in
// full-evidence mode (what the command line records), and with an extension holding only the two
// listeners full evidence needs, doing nothing. Medians of the runs, with their min and max.

type Log = (s: string) => void;

const spread = (xs: number[], f: (x: number) => string = ms): string => `median ${f(median(xs))} (min ${f(Math.min(...xs))}, max ${f(Math.max(...xs))})`;

/** Loads `url` in each browser in turn, `runs` times after a warm-up, and returns each one's load times. */
async function alternate(browsers: Record<string, Launched>, url: string, runs: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(browsers).map((k) => [k, []]));
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, l] of Object.entries(browsers)) {
      const { load: t } = await loadOnce(l, url);
      if (i >= 2) out[name]?.push(t);
    }
  }
  return out;
}

/**
 * A throwaway MV3 extension for a floor: its worker (the given lines, then the ready flag the launcher
 * waits for), its permissions, and any other files and manifest keys it needs.
 */
function floorExtension(name: string, permissions: string[], worker: string[], more: { manifest?: object; files?: Record<string, string> } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-floor-'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name, version: '1', background: { service_worker: 'background.js' },
    permissions, host_permissions: ['<all_urls>'], ...more.manifest,
  }));
  fs.writeFileSync(path.join(dir, 'background.js'), [...worker, 'self.__cookieAuditorReady = true;'].join('\n'));
  for (const [file, text] of Object.entries(more.files ?? {})) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** An extension with only the two listeners full evidence needs, doing nothing: the floor of any such extension. */
export function listenersOnlyExtension(): string {
  return floorExtension('listeners only', ['cookies', 'webRequest'], [
    'chrome.cookies.onChanged.addListener(() => {});',
    "chrome.webRequest.onHeadersReceived.addListener(() => {}, { urls: ['<all_urls>'] }, ['responseHeaders', 'extraHeaders']);",
  ]);
}

/**
 * The floor of passive mode: the listeners it registers (no extraHeaders) and two content scripts
 * in every frame at document_start, one in the page's world and one isolated, all doing nothing.
 */
function passiveFloorExtension(): string {
  const everyFrame = { matches: ['<all_urls>'], run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true };
  return floorExtension('passive floor', ['cookies', 'webRequest'], [
    'chrome.cookies.onChanged.addListener(() => {});',
    "chrome.webRequest.onHeadersReceived.addListener(() => {}, { urls: ['<all_urls>'] });",
  ], {
    manifest: { content_scripts: [{ ...everyFrame, js: ['main.js'], world: 'MAIN' }, { ...everyFrame, js: ['isolated.js'] }] },
    files: { 'main.js': '', 'isolated.js': '' },
  });
}

const ratioRow = (name: string, a: number[], b: number[], aName: string, bName: string, target: number): Row => {
  const r = median(a) / median(b);
  // Per run: the spread of the ratio itself, each run's pair taken side by side.
  const pairs = a.map((x, i) => x / (b[i] ?? x));
  return {
    case: name,
    figure: `${aName} ${spread(a)}, ${bName} ${spread(b)}: ratio ${r.toFixed(3)} (per run min ${Math.min(...pairs).toFixed(3)}, max ${Math.max(...pairs).toFixed(3)})`,
    target: `≤ ${target.toFixed(2)}×`,
    met: r <= target,
  };
};

/** A page with 20 iframes of its own site, each a small document. */
async function iframesPage(): Promise<{ url: string; close: () => Promise<void> }> {
  const s = await serve('127.0.0.1', {
    '/frames': () => ({ body: `<!doctype html><h1>20 frames</h1>${Array.from({ length: 20 }, (_, i) => `<iframe src="/f?i=${i}"></iframe>`).join('')}` }),
    '/f': () => ({ body: '<!doctype html><p>frame</p>' }),
  });
  return { url: `${s.origin}/frames`, close: s.close };
}

export async function modeCosts(runs: number, log: Log): Promise<Row[]> {
  const floorDir = listenersOnlyExtension();
  const passiveFloorDir = passiveFloorExtension();
  const [none, passive, full, floor, pfloor] = [await launch({ bare: true }), await launch({ evidence: 'passive' }), await launch(), await launch({ extensionDir: floorDir }), await launch({ extensionDir: passiveFloorDir })];
  const realistic = await startRealisticPortal();
  const demo = await startDemoPortal();
  const frames = await iframesPage();
  const rows: Row[] = [];
  const detail = (row: Row): Row => ({ ...row, target: '(floor)', met: null });
  try {
    const r = await alternate({ none, passive, full, floor, pfloor }, realistic.url, runs);
    log(`realistic page: ${Object.entries(r).map(([k, v]) => `${k} ${ms(median(v))}`).join(', ')}`);
    rows.push(ratioRow('Realistic portal page (41 requests, 20–50 ms latency, a 200 KB script, 6 cookies): passive mode vs no extension', r.passive ?? [], r.none ?? [], 'passive', 'none', 1.05));
    rows.push(detail(ratioRow('The same page: the floor of passive mode (its listeners and two content scripts in every frame, all doing nothing) vs no extension', r.pfloor ?? [], r.none ?? [], 'floor', 'none', Infinity)));
    rows.push(ratioRow('The same page: full-evidence mode vs an extension with only the two listeners full evidence needs, doing nothing', r.full ?? [], r.floor ?? [], 'full', 'floor', 1.03));
    rows.push(detail(ratioRow('The same page: that two-listener floor vs no extension (what extraHeaders alone costs)', r.floor ?? [], r.none ?? [], 'floor', 'none', Infinity)));
    const bare = await alternate({ none, passive, pfloor }, `${frames.url.replace('/frames', '/f')}`, runs);
    rows.push(ratioRow('A bare page (no cookies): passive mode vs no extension', bare.passive ?? [], bare.none ?? [], 'passive', 'none', 1.05));
    rows.push(detail(ratioRow('The same bare page: the floor of passive mode vs no extension', bare.pfloor ?? [], bare.none ?? [], 'floor', 'none', Infinity)));
    const d = await alternate({ none, passive, pfloor }, demo.url, runs);
    rows.push(ratioRow('The demo portal: passive mode vs no extension', d.passive ?? [], d.none ?? [], 'passive', 'none', 1.05));
    rows.push(detail(ratioRow('The demo portal: the floor of passive mode vs no extension', d.pfloor ?? [], d.none ?? [], 'floor', 'none', Infinity)));
    const f = await alternate({ none, passive, pfloor }, frames.url, runs);
    const perFrame = (x: number[]): number => (median(x) - median(f.none ?? [])) / 20;
    rows.push({
      case: 'A page with 20 iframes: passive mode vs no extension, per frame',
      figure: `passive ${spread(f.passive ?? [])}, none ${spread(f.none ?? [])}: ${perFrame(f.passive ?? []).toFixed(2)} ms more per frame`,
      target: '≤ 1 ms per frame',
      met: perFrame(f.passive ?? []) <= 1,
    });
    rows.push({
      case: 'The same page: the floor of passive mode (two empty content scripts in every frame) vs no extension, per frame',
      figure: `floor ${spread(f.pfloor ?? [])}: ${perFrame(f.pfloor ?? []).toFixed(2)} ms more per frame`,
      target: '(floor)',
      met: null,
    });
  } finally {
    await Promise.all([none.close(), passive.close(), full.close(), floor.close(), pfloor.close(), realistic.close(), demo.close(), frames.close()]);
    fs.rmSync(floorDir, { recursive: true, force: true });
    fs.rmSync(passiveFloorDir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The least any extension pays from its worker's start to a fact stored: a worker of a few lines
 * with the same listeners, storing one record on the first event.
 */
function factFloorExtension(): string {
  return floorExtension('one fact', ['cookies', 'webRequest', 'storage'], [
    'const fact = () => chrome.storage.session.set({ [`f${Date.now()}${Math.random()}`]: 1 })',
    '  .then(() => { self.__cookieAuditorFirstFactAt ??= performance.timeOrigin + performance.now(); });',
    'chrome.cookies.onChanged.addListener(fact);',
    "chrome.webRequest.onBeforeRequest.addListener(fact, { urls: ['<all_urls>'], types: ['main_frame'] });",
    // The page the driver stops the worker from, as it does ours (src/cli/browser/query.html).
  ], { files: { 'query.html': '<!doctype html><title>floor</title>' } });
}

/** Stops the worker, loads a page that sets a cookie, and reads how long after its start the worker stored a fact. */
async function wakeOnce(l: Launched, origin: string, i: number): Promise<number | null> {
  await chromiumDriver(l).stopBackground();
  await new Promise((r) => setTimeout(r, 300));
  const p = await l.context.newPage();
  const woke = l.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => null);
  await p.goto(`${origin}/c?i=${i}`);
  const worker = (await woke) ?? l.context.serviceWorkers().at(-1);
  if (!worker) throw new Error('the worker did not start again');
  let t: number | null = null;
  for (let k = 0; k < 100 && t === null; k++) {
    t = await worker.evaluate(() => {
      const g = globalThis as { __cookieAuditorFirstFactAt?: number };
      return g.__cookieAuditorFirstFactAt === undefined ? null : g.__cookieAuditorFirstFactAt - performance.timeOrigin;
    });
    if (t === null) await new Promise((r) => setTimeout(r, 20));
  }
  await p.close();
  return t;
}

export async function workerWake(runs: number, log: Log): Promise<Row[]> {
  const sizes = ['background.js', 'relay.js', 'page-hook.js', 'popup.js'].map((f) => `${f} ${Math.round(fs.statSync(path.join(defaultExtensionDir(), f)).size / 1024)} KiB`).join(', ');
  const floorDir = factFloorExtension();
  const [ours, floor] = [await launch(), await launch({ extensionDir: floorDir })];
  const page = await serve('127.0.0.1', { '/c': (u) => ({ body: '<!doctype html><p>one cookie</p>', cookies: [`wake_${u.searchParams.get('i') ?? 0}=1; Path=/`] }) });
  const times: number[] = [];
  const floors: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const a = await wakeOnce(ours, page.origin, i);
      if (a !== null) times.push(a);
      const b = await wakeOnce(floor, page.origin, i);
      if (b !== null) floors.push(b);
    }
  } finally {
    await Promise.all([ours.close(), floor.close(), page.close()]);
    fs.rmSync(floorDir, { recursive: true, force: true });
  }
  log(`worker wake → first fact: ${spread(times)}; a worker of a few lines: ${spread(floors)}; ${sizes}`);
  return [
    { case: `Worker wake → first fact stored (the worker's own clock; ${sizes})`, figure: spread(times), target: '≤ 50 ms', met: median(times) <= 50 },
    { case: 'The same for a worker of a few lines with the same listeners, storing one record (the floor), woken alternately', figure: spread(floors), target: '(floor)', met: null },
  ];
}
