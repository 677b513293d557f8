// Builds the extension and the CLI if any source is newer than the last build.
'use strict';
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const root = path.join(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const sources = ['src', 'demo', 'scripts', 'bench', 'icons', 'manifest.json', 'webpack.config.js', 'package.json', 'tsconfig.json', 'tsconfig.node.json'];
if (Math.max(...sources.map((s) => newest(path.join(root, s)))) > built) {
  process.stderr.write('cookie-auditor: building the extension (sources changed)…\n');
  // The build's own output goes to stderr so that a report on stdout stays clean.
  execSync('npm run -s build', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
}
