#!/usr/bin/env bash
# Installs what the tests need, then runs every test (unit, tshark comparisons, window tests under Xvfb).
# The group "public-captures" (tests over the public captures, whose licences keep them out of the
# repository) runs where their folder is: TLSLENS_PUBLIC_CAPTURES, else ../shared/captures/public.
# Without it the group is left out, and this script says so before and after the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
"$root/src/main/scripts/install-deps.sh" test
cd "$root"
public="${TLSLENS_PUBLIC_CAPTURES:-$root/../shared/captures/public}"
groups=()
notice=""
if [ -d "$public" ]; then
  export TLSLENS_PUBLIC_CAPTURES="$(cd "$public" && pwd)"
else
  notice="test.sh: NOTE: the public captures are not at $public, so the test group \"public-captures\" (tshark agreement over the public captures; README, Tests) was EXCLUDED from this run. Set TLSLENS_PUBLIC_CAPTURES to their folder to run it; CI (.ci/run) requires it."
  echo "$notice" >&2
  groups=(-DexcludedGroups=public-captures)
fi
status=0
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B verify "${groups[@]}" "$@" || status=$?
else
  mvn -B verify "${groups[@]}" "$@" || status=$?
fi
# A finding of the fuzzing budget: which input, its Base64 and how to replay it (nothing when none).
bash "$root/src/test/scripts/fuzz-findings.sh" >&2 || true
[ -z "$notice" ] || echo "$notice" >&2
exit "$status"
