import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFleet, type Fleet } from '../../demo/fleet';
import type { FleetSummary } from '../../src/core/report/fleet';
import type { Report } from '../../src/core/report/report';

// The command as a user installs it: the packed tarball (built by `npm test` before the tests run)
// installed into an empty project, then `npx cookie-auditor <url>` and `npx cookie-auditor --urls`.

const run = promisify(execFile);
const ROOT = path.join(__dirname, '../..');
let dir: string;
let fleet: Fleet;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-pack-'));
  fleet = await startFleet(['clean', 'tracker'], 60);
});
afterAll(async () => {
  await fleet.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('installs from its packed tarball and runs as `npx cookie-auditor`, for one URL and for a list', async () => {
  // --ignore-scripts: the build is the one this test run made; `npm pack` alone builds first.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: ROOT });
  const tarball = path.join(dir, stdout.trim().split('\n').pop() as string);
  const project = path.join(dir, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "audits", "private": true }');
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, timeout: 180_000 });
  const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' };
  const one = await run('npx', ['cookie-auditor', fleet.urls[1] as string, '--format', 'json'], { cwd: project, env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => e,
  );
  expect(one.code).toBe(1); // the tracker is undeclared
  expect((JSON.parse(one.stdout) as Report).cookies.map((c) => c.name).sort()).toEqual(['_pk_id.1.f1ee', 'csrftoken', 'sessionid']);
  fs.writeFileSync(path.join(project, 'urls.txt'), fleet.urls.join('\n'));
  await run('npx', ['cookie-auditor', '--urls', 'urls.txt', '--out-dir', 'out', '--fail-on', 'none'], { cwd: project, env });
  const summary = JSON.parse(fs.readFileSync(path.join(project, 'out', 'fleet.json'), 'utf8')) as FleetSummary;
  expect(summary.sites.map((s) => s.undeclared)).toEqual([0, 1]);
  const help = await run('npx', ['cookie-auditor', '--help'], { cwd: project, env });
  expect(help.stdout).toMatch(/--urls FILE\|URL/);
  // Installed, it introduces itself by its own name, never as the clone's `npm run audit --`.
  expect(help.stdout).toMatch(/^Usage: cookie-auditor <url> \[options\]/);
  // The docs a user is pointed to ship with it.
  for (const f of ['README.md', 'docs/cli.md', 'docs/fleet.md', 'Containerfile']) expect(fs.existsSync(path.join(project, 'node_modules/cookie-auditor', f))).toBe(true);
}, 240_000);
