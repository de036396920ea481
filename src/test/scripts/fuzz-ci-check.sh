#!/usr/bin/env bash
# Whether the CI fuzzing budget (the "fuzz" execution of `mvn verify`: each @FuzzTest fuzzes for its maxDuration,
# two targets at a time) is reliable: runs it RUNS times, each from the state of a fresh clone (no generated corpus
# in .cifuzz-corpus), and says per run its time, its exit status, the executions per target and any finding Jazzer
# wrote (crash-* files in the targets' *FuzzTestInputs directories, which a failing run leaves in the tree).
#
#   src/test/scripts/fuzz-ci-check.sh [RUNS]      (default 3; logs in target/fuzz-ci/)
#
# A run on a loaded machine does fewer executions in the same seconds, so it proves less: say the load.
set -uo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
out=target/fuzz-ci
mkdir -p "$out"
mvn -o -q test-compile || exit 1
for n in $(seq 1 "$RUNS"); do
  rm -rf .cifuzz-corpus target/fuzz-reports
  # Wall time, and the CPU seconds all its JVMs used (on an idle 2-core machine the wall time is about the
  # larger of the CPU time / 2 and the targets' durations / 2, as two forks fuzz at a time).
  TIMEFORMAT='%R %U %S'
  { time mvn -o -B surefire:test@fuzz -DskipFuzz=false > "$out/run$n.log" 2>&1; } 2> "$out/run$n.time"
  rc=$(grep -q 'BUILD SUCCESS' "$out/run$n.log" && echo 0 || echo 1)
  read -r wall user sys < "$out/run$n.time"
  echo "run $n: exit $rc, ${wall%.*} s wall, $(awk "BEGIN {print int($user + $sys)}") s CPU, load $(cut -d' ' -f1-3 /proc/loadavg)"
  # Executions per target: the inputs each fork ran (FuzzContract writes them at exit; Jazzer's own "#N DONE"
  # lines go to the native console, where two forks' lines interleave).
  for f in target/fuzz-reports/executions-*.txt; do
    [ -f "$f" ] || continue
    cls=${f#target/fuzz-reports/executions-}
    printf '  %-60s %10d executions\n' "${cls%.txt}" "$(cat "$f")"
  done
  git status --short --untracked-files=all -- 'src/test/resources/**/*FuzzTestInputs' | grep -E 'crash-|timeout-|oom-' \
    | sed 's/^/  finding: /'
done
