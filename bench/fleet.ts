import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFleet, type PortalKind } from '../demo/fleet';

// The fleet case of `npm run bench`: 40 local portals (clean, with an undeclared tracker, slow,
// failing) audited through `--urls` at 1, 2 and 4 browsers at once, one after the other on the
// same machine; pages per minute, the speed-up against one browser, and the memory a browser takes.

export interface FleetRow {
  case: string;
  figure: string;
  target: string;
  met: boolean | null;
}

const KINDS: PortalKind[] = Array.from({ length: 40 }, (_, i): PortalKind => (i === 13 ? 'hang' : i === 27 ? 'redirect-loop' : i === 35 ? 'garbage' : i % 4 === 1 ? 'tracker' : i % 8 === 6 ? 'slow' : 'clean'));

/** Resident memory (KiB) of the browsers this run started and all their processes: their profiles are cookie-auditor-* folders. */
function browsersRss(): number {
  const procs = new Map<number, { ppid: number; rss: number; root: boolean }>();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const status = fs.readFileSync(`/proc/${d}/status`, 'utf8');
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
      procs.set(Number(d), {
        ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0),
        rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
        root: cmd.includes('chromium') && cmd.includes('--user-data-dir=') && cmd.includes('cookie-auditor-'),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const counted = (pid: number): boolean => {
    for (let p = procs.get(pid), hops = 0; p && hops < 10; p = procs.get(p.ppid), hops++) if (p.root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of procs) if (counted(pid)) total += p.rss;
  return total;
}

function runFleet(cli: string, list: string, concurrency: number): Promise<{ ms: number; peakRssKiB: number }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-bench-fleet-'));
  const start = Date.now();
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, browsersRss());
  }, 250);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--urls', list, '--out-dir', out, '--concurrency', String(concurrency), '--timeout', '4', '--fail-on', 'none'], { stdio: 'ignore' });
    child.on('close', () => {
      clearInterval(sampler);
      fs.rmSync(out, { recursive: true, force: true });
      resolve({ ms: Date.now() - start, peakRssKiB: peak });
    });
  });
}

export async function fleetSpeed(log: (s: string) => void): Promise<FleetRow[]> {
  const fleet = await startFleet(KINDS, 100);
  const list = path.join(os.tmpdir(), `cookie-auditor-bench-fleet-${process.pid}.txt`);
  fs.writeFileSync(list, fleet.urls.join('\n'));
  const cli = path.join(__dirname, '../src/cli/audit.js');
  const rows: FleetRow[] = [];
  try {
    let base = 0;
    for (const k of [1, 2, 4]) {
      const r = await runFleet(cli, list, k);
      const perMinute = (KINDS.length / r.ms) * 60_000;
      base ||= perMinute;
      log(`fleet: ${KINDS.length} portals at concurrency ${k} in ${(r.ms / 1000).toFixed(1)} s (${perMinute.toFixed(1)} pages/min), browsers' peak memory ${Math.round(r.peakRssKiB / 1024)} MiB`);
      rows.push({
        case: `Fleet of ${KINDS.length} local portals (\`--urls\`, 1 page each; 3 failing, 5 slow), ${k} browser${k > 1 ? 's' : ''} at once`,
        figure: `${(r.ms / 1000).toFixed(1)} s: ${perMinute.toFixed(1)} pages/min, ${(perMinute / base).toFixed(2)}× one browser; browsers' peak memory ${Math.round(r.peakRssKiB / 1024)} MiB (${Math.round(r.peakRssKiB / 1024 / k)} MiB per browser)`,
        target: '(measured)',
        met: null,
      });
    }
  } finally {
    fs.rmSync(list, { force: true });
    await fleet.close();
  }
  return rows;
}
