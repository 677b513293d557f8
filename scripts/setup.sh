#!/usr/bin/env bash
# Everything cookie-auditor needs on a fresh Debian machine with Node 20: Debian's Chromium and
# Firefox ESR (when missing), the npm packages, and a build of the extension and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages=()
if [ -z "${CHROME_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then packages+=(chromium); fi
if [ -z "${FIREFOX_PATH:-}" ]; then
  if [ ! -x /usr/bin/firefox-esr ] && [ ! -x /usr/bin/firefox ]; then packages+=(firefox-esr); fi
  # French reports from Firefox need its French language pack (Chromium has every language built in).
  if [ ! -e /usr/lib/firefox-esr/browser/extensions/langpack-fr@firefox-esr.mozilla.org.xpi ] && [ ! -x /usr/bin/firefox ]; then
    packages+=(firefox-esr-l10n-fr)
  fi
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing Debian's ${packages[*]}…" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

echo "setup: installing npm packages…" >&2
npm ci --no-fund --no-audit --loglevel=error
echo "setup: building the extension (dist/chrome, dist/firefox) and the CLI…" >&2
npm run -s build >/dev/null
echo "setup: done. Load dist/chrome (or, in Firefox, dist/firefox) as shown in the README, or run: npm run audit -- --demo" >&2
