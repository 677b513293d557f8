import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../demo/serve';
import { defaultExtensionDir, findChromium } from '../src/cli/browser/launch';
import { median, type Row } from './measure';

// A script's writes timed in a browser that no automation is attached to: Chromium started as a
// person starts it (with the extension or without), the page timing its own loops and posting the
// figures back. Playwright keeps the DevTools protocol attached to every page it drives, which
// weighs on each captured call stack; a person browsing with the extension has nothing attached.
// The page is opened through the DevTools HTTP endpoint (/json/new), which attaches no session to
// it: a URL given on the command line never loads when an unpacked extension starts with it.

const WRITES = 1000;

function page(): string {
  return `<!doctype html><meta charset="utf-8"><title>writes</title><p>writes</p><script>
  // The hook replaces the cookie setter with its own function, named "set"; the browser's is "set cookie".
  const hooked = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie').set.name === 'set';
  localStorage.clear();
  let t0 = performance.now();
  for (let i = 0; i < ${WRITES}; i++) document.cookie = 'undriven_' + i + '=' + i + '; path=/; max-age=600';
  const cookie = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < ${WRITES}; i++) localStorage.setItem('undriven_' + i, String(i));
  const storage = performance.now() - t0;
  fetch('/done?' + new URLSearchParams({ cookie, storage, hooked }));
</script>`;
}

type Timing = { cookie: number; storage: number; hooked: boolean };

/** Waits for the browser's DevTools port, lets the extension start, then opens the URL in a new tab. */
async function openWhenReady(profile: string, url: string): Promise<void> {
  const file = path.join(profile, 'DevToolsActivePort');
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(file) || fs.readFileSync(file, 'utf8').split('\n')[0] === '') {
    if (Date.now() > deadline) throw new Error('Chromium never opened its DevTools port');
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = fs.readFileSync(file, 'utf8').split('\n')[0];
  // The extension's content scripts are registered a moment after the browser starts.
  await new Promise((r) => setTimeout(r, 1500));
  const res = await fetch(`http://127.0.0.1:${port}/json/new?${url}`, { method: 'PUT' });
  if (!res.ok) throw new Error(`Chromium did not open ${url}: HTTP ${res.status}`);
}

export async function undrivenWrites(runs: number, log: (s: string) => void): Promise<Row[]> {
  let settle: ((t: Timing) => void) | null = null;
  const server = await serve('127.0.0.1', {
    '/w': () => ({ body: page() }),
    '/done': (u) => {
      settle?.({ cookie: Number(u.searchParams.get('cookie')), storage: Number(u.searchParams.get('storage')), hooked: u.searchParams.get('hooked') === 'true' });
      return { body: 'ok' };
    },
  });
  const once = async (extension: string | null): Promise<Timing> => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-undriven-'));
    const got = new Promise<Timing>((resolve, reject) => {
      settle = resolve;
      setTimeout(() => reject(new Error('the undriven page never reported its timing')), 30_000);
    });
    const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--remote-debugging-port=0', `--user-data-dir=${profile}`];
    if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
    // A process group of its own: Debian's chromium is a shell script, and the browser its child.
    const child = spawn(findChromium(), [...args, 'about:blank'], { stdio: 'ignore', detached: true });
    try {
      await openWhenReady(profile, `${server.origin}/w`);
      const t = await got;
      if (t.hooked !== (extension !== null)) throw new Error(`the page's cookie setter was ${t.hooked ? '' : 'not '}the extension's`);
      return t;
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
      await new Promise((r) => setTimeout(r, 300));
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  };
  const bare: Timing[] = [];
  const ext: Timing[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      bare.push(await once(null));
      ext.push(await once(defaultExtensionDir()));
    }
  } finally {
    await server.close();
  }
  const rows = (['cookie', 'storage'] as const).map((kind): Row => {
    const pairs = ext.map((x, i) => ((x[kind] - (bare[i]?.[kind] ?? 0)) / WRITES) * 1000);
    const more = ((median(ext.map((x) => x[kind])) - median(bare.map((x) => x[kind]))) / WRITES) * 1000;
    const figure = `${more.toFixed(1)} µs more per write (per pair min ${Math.min(...pairs).toFixed(1)}, max ${Math.max(...pairs).toFixed(1)}); ${median(bare.map((x) => x[kind])).toFixed(1)} ms for ${WRITES.toLocaleString('en')} without the extension`;
    log(`undriven ${kind} writes: ${figure}`);
    return {
      case: `A script's ${kind === 'cookie' ? 'document.cookie' : 'localStorage.setItem'} write in a browser no automation is attached to (passive mode, ${runs} alternated launches), the call stack still attributed`,
      figure,
      target: '≤ 8 µs per write',
      met: more <= 8,
    };
  });
  return rows;
}
