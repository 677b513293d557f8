#!/usr/bin/env bash
# Everything cookie-auditor needs on a fresh Debian machine with Node 20: Debian's Chromium and
# Firefox ESR (when missing), the npm packages, and a build of the extension and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# What to install is decided by the packages dpkg says are installed, not by files alone: Debian's
# firefox-esr itself creates /usr/bin/firefox, so that file says nothing about its French pack.
# SETUP_ROOT prefixes the paths checked, and SETUP_DRY_RUN=1 only prints the plan (for the tests).
root="${SETUP_ROOT:-}"
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
packages=()
if [ -z "${CHROME_PATH:-}" ] && ! installed chromium && [ ! -x "$root/usr/bin/chromium" ]; then packages+=(chromium); fi
if [ -z "${FIREFOX_PATH:-}" ]; then
  if ! installed firefox-esr && [ ! -x "$root/usr/bin/firefox-esr" ] && [ ! -x "$root/usr/bin/firefox" ]; then packages+=(firefox-esr); fi
  # French reports from Firefox ESR need its French language pack, a package of its own (Chromium
  # has every language built in; another Firefox brings its own).
  if { installed firefox-esr || [[ " ${packages[*]-} " == *" firefox-esr "* ]]; } && ! installed firefox-esr-l10n-fr; then
    packages+=(firefox-esr-l10n-fr)
  fi
fi
if [ -n "${SETUP_DRY_RUN:-}" ]; then
  echo "setup: would install: ${packages[*]-(nothing)}"
  exit 0
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
