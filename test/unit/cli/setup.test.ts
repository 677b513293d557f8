import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// scripts/setup.sh decides what to install by the Debian packages installed (dpkg), since
// firefox-esr itself creates /usr/bin/firefox. Run for real in its dry-run mode, with a dpkg-query
// that answers as a machine in each case would.

const SETUP = path.join(__dirname, '../../../scripts/setup.sh');
let fake: string;
beforeAll(() => {
  fake = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-auditor-setup-'));
  fs.writeFileSync(path.join(fake, 'dpkg-query'), '#!/bin/sh\nfor pkg; do :; done\ncase " $FAKE_INSTALLED " in *" $pkg "*) printf \'install ok installed\';; *) exit 1;; esac\n', { mode: 0o755 });
});
afterAll(() => fs.rmSync(fake, { recursive: true, force: true }));

const plan = (installed: string, root = ''): string =>
  execFileSync('bash', [SETUP], {
    encoding: 'utf8',
    env: { PATH: `${fake}:${process.env.PATH ?? ''}`, FAKE_INSTALLED: installed, SETUP_DRY_RUN: '1', ...(root ? { SETUP_ROOT: root } : {}) },
  }).trim();

describe('scripts/setup.sh', () => {
  it('installs the French pack when Firefox ESR is installed without it (its /usr/bin/firefox notwithstanding)', () => {
    expect(plan('chromium firefox-esr')).toBe('setup: would install: firefox-esr-l10n-fr');
  });
  it('installs nothing on a machine that has everything', () => {
    expect(plan('chromium firefox-esr firefox-esr-l10n-fr')).toBe('setup: would install: (nothing)');
  });
  it('installs both browsers and the French pack on a bare machine', () => {
    expect(plan('', '/nonexistent')).toBe('setup: would install: chromium firefox-esr firefox-esr-l10n-fr');
  });
});
