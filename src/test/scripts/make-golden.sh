#!/usr/bin/env bash
# make-golden.sh - regenerate the tshark golden outputs.
#
#   src/test/scripts/make-golden.sh
#       For every capture in src/test/resources/captures/ (NAME.pcap / NAME.pcapng
#       with NAME.manifest.json) write into src/test/resources/golden/:
#         NAME.fields.tsv       tshark -T fields, the fields of golden/fields.txt
#         NAME.Otls.txt         tshark -O tls (text tree, TLS expanded)
#         NAME.udp.fields.tsv   tshark -T fields, the UDP, DTLS and QUIC fields of
#                               golden/udp-fields.txt
#         NAME.udp.keys.fields.tsv  with NAME.keylog, the UDP fields with the key log loaded:
#                               for DTLS captures (DTLS_KEYS) those of golden/udp-fields.txt and
#                               golden/udp-keys-fields.txt; for captures with QUIC those of
#                               golden/udp-fields.txt (Handshake, 0-RTT and 1-RTT packets decrypted)
#         NAME.keys.fields.tsv  (when NAME.keylog exists) the same fields plus
#                               tls.record.opaque_type, with the key log loaded
#         NAME.badkeys.fields.tsv  (when the manifest has "bad_keylog") the
#                               same with the wrong key log NAME.badkeys.keylog
#         NAME.first_only.fields.tsv  (when the manifest has "first_only_keylog")
#                               the same with NAME.first_only.keylog
#         NAME.rsakeys.fields.tsv, NAME.rsakeys_p12.fields.tsv, NAME.rsakeys.x.txt
#                               (when NAME.rsa-key.pem exists) the keys fields with
#                               the server's RSA key instead of a key log:
#                               -o tls.keys_list:0.0.0.0,PORT,http,NAME.rsa-key.pem,
#                               -o uat:rsa_keys:"NAME.rsa-key.p12","tlslens", and
#                               -x (decrypted bytes) with uat:rsa_keys and the
#                               PKCS#1 copy NAME.rsa-key.pkcs1.pem
#   ONLY="NAME ..." src/test/scripts/make-golden.sh   just those captures
#   src/test/scripts/make-golden.sh --public DIR OUTDIR
#       The same for every DIR/*.pcap* (keys file when DIR/NAME.keylog exists),
#       with the decode-as options from src/test/scripts/public-decode-as.txt,
#       into OUTDIR (e.g. target/golden-public/; never committed).
#
# Captures are processed in parallel, $JOBS (default: nproc) at a time.
#
# Options used for every tshark run: the tshark defaults, except
#   -o tcp.reassemble_out_of_order:TRUE
# and TZ=UTC in the environment (so times in -O output do not depend on the
# machine's time zone).  For our captures, "-d tcp.port==N,tls" is added for
# every TLS port N != 443 listed in the manifest's "tls_ports".
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../../.." && pwd)
FIELDS_FILE="$REPO/src/test/resources/golden/fields.txt"
TSHARK=${TSHARK:-tshark}
export TZ=UTC
COMMON_OPTS=(-o tcp.reassemble_out_of_order:TRUE)

JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
# run "$@" in the background, at most $JOBS at a time
RUNNING=0
spawn() {
  if [ "$RUNNING" -ge "$JOBS" ]; then wait -n || FAILED=1; RUNNING=$((RUNNING - 1)); fi
  "$@" &
  RUNNING=$((RUNNING + 1))
}
FAILED=0
finish() {
  while [ "$RUNNING" -gt 0 ]; do wait -n || FAILED=1; RUNNING=$((RUNNING - 1)); done
  [ "$FAILED" = 0 ] || { echo "make-golden: some tshark runs failed" >&2; exit 1; }
}

mapfile -t FIELDS < <(grep -v -E '^\s*(#|$)' "$FIELDS_FILE")
field_args() { local f; for f in "$@"; do printf -- '-e\n%s\n' "$f"; done; }
mapfile -t FARGS < <(field_args "${FIELDS[@]}")
mapfile -t KFARGS < <(field_args "${FIELDS[@]}" tls.record.opaque_type)
mapfile -t UDP_FIELDS < <(grep -v -E '^\s*(#|$)' "$REPO/src/test/resources/golden/udp-fields.txt")
mapfile -t UFARGS < <(field_args "${UDP_FIELDS[@]}")
mapfile -t UDP_KEYS_FIELDS < <(grep -v -E '^\s*(#|$)' "$REPO/src/test/resources/golden/udp-keys-fields.txt")
mapfile -t UKFARGS < <(field_args "${UDP_FIELDS[@]}" "${UDP_KEYS_FIELDS[@]}")

# run_tshark OUTFILE ARGS...: tshark exits non-zero on a truncated capture but
# still prints everything it read; keep that output, fail only when it is empty.
run_tshark() {
  local out="$1"; shift
  local rc=0
  "$TSHARK" "$@" >"$out.tmp" 2>"$out.err" || rc=$?
  if [ $rc -ne 0 ]; then
    if [ ! -s "$out.tmp" ]; then cat "$out.err" >&2; rm -f "$out.tmp" "$out.err"; echo "tshark failed: $*" >&2; return 1; fi
    grep -v -i 'running as user' "$out.err" | sed "s|^|  tshark (exit $rc): |" >&2 || true
  fi
  rm -f "$out.err"
  mv "$out.tmp" "$out"
}

# golden_for CAP OUTDIR KEYLOG|"" BAD_KEYLOG|"" FIRST_ONLY_KEYLOG|"" DECODE_AS_ARGS...
golden_for() {
  local cap="$1" outdir="$2" keylog="$3" badkeylog="$4" firstonly="$5"; shift 5
  local name; name=$(basename "$cap"); name=${name%.pcapng}; name=${name%.pcap}
  local d=("$@")
  run_tshark "$outdir/$name.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
    -T fields -E header=y -E occurrence=a "${FARGS[@]}"
  run_tshark "$outdir/$name.Otls.txt" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" -O tls
  run_tshark "$outdir/$name.udp.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
    -T fields -E header=y -E occurrence=a "${UFARGS[@]}"
  if [ -n "$keylog" ] && [ "${DTLS_KEYS:-}" = yes ]; then
    run_tshark "$outdir/$name.udp.keys.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "tls.keylog_file:$keylog" -T fields -E header=y -E occurrence=a "${UKFARGS[@]}"
  # quic.connection.number set on some row: the capture has QUIC
  elif [ -n "$keylog" ] && awk -F'\t' 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "quic.connection.number") c = i; next}
      c && $c != "" {found = 1; exit} END {exit !found}' "$outdir/$name.udp.fields.tsv"; then
    run_tshark "$outdir/$name.udp.keys.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "tls.keylog_file:$keylog" -T fields -E header=y -E occurrence=a "${UFARGS[@]}"
  else
    rm -f "$outdir/$name.udp.keys.fields.tsv"
  fi
  if [ -n "$keylog" ]; then
    run_tshark "$outdir/$name.keys.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "tls.keylog_file:$keylog" -T fields -E header=y -E occurrence=a "${KFARGS[@]}"
  else
    rm -f "$outdir/$name.keys.fields.tsv"
  fi
  if [ -n "$badkeylog" ]; then
    run_tshark "$outdir/$name.badkeys.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "tls.keylog_file:$badkeylog" -T fields -E header=y -E occurrence=a "${KFARGS[@]}"
  else
    rm -f "$outdir/$name.badkeys.fields.tsv"
  fi
  if [ -n "$firstonly" ]; then
    run_tshark "$outdir/$name.first_only.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "tls.keylog_file:$firstonly" -T fields -E header=y -E occurrence=a "${KFARGS[@]}"
  else
    rm -f "$outdir/$name.first_only.fields.tsv"
  fi
  local rsakey="${cap%.pcap*}.rsa-key"
  if [ -f "$rsakey.pem" ]; then
    run_tshark "$outdir/$name.rsakeys.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "tls.keys_list:0.0.0.0,8443,http,$rsakey.pem" -T fields -E header=y -E occurrence=a "${KFARGS[@]}"
    run_tshark "$outdir/$name.rsakeys_p12.fields.tsv" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "uat:rsa_keys:\"$rsakey.p12\",\"tlslens\"" -T fields -E header=y -E occurrence=a "${KFARGS[@]}"
    run_tshark "$outdir/$name.rsakeys.x.txt" -r "$cap" "${COMMON_OPTS[@]}" "${d[@]}" \
      -o "uat:rsa_keys:\"$rsakey.pkcs1.pem\",\"\"" -x
  fi
  echo "golden: $name ${d[*]}" >&2
}

if [ "${1:-}" = "--public" ]; then
  [ $# -eq 3 ] || { echo "usage: $0 --public DIR OUTDIR" >&2; exit 2; }
  src="$2"; outdir="$3"
  mkdir -p "$outdir"
  map="$SCRIPT_DIR/public-decode-as.txt"
  shopt -s nullglob
  for cap in "$src"/*.pcap "$src"/*.pcapng; do
    name=$(basename "$cap"); name=${name%.pcapng}; name=${name%.pcap}
    d=()
    if [ -f "$map" ]; then
      line=$(awk -v n="$name" '$1 == n {$1=""; print; exit}' "$map")
      # shellcheck disable=SC2206
      [ -n "$line" ] && d=($line)
    fi
    kl=""
    [ -f "$src/$name.keylog" ] && kl=$(cd "$src" && pwd)/$name.keylog
    spawn golden_for "$cap" "$outdir" "$kl" "" "" "${d[@]}"
  done
  finish
  exit 0
fi

CAPS="$REPO/src/test/resources/captures"
OUTDIR="$REPO/src/test/resources/golden"
for manifest in "$CAPS"/*.manifest.json; do
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $(basename "$manifest" .manifest.json) "* ]]; then continue; fi
  read -r file keylog ports badkeylog firstonly dtls < <(python3 - "$manifest" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
ports = ",".join(str(p) for p in m.get("tls_ports", []) if p != 443)
dtls = any(str(c.get("version") or "").startswith("DTLS") for c in m.get("connections", []))
print(m["file"], m.get("keylog") or "-", ports or "-", (m.get("bad_keylog") or {}).get("file") or "-",
      (m.get("first_only_keylog") or {}).get("file") or "-", "yes" if dtls else "no")
PY
)
  d=()
  if [ "$ports" != "-" ]; then
    IFS=, read -r -a plist <<<"$ports"
    for p in "${plist[@]}"; do d+=(-d "tcp.port==$p,tls"); done
  fi
  kl=""
  [ "$keylog" != "-" ] && kl="$CAPS/$keylog"
  bkl=""
  [ "$badkeylog" != "-" ] && bkl="$CAPS/$badkeylog"
  fkl=""
  [ "$firstonly" != "-" ] && fkl="$CAPS/$firstonly"
  DTLS_KEYS=$dtls spawn golden_for "$CAPS/$file" "$OUTDIR" "$kl" "$bkl" "$fkl" "${d[@]}"
done
finish
