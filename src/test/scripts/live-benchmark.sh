#!/usr/bin/env bash
# A benchmark, not a test (needs root, like tcpdump): captures loopback TLS load with TLS Lens and,
# at the same time, with `tcpdump -i lo --immediate-mode` (a 256 MiB buffer, nanosecond time stamps),
# then prints per run: the packets per second tcpdump saw, the packets of tcpdump's file missing
# from ours (matched by kernel time stamp and bytes: live_compare.py), libpcap's drop counters of both,
# and, where TLS Lens prints rows, how long after its capture time stamp each row reached a reader
# (p50/p99/max: live_latency.py). The load is TlsLoadGenerator on 127.0.0.1, 100-byte writes with
# TCP_NODELAY: short TLS 1.3 connections (50 writes each) paced to --rate writes per second, and
# --streams long-lived connections paced to --stream-rate writes per second (they make the packet
# rate: each write one packet, plus the ACKs).
#
# Usage: src/test/scripts/live-benchmark.sh [--seconds 60] [--rate 3000] [--streams 8] [--stream-rate 40000]
#                                           [--runs 1] [--modes "write print"]
#   write: `tlslens -i lo -f "tcp port P" -w FILE` (nothing printed: the capture alone)
#   print: the same with `-P -T fields -e frame.number -e frame.time_epoch` read by live_latency.py
#   window: the real window (under Xvfb when there is no display) capturing on lo with that capture
#           filter: tlslens.ui.LiveLoadBenchmark runs the generator and stamps each row as it reaches the
#           table, reads the status bar's counters, and copies the file the window wrote
#           (WINDOW_JVM_OPTIONS: other JVM options than the launcher's, to compare)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
seconds=60 rate=3000 streams=8 stream_rate=40000 runs=1 modes="write print"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --streams) streams="$2"; shift 2 ;;
    --stream-rate) stream_rate="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "live-benchmark.sh: capturing needs root" >&2; exit 2; }
command -v tcpdump >/dev/null || { echo "live-benchmark.sh: tcpdump is missing (apt-get install tcpdump)" >&2; exit 2; }
if [ -z "${NO_BUILD:-}" ]; then
  mvn -B -q -o -DskipTests package
  mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
cp="target/tlslens.jar:target/test-classes:$(cat target/cp.txt)"
# shellcheck disable=SC2207
tlslens=(java $(src/main/scripts/cli-jvm-options.sh) -jar "${TLSLENS_JAR:-target/tlslens.jar}") # TLSLENS_JAR: another build, to compare
work=target/live-benchmark
mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

await_line() { # FILE PATTERN: waits (20 s at most) for a line in a growing file
  for _ in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "live-benchmark.sh: no \"$2\" in $1:" >&2; cat "$1" >&2; exit 1
}

one_run() { # MODE RUN
  local mode="$1" n="$2" port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local dir="$work/$mode-$n"
  rm -rf "$dir"; mkdir -p "$dir"
  tcpdump -i lo -n --immediate-mode -B 262144 --time-stamp-precision=nano -w "$dir/tcpdump.pcap" \
    "tcp port $port" 2>"$dir/tcpdump.err" &
  local td=$!
  pids+=("$td")
  await_line "$dir/tcpdump.err" "listening on"
  local gen=(java -cp "$cp" tlslens.capture.TlsLoadGenerator --port "$port" --seconds "$seconds" --connections 100000000
    --messages 50 --size 100 --threads 2 --writes-per-second "$rate" --streams "$streams"
    --stream-writes-per-second "$stream_rate" --warmup 10) # its own JIT warmed on another port first
  if [ "$mode" = window ]; then
    # shellcheck disable=SC2207
    local win=(java ${WINDOW_JVM_OPTIONS:-$(src/main/scripts/window-jvm-options.sh)} -cp "$cp" tlslens.ui.LiveLoadBenchmark "$port"
      "$dir/tlslens.pcapng" -- "${gen[@]}")
    [ -z "${DISPLAY:-}" ] && win=(xvfb-run -a -s "-screen 0 1600x1000x24" "${win[@]}")
    "${win[@]}" >"$dir/window.out" 2>"$dir/tlslens.err" || { cat "$dir/tlslens.err" >&2; exit 1; }
    grep '^{"port"' "$dir/window.out" >"$dir/generator.json"
    grep '^{"rows"' "$dir/window.out" >"$dir/latency.json"
    kill -INT "$td"
    wait "$td" || true
  else
    local rows=()
    [ "$mode" = print ] && rows=(-P -T fields -e frame.number -e frame.time_epoch)
    { "${tlslens[@]}" -i lo -f "tcp port $port" -w "$dir/tlslens.pcapng" "${rows[@]}" 2>"$dir/tlslens.err" &
      echo $! >"$dir/tlslens.pid"; wait; } | python3 src/test/scripts/live_latency.py >"$dir/latency.json" &
    local pipeline=$!
    await_line "$dir/tlslens.err" "Capturing on"
    local tl
    tl=$(cat "$dir/tlslens.pid")
    pids+=("$tl")
    "${gen[@]}" >"$dir/generator.json"
    sleep 2 # the last packets' way through both capturers (a benchmark may wait; a test awaits)
    kill -INT "$td"
    kill -TERM "$tl" # background jobs of a script ignore SIGINT; TLS Lens stops the same way on SIGTERM
    wait "$td" || true
    wait "$pipeline" || true
  fi
  python3 src/test/scripts/live_compare.py "$dir/tcpdump.pcap" "$dir/tlslens.pcapng" >"$dir/compare.json"
  python3 - "$dir" "$mode" "$seconds" <<'EOF'
import json, re, sys
d, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
c = json.load(open(d + '/compare.json'))
g = json.load(open(d + '/generator.json'))
td = open(d + '/tcpdump.err').read()
tl = open(d + '/tlslens.err').read()
td_drop = re.search(r'(\d+) packets? dropped by kernel', td)
lat = json.load(open(d + '/latency.json'))
tl_drop = re.search(r'(\d+) packets? dropped from', tl)
tl_captured = re.search(r'(\d+) packets? captured', tl)
if mode == 'window':  # the status bar's counters, as the window showed them at the end
    tl_drop = re.search(r'Dropped \(kernel\): (\d+)', lat['status'])
    tl_captured = re.search(r'Captured: (\d+)', lat['status'])
# tcpdump's own drops (immediate mode: TPACKET_V2) leave packets only we have: what either saw is the load
seen = c['reference_packets'] + c['not_in_reference']
line = (f"{mode:6s} pps(tcpdump)={c['reference_packets'] / g['seconds']:,.0f} pps(either)={seen / g['seconds']:,.0f} tcpdump={c['reference_packets']:,} "
        f"tlslens={c['our_packets']:,} missing={c['missing']:,} ({100.0 * c['missing'] / max(1, c['reference_packets']):.3f}%) "
        f"not-in-tcpdump={c['not_in_reference']:,} drops: tlslens={tl_drop.group(1) if tl_drop else 0} "
        f"tcpdump={td_drop.group(1) if td_drop else '?'} reported-captured={tl_captured.group(1) if tl_captured else '?'} "
        f"connections={g['connections']:,} writes={g['messages'] + g['stream_messages']:,}")
if lat['rows']:
    line += f" rows={lat['rows']:,} latency p50={lat['latency_ms_p50']} ms p99={lat['latency_ms_p99']} ms max={lat['latency_ms_max']} ms p99(after 15 s)={lat['latency_ms_p99_after_15s']} ms"
if mode == 'window':
    line += f" status=\"{lat['status']}\""
print(line)
EOF
  pids=()
}

echo "live-benchmark: ${seconds} s per run, ${rate} writes/s on short connections, ${stream_rate} on ${streams} long ones, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $(seq "$runs"); do
  for mode in $modes; do one_run "$mode" "$n"; done
done
