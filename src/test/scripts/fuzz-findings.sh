#!/usr/bin/env bash
# Says what the CI fuzzing budget found, in words a CI log keeps: for every input Jazzer wrote into a
# target's *FuzzTestInputs directory (crash-*, timeout-*, oom-*, slow-unit-*, not yet committed), the
# target, the finding's message, the input (Base64, so it can be remade from the log alone) and how to
# replay it. Prints nothing and exits 0 when there is none; exits 1 when there is one.
#
#   src/test/scripts/fuzz-findings.sh        (test.sh calls it after `mvn verify`)
set -uo pipefail
cd "$(dirname "$0")/../../.."
mapfile -t found < <(
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --others --exclude-standard -- 'src/test/resources/**/*FuzzTestInputs/**'
  else
    find src/test/resources -path '*FuzzTestInputs/*' -type f
  fi | grep -E '/(crash|timeout|oom|slow-unit|leak)-[^/]*$')
[ "${#found[@]}" -gt 0 ] || exit 0
echo
echo "================ FUZZING FOUND ${#found[@]} INPUT(S) THAT BREAK THE FUZZ CONTRACT ================"
for f in "${found[@]}"; do
  # src/test/resources/tlslens/fuzz/DisplayFilterFuzzTestInputs/displayFilter/crash-... -> tlslens.fuzz.DisplayFilterFuzzTest
  rel=${f#src/test/resources/}
  cls=$(echo "${rel%%Inputs/*}" | tr / .)
  simple=${cls##*.}
  size=$(stat -c %s "$f")
  echo "target:  $cls ($size input bytes)"
  echo "input:   $f"
  report=target/fuzz-reports/$cls.txt
  if [ -f "$report" ]; then
    grep -m1 -A3 -E 'FuzzTestFinding|AssertionError|Exception:' "$report" | sed 's/^/finding: /'
  fi
  if [ "$size" -le 8192 ]; then
    echo "base64:  $(base64 -w0 "$f")"
  else
    echo "base64:  (input over 8 KiB: first 8 KiB) $(head -c 8192 "$f" | base64 -w0)"
  fi
  echo "replay:  mvn test -Dtest=$simple   (regression mode runs every input in $(dirname "$f")/, this one"
  echo "         among them; from this log alone: echo '<base64>' | base64 -d > $f)"
  echo
done
echo "Fix the cause, keep the input in its directory (renamed for what it shows) as a regression input, and"
echo "add a test for the fix (src/test/scripts/fuzz-long.sh has the long runs). -DskipFuzz=true leaves the"
echo "fuzzing budget out of a local run."
echo "===================================================================================================="
exit 1
