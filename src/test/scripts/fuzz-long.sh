#!/usr/bin/env bash
# Runs every Jazzer fuzz target for a long while and writes what it found to target/fuzz/.
#
#   src/test/scripts/fuzz-long.sh [HOURS]        (default 1; PARALLEL=4 targets at a time, SLICE=600 s a turn)
#   ONLY="CaptureFileFuzzTest ConnectionsFuzzTest" src/test/scripts/fuzz-long.sh 0.5     (only these targets)
#
# Each target runs in turns of SLICE seconds (the generated corpus in target/fuzz/corpus/ carries over
# from turn to turn and from run to run), at most PARALLEL at a time, under `nice -n 19`, with Jazzer's
# own driver (one JVM per target). Before each round the compiled classes are copied to
# target/fuzz/classes, so a rebuild meanwhile reaches the next round. Seeds: the committed corpus
# (src/test/resources/**/*FuzzTestInputs) plus seeds cut at run time from our captures and the public
# ones in ../shared/captures/public (never copied into the repository).
#
# Written to target/fuzz/:
#   findings/<target>/   crash-*, timeout-*, oom-* inputs (Jazzer's artifacts; --keep_going goes on after one)
#   logs/<target>.<run>.<n>.log   each turn's output (<run> is the run's start, so runs never overwrite each other)
#   runs/<run>.txt   this run's executions per target;  executions.txt  executions per target, summed over
#   every turn of every run whose logs are in logs/ (a later run adds to it; delete target/fuzz to start over)
# Jazzer's -timeout is wall-clock and generous (a loaded machine at nice 19 can take minutes over the
# first input's class loading); the targets' own contract bounds each input's CPU time to 3 s.
# A finding becomes a regression input by copying it into the target's *FuzzTestInputs directory.
# The hooks disabled are pom.xml's (JAZZER_DISABLED_HOOKS): regex injection (filters' `matches` patterns come from
# input by design) and regex roadblocks (it allocates on every regex step, which the contract would count as ours).
# A run stopped from outside (Ctrl-C, kill) leaves its current input as a crash-* whose log says only
# "fuzz target exited" with no Java exception: that is not a finding.
set -euo pipefail
cd "$(dirname "$0")/../../.."
HOURS=${1:-1}
PARALLEL=${PARALLEL:-4}
SLICE=${SLICE:-600}
HEAP=${HEAP:-768m}
F=target/fuzz
PUBLIC=../shared/captures/public

TARGETS=(
  "tlslens.fuzz.CaptureFileFuzzTest captureFile"
  "tlslens.cli.ConnectionsFuzzTest connections"
  "tlslens.fuzz.TcpStreamFuzzTest tcpStreams"
  "tlslens.fuzz.TlsRecordFuzzTest tlsRecords"
  "tlslens.fuzz.HandshakeMessageFuzzTest handshakeMessages"
  "tlslens.fuzz.ExtensionFuzzTest extensionBody"
  "tlslens.fuzz.CertificateFuzzTest certificateOrOcsp"
  "tlslens.dissect.tls.messages.CompressedCertificateFuzzTest compressedCertificate"
  "tlslens.fuzz.DisplayFilterFuzzTest displayFilter"
  "tlslens.fuzz.KeyLogFuzzTest keyLogLines"
  "tlslens.dissect.tls.FollowStreamFuzzTest followStream"
)

ALL_TARGETS=("${TARGETS[@]}")
if [ -n "${ONLY:-}" ]; then
  chosen=()
  for t in "${TARGETS[@]}"; do
    cls=${t%% *}
    [[ " $ONLY " == *" ${cls##*.} "* ]] && chosen+=("$t")
  done
  [ "${#chosen[@]}" -gt 0 ] || { echo "fuzz-long.sh: no target named in ONLY=\"$ONLY\"" >&2; exit 2; }
  TARGETS=("${chosen[@]}")
fi

RUN=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$F"/logs "$F"/findings "$F"/corpus "$F"/runs
mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile="$F"/classpath.txt -Dmdep.includeScope=test

# Seeds from the captures' bytes, at run time.
if [ ! -d "$F"/seeds ]; then
  caps=(src/test/resources/captures/*.pcap*)
  [ -d "$PUBLIC" ] && caps+=("$PUBLIC"/*.pcap*)
  python3 src/test/scripts/fuzz-seeds.py "$F"/seeds --max 300 --whole-max 262144 --keylogs --fixed "${caps[@]}" \
    > "$F"/logs/seeds.txt 2>&1 || true
fi

snapshot() {
  rm -rf "$F"/classes.new && mkdir -p "$F"/classes.new
  cp -r target/classes "$F"/classes.new/main && cp -r target/test-classes "$F"/classes.new/test
  rm -rf "$F"/classes && mv "$F"/classes.new "$F"/classes
}

turn() { # class method round (SLICE is local to the subshell that runs it)
  local cls=$1 method=$2 round=$3 name=${1##*.}
  local corpus="$F"/corpus/$name pkgdir
  pkgdir=$(dirname "${cls//.//}")
  mkdir -p "$corpus" "$F"/findings/$name
  local left=$(( end - $(date +%s) )); [ "$left" -lt "$SLICE" ] && SLICE=$left
  [ "$SLICE" -gt 30 ] || return 0
  local seeds=("src/test/resources/$pkgdir/${name}Inputs/$method")
  [ -d "$F/seeds/$pkgdir/${name}Inputs/$method" ] && seeds+=("$F/seeds/$pkgdir/${name}Inputs/$method")
  nice -n 19 java -Xmx"$HEAP" -Xss8m -cp "$F/classes/test:$F/classes/main:$(cat "$F"/classpath.txt)" \
    com.code_intelligence.jazzer.Jazzer --target_class="$cls" --instrumentation_includes='tlslens.**' \
    --disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection:com.code_intelligence.jazzer.sanitizers.RegexRoadblocks \
    --keep_going=1000 -max_total_time="$SLICE" -timeout=600 -rss_limit_mb=2500 -max_len=65536 \
    -artifact_prefix="$F/findings/$name/" --reproducer_path="$F/findings/$name" -print_final_stats=1 "$corpus" "${seeds[@]}" \
    > "$F/logs/$name.$RUN.$round.log" 2>&1 || true
}

end=$(( $(date +%s) + $(awk "BEGIN {print int($HOURS * 3600)}") ))
round=0
while [ "$(date +%s)" -lt "$end" ]; do
  round=$((round + 1))
  snapshot
  for t in "${TARGETS[@]}"; do
    [ "$(date +%s)" -lt "$end" ] || break
    while [ "$(jobs -rp | wc -l)" -ge "$PARALLEL" ]; do wait -n || true; done
    # shellcheck disable=SC2086
    turn $t "$round" &
  done
  wait
done

# Executions per target, summed over turns: of this run (runs/<run>.txt) and of every run so far (executions.txt).
count() { # glob-suffix
  local total=0 t name n m log found
  for t in "${ALL_TARGETS[@]}"; do
    name=$(echo "$t" | cut -d' ' -f1); name=${name##*.}
    # Per turn the largest count it printed (libFuzzer's counts are cumulative: "#N" lines, and a
    # stat line at every finding kept going past and at the end), summed over turns.
    n=0
    for log in "$F"/logs/"$name".$1.log; do
      [ -f "$log" ] || continue
      m=$(grep -a -oE '^#[0-9]+|stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | sort -n | tail -1)
      n=$((n + ${m:-0}))
    done
    # Not counted: the input a turn stopped from outside left behind (its log says "fuzz target exited"
    # with no Java exception before "Test unit written to").
    found=$(find "$F"/findings/"$name" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null \
      | while read -r art; do
          cat "$F"/logs/"$name".*.log 2>/dev/null | awk -v art="$art" '
            /== Java Exception|ERROR: libFuzzer: (deadly signal|timeout|out-of-memory)/ { kind = "finding" }
            /ERROR: libFuzzer: fuzz target exited/ { if (kind != "finding") kind = "exited" }
            /Test unit written to / { if (index($0, art)) last = kind; kind = "" }
            END { if (last != "exited") print art }'
        done | wc -l)
    printf '%-32s %12d executions  %4d findings\n' "$name" "$n" "$found"
    total=$((total + n))
  done
  printf '%-32s %12d executions\n' total "$total"
}
count "$RUN.*" > "$F/runs/$RUN.txt"
count "*" | tee "$F"/executions.txt
