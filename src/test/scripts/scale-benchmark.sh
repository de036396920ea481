#!/usr/bin/env bash
# A benchmark, not a test: the headless figures of issue 14 on a big capture, each as a ratio
# against tshark run in the same script, runs alternating (ours, tshark, ours, ...), median of 3.
#
#   src/test/scripts/scale-benchmark.sh [CAPTURE]     (RUNS=N runs each; WINDOW=1 adds load-benchmark.sh;
#                                                     JVM_OPTIONS="..." instead of cli-jvm-options.sh's)
#
# Without CAPTURE it makes target/scale/large-1000000.pcapng: make-captures.sh --large 100000
# (real Python ssl clients and servers: TLS 1.3, 1.2 with tickets, 1.2 with session ids, four in
# five resumed) replicated to 1,000,000 packets with replicate_capture.py (every copy its own
# addresses and times, so every connection stays distinct).
# Prints, per figure, our median and tshark's: wall time, packets per second and peak RSS
# (/usr/bin/time -v), and the ratio (tshark's time / ours: above 1 we are faster). Also whether
# our output is the same as the build's before (BEFORE_JAR=old.jar) and how many lines differ
# from tshark's (TLS on ports tshark gives to another protocol: see README).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
capture="${1:-}"
runs="${RUNS:-3}"
if [ -z "$capture" ]; then
  capture=target/scale/large-1000000.pcapng
  if [ ! -f "$capture" ]; then
    mkdir -p target/scale
    [ -f target/scale/large-100000.pcapng ] || src/test/scripts/make-captures.sh --large 100000 target/scale/large-100000.pcapng
    python3 src/test/scripts/replicate_capture.py target/scale/large-100000.pcapng 1000000 "$capture"
  fi
fi
[ -f target/tlslens.jar ] || mvn -B -q -DskipTests package
jar="${JAR:-target/tlslens.jar}"
# As the launcher runs the command line (tlslens.sh -r ...), unless JVM_OPTIONS says otherwise ("" for the JVM's defaults).
# shellcheck disable=SC2206
jvm=(${JVM_OPTIONS-$(src/main/scripts/cli-jvm-options.sh)})
work=$(mktemp -d /tmp/scale-benchmark.XXXXXX)
trap 'rm -rf "$work"' EXIT
packets=$(capinfos -c -M "$capture" | awk -F': *' '/Number of packets/ {print $2}')
fields=()
while read -r f; do fields+=(-e "$f"); done < <(grep -v '^#' src/test/resources/golden/fields.txt | grep .)
tshark_opts=(-o tcp.reassemble_out_of_order:TRUE)

# timed NAME OUT CMD...: runs CMD with stdout to OUT; appends "seconds kilobytes" to $work/NAME
timed() {
  local name="$1" out="$2"
  shift 2
  /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$out" 2>"$work/$name.err" || echo "  ($name exited $?: $(tail -1 "$work/$name.err"))" | tee -a "$work/$name.err" >&2
  grep -v '^Command' "$work/t" >>"$work/$name" # time's "Command exited with non-zero status" line
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1" | median; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
pps() { python3 -c "print('%.0f' % ($packets / $1))"; }

echo "capture: $capture ($packets packets, $(du -m "$capture" | cut -f1) MB), $(nproc) cores, median of $runs alternating runs"
echo "TLS Lens: java ${jvm[*]:-} -jar $jar; tshark: $(tshark -v 2>/dev/null | head -1)"
# The machine may be shared: ratios within a run are what count; the load says how much to trust them.
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average at the start: $(load)"
for i in $(seq "$runs"); do
  timed ours_fields "$work/ours.tsv" java ${jvm[@]+"${jvm[@]}"} -jar "$jar" -r "$capture" -T fields -E header=y -E occurrence=a "${fields[@]}"
  timed tshark_fields "$work/tshark.tsv" tshark "${tshark_opts[@]}" -r "$capture" -T fields -E header=y -E occurrence=a "${fields[@]}"
  timed ours_filter "$work/ours.txt" java ${jvm[@]+"${jvm[@]}"} -jar "$jar" -r "$capture" -Y 'tls.handshake.type == 1'
  timed tshark_filter "$work/tshark.txt" tshark "${tshark_opts[@]}" -r "$capture" -Y 'tls.handshake.type == 1'
  timed ours_conns "$work/conns.json" java ${jvm[@]+"${jvm[@]}"} -jar "$jar" -r "$capture" --connections
  # The per-connection split (off by default: see Cli.dissectThreads), for comparison.
  timed ours_split "$work/ours2.tsv" java ${jvm[@]+"${jvm[@]}"} -Dtlslens.dissectThreads=2 -jar "$jar" -r "$capture" -T fields -E header=y -E occurrence=a "${fields[@]}"
  timed ours_1core "$work/ours1.tsv" taskset -c 0 java ${jvm[@]+"${jvm[@]}"} -jar "$jar" -r "$capture" -T fields -E header=y -E occurrence=a "${fields[@]}"
  timed tshark_1core /dev/null taskset -c 0 tshark "${tshark_opts[@]}" -r "$capture" -T fields -E header=y -E occurrence=a "${fields[@]}"
done
# A heap that is too small shows as garbage collection without end before the OutOfMemoryError: 5 minutes at most.
timed ours_conns512 /dev/null timeout 300 java ${jvm[@]+"${jvm[@]}"} -Xmx512m -jar "$jar" -r "$capture" --connections

row() { # label ours tshark
  printf '%-46s %9s %9s %7s\n' "$1" "$2" "$3" "$4"
}
of=$(col ours_fields 1); tf=$(col tshark_fields 1)
oy=$(col ours_filter 1); ty=$(col tshark_filter 1)
oc=$(col ours_conns 1)
o1=$(col ours_1core 1); t1=$(col tshark_1core 1)
os=$(col ours_split 1)
echo
row "" "TLS Lens" "tshark" "ratio"
row "-T fields, 22 core fields: seconds" "$of" "$tf" ""
row "  packets per second (ratio: ours / tshark)" "$(pps "$of")" "$(pps "$tf")" "$(ratio "$tf" "$of")x"
row "  peak RSS, MB (ratio: ours / tshark)" "$(( $(col ours_fields 2) / 1024 ))" "$(( $(col tshark_fields 2) / 1024 ))" \
  "$(ratio "$(col ours_fields 2)" "$(col tshark_fields 2)")x"
row "-Y 'tls.handshake.type == 1' summary: seconds" "$oy" "$ty" "$(ratio "$ty" "$oy")x"
row "  peak RSS, MB" "$(( $(col ours_filter 2) / 1024 ))" "$(( $(col tshark_filter 2) / 1024 ))" ""
row "--connections: seconds (ratio: to our -T fields)" "$oc" "" "$(ratio "$oc" "$of")x"
row "  peak RSS, MB" "$(( $(col ours_conns 2) / 1024 ))" "" ""
row "  with -Xmx512m: seconds, peak RSS MB" "$(col ours_conns512 1)" "$(( $(col ours_conns512 2) / 1024 ))" \
  "$(grep -q OutOfMemoryError "$work/ours_conns512.err" && echo OOM || { grep -q 'exited 124' "$work/ours_conns512.err" && echo timeout; } || echo ok)"
row "-T fields on 1 core (taskset -c 0): seconds" "$o1" "$t1" "$(ratio "$t1" "$o1")x"
row "  2 cores / 1 core speed-up" "$(ratio "$o1" "$of")x" "$(ratio "$t1" "$tf")x" ""
row "-T fields, TCP connections split on 2 threads" "$os" "$tf" "$(ratio "$tf" "$os")x"
row "  peak RSS, MB" "$(( $(col ours_split 2) / 1024 ))" "" ""
echo "load average at the end: $(load)"
echo
same() { cmp -s "$1" "$2" && echo "same" || echo "DIFFERENT"; }
echo "-T fields output, 1 core vs 2 cores: $(same "$work/ours.tsv" "$work/ours1.tsv"), split: $(same "$work/ours.tsv" "$work/ours2.tsv")"
echo "lines differing from tshark: -T fields $(diff "$work/ours.tsv" "$work/tshark.tsv" | grep -c '^<' || true)," \
  "-Y summary $(diff "$work/ours.txt" "$work/tshark.txt" | grep -c '^<' || true) of $(wc -l <"$work/ours.txt")"
if [ -n "${BEFORE_JAR:-}" ]; then
  java ${jvm[@]+"${jvm[@]}"} -jar "$BEFORE_JAR" -r "$capture" -T fields -E header=y -E occurrence=a "${fields[@]}" >"$work/before.tsv"
  java ${jvm[@]+"${jvm[@]}"} -jar "$BEFORE_JAR" -r "$capture" -Y 'tls.handshake.type == 1' >"$work/before.txt"
  java ${jvm[@]+"${jvm[@]}"} -jar "$BEFORE_JAR" -r "$capture" --connections >"$work/before.json"
  echo "output against $BEFORE_JAR: -T fields $(same "$work/ours.tsv" "$work/before.tsv")," \
    "-Y summary $(same "$work/ours.txt" "$work/before.txt"), --connections $(same "$work/conns.json" "$work/before.json")"
fi
if [ -n "${WINDOW:-}" ]; then
  echo
  echo "the window (load-benchmark.sh, one run):"
  src/test/scripts/load-benchmark.sh "$capture" | grep -v '^row height'
fi
