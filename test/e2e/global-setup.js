// End-to-end tests need the built extension, a real Chromium and a real Firefox. Never skip: fail with the fix.
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (!candidates.some((p) => fs.existsSync(p))) {
    throw new Error(`End-to-end tests need Chromium and none was found (${candidates.join(', ')}): install it with \`sudo apt-get install -y chromium\` or set CHROME_PATH.`);
  }
  const firefox = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean);
  if (!firefox.some((p) => fs.existsSync(p))) {
    throw new Error(`End-to-end tests run every scenario in Firefox too, and no Firefox was found (${firefox.join(', ')}): install it with \`sudo apt-get install -y firefox-esr\` or set FIREFOX_PATH.`);
  }
  const dist = path.join(__dirname, '..', '..', 'dist');
  for (const f of ['chrome/manifest.json', 'firefox/manifest.json', 'node/src/cli/audit.js']) {
    if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first (npm test does).`);
  }
};
