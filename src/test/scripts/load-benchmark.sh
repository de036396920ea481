#!/usr/bin/env bash
# A benchmark, not a test: opens a capture of 100,000 packets in the real window (under Xvfb when
# there is no display) and prints the time to the first rows, the time to fully loaded, when the
# connections pane was ready, how long a display filter over the whole capture took (-Dbench.filter=...,
# default tls.handshake.type == 1) and the process's CPU meanwhile (with the machine's load average: on a
# shared machine compare CPU, or runs made alike), the longest FX-thread stalls while loading, filtering and
# scrolling, and the heap kept per packet with a class histogram and the window's own index by part
# (tlslens.ui.LoadBenchmark says how each is measured). Usage: src/test/scripts/load-benchmark.sh [CAPTURE] [extra JVM options...]
# Without CAPTURE it makes target/large-100000.pcapng with make-captures.sh --large.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
capture="${1:-}"
[ $# -gt 0 ] && shift
if [ -z "$capture" ]; then
  capture=target/large-100000.pcapng
  [ -f "$capture" ] || src/test/scripts/make-captures.sh --large 100000 "$capture"
fi
mvn -B -q -DskipTests package
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="target/tlslens.jar:target/test-classes:$(cat target/cp.txt)"
# The same JVM options as the launcher (src/main/scripts/tlslens.sh) unless others are given.
opts=("$@")
# shellcheck disable=SC2207
[ ${#opts[@]} -eq 0 ] && opts=($(src/main/scripts/window-jvm-options.sh))
run=(java "${opts[@]}" -cp "$cp" tlslens.ui.LoadBenchmark "$capture")
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "${run[@]}"
else
  "${run[@]}"
fi
