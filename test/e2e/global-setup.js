// End-to-end tests need the built extension and a real Chromium. Never skip: fail with the fix.
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (!candidates.some((p) => fs.existsSync(p))) {
    throw new Error(`End-to-end tests need Chromium and none was found (${candidates.join(', ')}): install it with \`sudo apt-get install -y chromium\` or set CHROME_PATH.`);
  }
  const dist = path.join(__dirname, '..', '..', 'dist');
  for (const f of ['chrome/manifest.json', 'node/src/cli/audit.js']) {
    if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first (npm test does).`);
  }
};
