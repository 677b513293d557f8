// `npm run package`: the store packages, from a fresh build. Chrome: a zip of dist/chrome.
// Firefox: `web-ext build` of dist/firefox, as addons.mozilla.org takes it (a zip; .xpi once signed).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { version } = require('../package.json');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'packages');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const webExt = path.join(root, 'node_modules', '.bin', 'web-ext');
for (const target of ['chrome', 'firefox']) {
  const tmp = path.join(out, `.${target}`);
  execFileSync(webExt, ['build', '--source-dir', path.join(root, 'dist', target), '--artifacts-dir', tmp, '--overwrite-dest'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [zip] = fs.readdirSync(tmp).filter((f) => f.endsWith('.zip'));
  const dest = path.join(out, `cookie-auditor-${target}-${version}.zip`);
  fs.renameSync(path.join(tmp, zip), dest);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(`wrote ${path.relative(root, dest)} (${Math.round(fs.statSync(dest).size / 1024)} KiB)\n`);
}
