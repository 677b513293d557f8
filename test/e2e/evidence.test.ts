import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BROWSERS } from '../../src/cli/browser/driver';
import type { Report } from '../../src/core/report/report';
import { startCmpPortals } from '../fixtures/cmp-portals';
import { startFleet, type Fleet } from '../../demo/fleet';
import { runCli } from './harness';

// Evidence a regulator can file (--evidence DIR): a bundle from the demo portal and from a portal
// behind a real consent manager, in both browsers, verified by `cookie-auditor verify`; one byte
// changed in each kind of file, then the verification fails and names that file; a signed bundle
// holds with its key and not with another; a fleet writes a bundle per site under one manifest.

let work: string;
let cmpOrigin = '';
let closeCmp: (() => Promise<void>) | undefined;
let fleet: Fleet;
beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-evidence-'));
  const s = await startCmpPortals();
  cmpOrigin = s.origin;
  closeCmp = s.close;
  fleet = await startFleet(['clean', 'tracker'], 60);
  expect((await runCli(['keygen', '--out', path.join(work, 'auditor')])).code).toBe(0);
  expect((await runCli(['keygen', '--out', path.join(work, 'stranger')])).code).toBe(0);
});
afterAll(async () => {
  await closeCmp?.();
  await fleet?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

interface Shot {
  file: string;
  phase: string;
  url: string;
}
const read = (dir: string, f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');

describe.each(BROWSERS)('in %s', (browser) => {
  it('the demo portal: reports in every format, screenshots, a redacted HAR, the policy as fetched, the environment, sealed and signed', async () => {
    const dir = path.join(work, `demo-${browser}`);
    const run = await runCli(['--demo', '--browser', browser, '--policy', 'auto', '--evidence', dir, '--sign', path.join(work, 'auditor.key'), '--format', 'json']);
    expect(run.code).toBe(1); // undeclared cookies, as always on the demo
    const report = JSON.parse(run.stdout) as Report;
    // The seal is printed at the end of the run and written in the report.
    expect(report.evidence?.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.stderr).toContain(`manifest SHA-256 ${report.evidence?.manifestSha256}`);
    for (const f of ['report.json', 'report.txt', 'report.csv', 'report.html', 'report.md', 'network.har', 'environment.json', 'screenshots.json', 'policy/policy.html', 'manifest.json', 'manifest.sig']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    const inBundle = JSON.parse(read(dir, 'report.json')) as Report;
    expect(inBundle.cookies.map((c) => c.name).sort()).toEqual(report.cookies.map((c) => c.name).sort());
    // A PNG of the page as loaded.
    const shots = JSON.parse(read(dir, 'screenshots.json')) as Shot[];
    expect(shots.map((s) => s.phase)).toEqual(['load']);
    expect(fs.readFileSync(path.join(dir, shots[0]?.file as string)).subarray(1, 4).toString()).toBe('PNG');
    // The HAR has the page and its Set-Cookie headers, names kept, values redacted.
    const har = JSON.parse(read(dir, 'network.har')) as { log: { entries: Array<{ request: { url: string }; response: { status: number; cookies: Array<{ name: string; value: string }> } }> } };
    const page = har.log.entries.find((e) => e.request.url === report.url);
    expect(page?.response.status).toBe(200);
    const sessionid = report.cookies.find((c) => c.name === 'sessionid');
    expect(sessionid).toBeDefined();
    const set = har.log.entries.flatMap((e) => e.response.cookies);
    expect(set.map((c) => c.name)).toContain('sessionid');
    expect(set.every((c) => c.value === '(redacted)')).toBe(true);
    // The policy as fetched, with its digest; the environment with the browser, the extension's build and the clock.
    const env = JSON.parse(read(dir, 'environment.json')) as { browser: { kind: string; version: string }; extension: { version: string; buildStamp: string }; commandLine: string[]; clock: { timeZone: string }; policy: { status: number; sha256: string; finalUrl: string } };
    expect(env.browser.kind).toBe(browser);
    expect(env.browser.version).toMatch(browser === 'firefox' ? /firefox/i : /Chrom/);
    expect(env.extension.buildStamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(env.commandLine).toEqual(expect.arrayContaining(['cookie-auditor', '--evidence', dir]));
    expect(env.clock.timeZone).toBeTruthy();
    expect(env.policy.status).toBe(200);
    expect(env.policy.finalUrl).toMatch(/\/terms\/cookies-policy\/$/);
    const policy = fs.readFileSync(path.join(dir, 'policy/policy.html'));
    expect(policy.toString()).toMatch(/Cookies policy/);
    expect(env.policy.sha256).toBe(crypto.createHash('sha256').update(policy).digest('hex'));

    const verified = await runCli(['verify', dir, '--key', path.join(work, 'auditor.pub')]);
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringMatching(/all \d+ files hold[^\n]*\n\s+signature: valid/)]);
    expect((await runCli(['verify', dir, '--key', path.join(work, 'stranger.pub')])).stdout).toMatch(/another key/);
    expect((await runCli(['verify', dir, '--key', path.join(work, 'stranger.pub')])).code).toBe(1);
  });

  it('behind a real consent manager: the banner as shown and the page after the refusal; then one byte changed in each kind of file is named', async () => {
    const dir = path.join(work, `cmp-${browser}`);
    const run = await runCli([`${cmpOrigin}/tarteaucitron/`, '--browser', browser, '--reject', '#tarteaucitronAllDenied2', '--evidence', dir, '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    const shots = JSON.parse(read(dir, 'screenshots.json')) as Shot[];
    expect(shots.map((s) => s.phase).slice(0, 3)).toEqual(['load', 'banner', 'after-choice']);
    expect((await runCli(['verify', dir])).code).toBe(0);
    // No file of the bundle is named by the page.
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
    for (const f of files) expect(f).toMatch(/^(report\.(json|txt|csv|html|md)|network\.har|environment\.json|screenshots\.json|manifest\.json|screenshots(\/\d\d-(load|banner|after-choice|after-reload|page)\.png)?)$/);
    for (const f of ['report.json', 'report.html', 'network.har', 'environment.json', shots[1]?.file as string]) {
      const p = path.join(dir, f);
      const before = fs.readFileSync(p);
      const changed = Buffer.from(before);
      const at = Math.floor(changed.length / 2);
      changed[at] = (changed[at] as number) ^ 0x20;
      fs.writeFileSync(p, changed);
      const v = await runCli(['verify', dir]);
      expect([f, v.code, v.stdout]).toEqual([f, 1, expect.stringContaining(`changed: ${f}`)]);
      fs.writeFileSync(p, before);
    }
    fs.rmSync(path.join(dir, 'screenshots.json'));
    expect((await runCli(['verify', dir])).stdout).toMatch(/missing: screenshots\.json/);
  });
});

it('a fleet: one bundle per site and one manifest over them; --no-screenshots leaves them out; a bundle needs a folder of its own', async () => {
  const list = path.join(work, 'urls.txt');
  fs.writeFileSync(list, fleet.urls.join('\n'));
  const dir = path.join(work, 'fleet-evidence');
  const run = await runCli(['--urls', list, '--out-dir', path.join(work, 'fleet-out'), '--evidence', dir, '--no-screenshots', '--fail-on', 'none']);
  expect(run.code).toBe(0);
  const sites = fs.readdirSync(path.join(dir, 'sites'));
  expect(sites).toHaveLength(2);
  for (const s of sites) {
    expect((await runCli(['verify', path.join(dir, 'sites', s)])).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'sites', s, 'screenshots'))).toEqual([]);
  }
  expect((await runCli(['verify', dir])).code).toBe(0);
  // The fleet's manifest covers each site's: a site's bundle changed is seen from the top.
  fs.appendFileSync(path.join(dir, 'sites', sites[0] as string, 'report.txt'), 'x');
  expect((await runCli(['verify', dir])).stdout).toContain(`changed: sites/${sites[0]}/report.txt`);
  const again = await runCli(['--demo', '--evidence', dir]);
  expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/is not empty: an evidence bundle needs a folder of its own/)]);
});

it('a folder that is no bundle, and a key that is no key: a clear verdict, exit 1 or 2, never a crash', async () => {
  const empty = fs.mkdtempSync(path.join(work, 'empty-'));
  const v = await runCli(['verify', empty]);
  expect([v.code, v.stdout]).toEqual([1, expect.stringMatching(/holds no manifest\.json/)]);
  fs.writeFileSync(path.join(empty, 'not-a-key.pub'), 'hello');
  const k = await runCli(['verify', empty, '--key', path.join(empty, 'not-a-key.pub')]);
  expect([k.code, k.stderr]).toEqual([2, expect.stringMatching(/cannot read the key/)]);
});
