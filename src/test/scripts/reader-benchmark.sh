#!/usr/bin/env bash
# A benchmark, not a test: times `-T fields -e frame.number` over a capture replicated to N packets
# (default 200,000; from tls12_aead.pcapng, as pcapng and as pcap, plus a gzip copy), with the
# built jar, best of 3. Give a second jar (e.g. an older build) to compare: BEFORE_JAR=old.jar.
# Usage: src/test/scripts/reader-benchmark.sh [N]   (RUNS=1 for one run each)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
n="${1:-200000}"
work="target/reader-bench"
mkdir -p "$work"
[ -f "$work/big.pcapng" ] || python3 src/test/scripts/replicate_capture.py \
  src/test/resources/captures/tls12_aead.pcapng "$n" "$work/big.pcapng" "$work/big.pcap"
[ -f "$work/big.pcapng.gz" ] || gzip -kf "$work/big.pcapng"
[ -f target/tlslens.jar ] || mvn -B -q -DskipTests package
best() { # jar file -> best wall time of 3 runs
  local b=""
  for _ in $(seq "${RUNS:-3}"); do
    local s e
    s=$(date +%s.%N); java -jar "$1" -r "$2" -T fields -e frame.number >/dev/null 2>&1 || true; e=$(date +%s.%N)
    b=$(python3 -c "import sys; t=$e-$s; b='$b'; print(t if b=='' else min(t, float(b)))")
  done
  printf '%.2f' "$b"
}
for f in big.pcapng big.pcap big.pcapng.gz; do
  line="$f: $(best target/tlslens.jar "$work/$f") s"
  [ -n "${BEFORE_JAR:-}" ] && line="$line (before: $(best "$BEFORE_JAR" "$work/$f") s)"
  echo "$line"
done
