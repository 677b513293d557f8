#!/usr/bin/env bash
# Everything cookie-auditor needs on a fresh Debian machine with Node 20: Debian's Chromium
# (when missing), the npm packages, and a build of the extension and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ -z "${CHROME_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium…" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

echo "setup: installing npm packages…" >&2
npm ci --no-fund --no-audit --loglevel=error
echo "setup: building the extension (dist/chrome, dist/firefox) and the CLI…" >&2
npm run -s build >/dev/null
echo "setup: done. Load dist/chrome as an unpacked extension, or run: npm run audit -- --demo" >&2
