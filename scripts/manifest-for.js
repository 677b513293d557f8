// Adapts the one manifest.json to a browser. The source of truth stays manifest.json.
'use strict';

/** @param {Record<string, unknown>} manifest @param {'chrome'|'firefox'} target @param {string} version */
function manifestFor(manifest, target, version) {
  const m = JSON.parse(JSON.stringify(manifest));
  m.version = version;
  if (target === 'chrome') {
    // Chromium runs the service worker; "scripts" and gecko settings only draw warnings there.
    m.background = { service_worker: m.background.service_worker };
    delete m.browser_specific_settings;
  } else {
    m.background = { scripts: m.background.scripts };
    // Firefox has no match_origin_as_fallback yet and warns about it.
    for (const cs of m.content_scripts) delete cs.match_origin_as_fallback;
  }
  return m;
}

module.exports = { manifestFor };
