#!/usr/bin/env bash
# Whether the CI fuzzing budget (`mvn verify -DskipFuzz=false`: each @FuzzTest fuzzes for its maxDuration) is
# reliable: runs it RUNS times, each from the state of a fresh clone (no generated corpus in .cifuzz-corpus),
# and says per run its time, its exit status, the executions per target and any finding Jazzer wrote
# (crash-* files in the targets' *FuzzTestInputs directories, which a failing run leaves in the tree).
#
#   src/test/scripts/fuzz-ci-check.sh [RUNS]      (default 3; logs in target/fuzz-ci/)
#
# The budget can be turned on in CI when every run passes with no finding on a machine like CI's: a run on a
# loaded machine does fewer executions in the same seconds, so it proves less.
set -uo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
out=target/fuzz-ci
mkdir -p "$out"
mvn -o -q test-compile || exit 1
for n in $(seq 1 "$RUNS"); do
  rm -rf .cifuzz-corpus
  start=$(date +%s)
  mvn -o -B surefire:test@fuzz -DskipFuzz=false > "$out/run$n.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  echo "run $n: exit $rc, $secs s, load $(cut -d' ' -f1-3 /proc/loadavg)"
  # Executions per target: the DONE line of each (in the order surefire ran the classes).
  awk '/Running tlslens\./ { sub(/.*Running /, ""); cls = $0 }
       /^#[0-9]+[ \t]+DONE/ { sub(/^#/, "", $1); printf "  %-60s %10d executions\n", cls, $1 }' "$out/run$n.log"
  git status --short --untracked-files=all -- 'src/test/resources/**/*FuzzTestInputs' | grep -E 'crash-|timeout-|oom-' \
    | sed 's/^/  finding: /'
done
