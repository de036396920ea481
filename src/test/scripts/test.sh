#!/usr/bin/env bash
# Installs what the tests need, then runs every test (unit, tshark comparisons, window tests under Xvfb).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
"$root/src/main/scripts/install-deps.sh" test
cd "$root"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B verify "$@"
fi
exec mvn -B verify "$@"
