#!/usr/bin/env bash
# make-captures.sh - make the TLS Lens test captures with real TLS peers on loopback.
#
#   src/test/scripts/make-captures.sh [--out DIR] [SCENARIO ...]
#       (Re)makes the captures (all scenarios, or the named ones) into
#       src/test/resources/captures/ (or DIR): NAME.pcap[ng], NAME.keylog when
#       the client writes one, and NAME.manifest.json written by this script
#       while it runs each scenario (what it started, what the peers reported).
#   src/test/scripts/make-captures.sh --large N [OUT.pcapng]
#       Makes a big capture of at least N packets of real TLS (many short
#       connections, Python/OpenSSL peers) for benchmarks; default
#       target/large-N.pcapng (never committed).
#   src/test/scripts/make-captures.sh --list
#
# Needs: root (capturing on lo/any), dumpcap, tcpdump, editcap, capinfos,
# openssl (3.x), h2o, curl, python3, java (17+), keytool, ss (iproute2).
# dtls13_wolfssl also needs cmake, gcc and wolfSSL 5.5.4's source (apt-get source wolfssl, or
# WOLFSSL_SRC=DIR): no packaged peer speaks DTLS 1.3 (see build_wolfssl_dtls13).
# Certificates and keys are generated at run time in a temporary directory
# and deleted afterwards; no private key is written to the repository, except
# tls12_rsa_keys' throwaway server key (the RSA keys list tests need it).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../../.." && pwd)
OUT="$REPO/src/test/resources/captures"
ALL_SCENARIOS=(dtls12_hello_verify dtls10 tls12_full_then_ticket tls12_session_id tls13_full_then_psk tls13_psk_early_data tls13_early_data_rejected
  tls13_hrr tls12_client_cert tls13_client_cert tls12_split_records tls_alert tls10_cbc tls11_cbc
  tls12_ticket_refused tls13_two_tickets h2o_curl jdk_tls ipv6_tls12 truncated
  tls12_aead tls12_cbc tls12_resumption_keys tls13_ciphers tls13_key_update tls12_rsa_keys
  dtls12_resumed quic_kwik_full quic_kwik_zero_rtt quic_kwik_retry quic_kwik_two_initials quic_kwik_chacha quic_kwik_v2 quic_kwik_key_update quic_kwik_version_negotiation)
# DTLS decryption: one association per cipher suite (sc_dtls12_aead, sc_dtls12_cbc below)
ALL_SCENARIOS+=(dtls12_aead dtls12_cbc dtls13_wolfssl)
# QUIC 0-RTT sealed with the resumed session's cipher suite (ChaCha20), not AES-128-GCM (sc_quic_kwik_zero_rtt_chacha)
ALL_SCENARIOS+=(quic_kwik_zero_rtt_chacha)
MT="python3 $SCRIPT_DIR/manifest_tool.py"

log() { printf '[make-captures %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- arguments
LARGE=""
LARGE_OUT=""
SELECTED=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --large) LARGE="$2"; shift 2
             if [ $# -gt 0 ] && [[ "$1" != -* ]]; then LARGE_OUT="$1"; shift; fi ;;
    --list) printf '%s\n' "${ALL_SCENARIOS[@]}"; exit 0 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) SELECTED+=("$1"); shift ;;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${ALL_SCENARIOS[@]}")
[ "$(id -u)" = 0 ] || die "must run as root (packet capture)"
for t in dumpcap tcpdump editcap capinfos openssl python3 ss; do
  command -v "$t" >/dev/null || die "missing tool: $t"
done

WORK=$(mktemp -d /tmp/tlslens-captures.XXXXXX)
BG_PIDS=()
cleanup() {
  local p
  for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  exec 7>&- 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# A FIFO held open read/write: servers read it as stdin and never see EOF.
mkfifo "$WORK/hold.fifo"
exec 7<>"$WORK/hold.fifo"

OPENSSL_VERSION=$(openssl version | awk '{print $2}')

# ---------------------------------------------------------------- certificates
gen_certs() {
  local d="$WORK/pki"
  mkdir -p "$d"
  (
    cd "$d"
    local ext_srv='subjectAltName=DNS:localhost,DNS:tlslens.test
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth'
    local ext_cli='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth'
    printf '%s\n' "$ext_srv" > srv.ext
    printf '%s\n' "$ext_cli" > cli.ext
    for ca in ca wrongca; do
      openssl req -x509 -newkey rsa:2048 -nodes -keyout $ca.key -out $ca.crt -days 3650 \
        -subj "/O=TLS Lens/CN=TLS Lens Test CA ($ca)" -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    done
    openssl req -new -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.csr -subj "/O=TLS Lens/CN=localhost" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ecdsa.key -out ecdsa.csr \
      -subj "/O=TLS Lens/CN=localhost" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout client.key -out client.csr \
      -subj "/O=TLS Lens/CN=TLS Lens test client" 2>/dev/null
    openssl x509 -req -in rsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out rsa.crt -extfile srv.ext 2>/dev/null
    openssl x509 -req -in ecdsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out ecdsa.crt -extfile srv.ext 2>/dev/null
    openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -out client.crt -extfile cli.ext 2>/dev/null
    cat rsa.crt ca.crt > rsa.chain.crt
    cat ecdsa.crt ca.crt > ecdsa.chain.crt
    openssl pkcs12 -export -in ecdsa.crt -inkey ecdsa.key -certfile ca.crt -name server \
      -out server.p12 -passout pass:changeit
  )
  PKI="$d"
}

# ---------------------------------------------------------------- helpers
now() { date +%s.%N; }

wait_listen() { # PORT: wait until something listens on PORT (no probe connection)
  local i
  for i in $(seq 1 200); do
    if [ -n "$(ss -Hltun "( sport = :$1 )")" ]; then return 0; fi
    sleep 0.05
  done
  die "nothing listens on port $1"
}

wait_free() { # PORT: wait until nothing listens on PORT
  local i
  for i in $(seq 1 100); do
    if [ -z "$(ss -Hltun "( sport = :$1 )")" ]; then return 0; fi
    sleep 0.05
  done
  die "port $1 is still in use"
}

iana_cipher() { # OpenSSL or IANA cipher name -> IANA name
  local n="$1"
  case "$n" in TLS_*|"") printf '%s' "$n"; return ;; esac
  openssl ciphers -stdname 'ALL:COMPLEMENTOFALL:@SECLEVEL=0' 2>/dev/null | awk -v n="$n" '$3 == n {print $1; exit}'
}

tls_version_name() { # TLSv1.2 / TLSv1 -> "TLS 1.2" / "TLS 1.0"; anything else -> null
  case "$1" in
    TLSv1) echo '"TLS 1.0"' ;;
    TLSv1.1) echo '"TLS 1.1"' ;;
    TLSv1.2) echo '"TLS 1.2"' ;;
    TLSv1.3) echo '"TLS 1.3"' ;;
    DTLSv1) echo '"DTLS 1.0"' ;;
    DTLSv1.2) echo '"DTLS 1.2"' ;;
    DTLSv1.3) echo '"DTLS 1.3"' ;;
    *) echo null ;;
  esac
}

json_str() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }
json_file() { python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1], newline="").read()))' "$1"; }

# --- capture state
CAP_NAME=""; CAP_FILE=""; CAP_PID=""; CAP_FORMAT=""; CAP_PORTS=(); CONNS=""; KEYLOG=""
CAP_DESC=""

# begin_capture NAME FORMAT DESCRIPTION PORT...
#   FORMAT: pcapng (dumpcap on lo, Ethernet), pcap (tcpdump on lo, usec),
#           pcap-nsec (tcpdump on lo, nsec), sll (tcpdump -i any -y LINUX_SLL),
#           sll2 (tcpdump -i any -y LINUX_SLL2), null / raw (tcpdump on lo,
#           then pcap_relink.py strips Ethernet and sets link type 0 / 101)
begin_capture() {
  CAP_NAME="$1"; CAP_FORMAT="$2"; CAP_DESC="$3"; shift 3
  CAP_PORTS=("$@")
  CONNS="$WORK/$CAP_NAME.conns.jsonl"; : > "$CONNS"
  KEYLOG="$WORK/$CAP_NAME.keylog"; : > "$KEYLOG"
  rm -f "$OUT/$CAP_NAME".*
  local filter="" p
  for p in "${CAP_PORTS[@]}"; do filter="${filter:+$filter or }${CAP_L4:-tcp} port $p"; done
  local clog="$WORK/$CAP_NAME.caplog"
  case "$CAP_FORMAT" in
    pcapng) CAP_FILE="$OUT/$CAP_NAME.pcapng"
            dumpcap -q -i lo -f "$filter" -w "$CAP_FILE" >"$clog" 2>&1 & ;;
    pcap)   CAP_FILE="$OUT/$CAP_NAME.pcap"
            tcpdump -Z root -i lo -U -w "$CAP_FILE" "$filter" >"$clog" 2>&1 & ;;
    pcap-nsec) CAP_FILE="$OUT/$CAP_NAME.pcap"
            tcpdump -Z root -i lo -U --time-stamp-precision=nano -w "$CAP_FILE" "$filter" >"$clog" 2>&1 & ;;
    sll)    CAP_FILE="$OUT/$CAP_NAME.pcap"
            tcpdump -Z root -i any -y LINUX_SLL -U -w "$CAP_FILE" "$filter" >"$clog" 2>&1 & ;;
    sll2)   CAP_FILE="$OUT/$CAP_NAME.pcap"
            tcpdump -Z root -i any -y LINUX_SLL2 -U -w "$CAP_FILE" "$filter" >"$clog" 2>&1 & ;;
    null|raw) CAP_FILE="$WORK/$CAP_NAME.eth.pcap"
            tcpdump -Z root -i lo -U -w "$CAP_FILE" "$filter" >"$clog" 2>&1 & ;;
    *) die "unknown capture format $CAP_FORMAT" ;;
  esac
  CAP_PID=$!
  BG_PIDS+=("$CAP_PID")
  local i
  for i in $(seq 1 200); do
    if grep -q -E 'Capturing on|listening on' "$clog" 2>/dev/null; then break; fi
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$clog" >&2; die "capture for $CAP_NAME did not start"; }
    sleep 0.05
  done
  grep -q -E 'Capturing on|listening on' "$clog" || die "capture for $CAP_NAME not ready"
  sleep 0.3
  log "capturing $CAP_NAME ($CAP_FORMAT, filter: $filter)"
}

# end_capture: stop the capture, convert, write keylog + manifest.
end_capture() {
  sleep 0.5
  kill -INT "$CAP_PID"
  wait "$CAP_PID" || true
  local linktype linktype_num format precision file
  case "$CAP_FORMAT" in
    pcapng) format=pcapng; precision=usec; linktype=ETHERNET; linktype_num=1 ;;
    pcap) format=pcap; precision=usec; linktype=ETHERNET; linktype_num=1 ;;
    pcap-nsec) format=pcap; precision=nsec; linktype=ETHERNET; linktype_num=1 ;;
    sll) format=pcap; precision=usec; linktype=LINUX_SLL; linktype_num=113 ;;
    sll2) format=pcap; precision=usec; linktype=LINUX_SLL2; linktype_num=276 ;;
    null) format=pcap; precision=usec; linktype=NULL; linktype_num=0 ;;
    raw) format=pcap; precision=usec; linktype=RAW; linktype_num=101 ;;
  esac
  if [ "$CAP_FORMAT" = null ] || [ "$CAP_FORMAT" = raw ]; then
    python3 "$SCRIPT_DIR/pcap_relink.py" "$CAP_FORMAT" "$CAP_FILE" "$OUT/$CAP_NAME.pcap"
    cp "$CAP_FILE" "$WORK/$CAP_NAME.ethernet.pcap"
    CAP_FILE="$OUT/$CAP_NAME.pcap"
  fi
  chmod 644 "$CAP_FILE"
  file=$(basename "$CAP_FILE")
  local keylog=null
  if [ -s "$KEYLOG" ]; then cp "$KEYLOG" "$OUT/$CAP_NAME.keylog"; keylog=$(json_str "$CAP_NAME.keylog"); fi
  local ports
  ports=$(printf '%s\n' "${CAP_PORTS[@]}" | sort -n -u | paste -sd, -)
  local npk
  npk=$(capinfos -c -M "$CAP_FILE" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}')
  $MT write "$CONNS" "$OUT/$CAP_NAME.manifest.json" \
    "name=$CAP_NAME" "file=$file" "format=$format" "timestamp_precision=$precision" \
    "linktype=$linktype" "linktype_number=$linktype_num" "keylog=$keylog" \
    "tls_ports=[$ports]" "packets=${npk:-null}" "description=$CAP_DESC" \
    "made_by=src/test/scripts/make-captures.sh" "openssl_version=$OPENSSL_VERSION" \
    ${CAP_L4:+"transport=$CAP_L4"}
  log "wrote $file ($(stat -c %s "$CAP_FILE") bytes, ${npk:-?} packets)"
}

# --- servers
SRV_PID=""
SRV_TOOL=""
SRV_LOG=""
SRV_IN_FD=""  # s_server's stdin: fd 7 (never anything) unless a scenario gives its own FIFO
# srv_openssl PORT ARGS...: openssl s_server on PORT (IPv4 loopback unless ARGS has -6)
srv_openssl() {
  local port="$1"; shift
  local accept="127.0.0.1:$port"
  if [[ " $* " == *" -6 "* ]]; then accept="[::1]:$port"; fi
  wait_free "$port"
  SRV_LOG="$WORK/srv.$port.$(date +%s%N).log"
  (cd "$WORK/www" && exec openssl s_server -accept "$accept" "$@") <&"${SRV_IN_FD:-7}" >"$SRV_LOG" 2>&1 &
  SRV_PID=$!
  BG_PIDS+=("$SRV_PID")
  SRV_TOOL="openssl s_server $OPENSSL_VERSION"
  wait_listen "$port"
}
srv_stop() {
  kill "$SRV_PID" 2>/dev/null || true
  wait "$SRV_PID" 2>/dev/null || true
}

# --- openssl s_client connection, recorded in the manifest from what s_client reported
# s_client_conn [--tag T] [--port P] [--host H] [--sess-in F --from TAG] [--sess-out F]
#               [--early FILE] [--forced-cipher] [--expect TEXT] [--no-keylog]
#               [--send TEXT | --input-fn FUNC --client-sent TEXT] [--server-sent TEXT]
#               [--set KEY=JSON]... -- S_CLIENT ARGS...
#   The client writes TEXT (default: one "hello from openssl s_client" line) to
#   s_client's stdin, or whatever FUNC prints (with sleeps in between, e.g. the
#   "K" command for a KeyUpdate). The manifest records it as client_sent (the
#   application data the client sent, in order), server_sent (what the server
#   was made to send, when known), the key log lines the client wrote for the
#   connection (keylog_lines, 1-based, and client_random) and, with --early,
#   early_data_text. --set adds a field as it is (JSON or text).
s_client_conn() {
  local tag="c$RANDOM" port="" host=127.0.0.1 sess_in="" from="" sess_out="" early="" forced=false
  local expect="" use_keylog=true send_text="" input_fn="" client_sent="" server_sent="" sets=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --tag) tag="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --host) host="$2"; shift 2 ;;
      --sess-in) sess_in="$2"; shift 2 ;;
      --from) from="$2"; shift 2 ;;
      --sess-out) sess_out="$2"; shift 2 ;;
      --early) early="$2"; shift 2 ;;
      --forced-cipher) forced=true; shift ;;
      --expect) expect="$2"; shift 2 ;;
      --no-keylog) use_keylog=false; shift ;;
      --send) send_text="$2"; shift 2 ;;
      --input-fn) input_fn="$2"; shift 2 ;;
      --client-sent) client_sent="$2"; shift 2 ;;
      --server-sent) server_sent="$2"; shift 2 ;;
      --set) sets+=("$2"); shift 2 ;;
      --) shift; break ;;
      *) die "s_client_conn: bad option $1" ;;
    esac
  done
  local connect="$host:$port"
  [[ "$host" == *:* ]] && connect="[$host]:$port"
  local args=(-connect "$connect" -servername localhost)
  $use_keylog && args+=(-keylogfile "$KEYLOG")
  [ -n "$sess_in" ] && args+=(-sess_in "$sess_in")
  [ -n "$sess_out" ] && args+=(-sess_out "$sess_out")
  [ -n "$early" ] && args+=(-early_data "$early")
  local out="$WORK/$CAP_NAME.$tag.s_client.out"
  local t0; t0=$(now)
  local kl_before=0
  [ -f "$KEYLOG" ] && kl_before=$(wc -l <"$KEYLOG")
  if [ -n "$input_fn" ]; then
    "$input_fn" | timeout 30 openssl s_client "${args[@]}" "$@" >"$out" 2>&1 || true
  else
    [ -n "$send_text" ] || printf -v send_text 'hello from openssl s_client (%s/%s)\n' "$CAP_NAME" "$tag"
    client_sent="$send_text"
    { printf '%s' "$send_text"; sleep 0.5; } |
      timeout 20 openssl s_client "${args[@]}" "$@" >"$out" 2>&1 || true
  fi
  # which key log lines did this connection add?
  local kl_lines=null client_random=null
  if $use_keylog && [ -f "$KEYLOG" ]; then
    local kl_after; kl_after=$(wc -l <"$KEYLOG")
    if [ "$kl_after" -gt "$kl_before" ]; then
      kl_lines="[$((kl_before + 1)),$kl_after]"
      client_random=$(json_str "$(sed -n "$((kl_before + 1)),\$p" "$KEYLOG" |
        awk '$1 !~ /^#/ && $1 != "RSA" {print $2; exit}')")
    fi
  fi
  # what did the client offer for resumption?
  local offered="[]"
  if [ -n "$sess_in" ]; then
    local st; st=$(openssl sess_id -in "$sess_in" -text -noout)
    if grep -q 'Protocol *: TLSv1.3' <<<"$st"; then offered='["psk"]'
    else
      local o=()
      grep -q 'TLS session ticket:' <<<"$st" && o+=('"session_ticket"')
      grep -q -E 'Session-ID: [0-9A-F]+' <<<"$st" && o+=('"session_id"')
      offered="[$(IFS=,; echo "${o[*]}")]"
    fi
  fi
  # what did the handshake give?
  # "New, TLSv1.2, Cipher is X" names the cipher's own minimum version, not the
  # protocol: take the protocol from the session's "Protocol  :" line.
  local line ver cipher reused=false
  line=$(grep -m1 -E '^(New|Reused), ' "$out" || true)
  cipher=$(sed -E 's/^(New|Reused), ([^,]+), Cipher is (.*)$/\3/' <<<"$line")
  ver=$(grep -m1 -E '^ *Protocol *: ' "$out" | sed -E 's/^ *Protocol *: *//' || true)
  [[ "$line" == Reused* ]] && reused=true
  [ "$cipher" = "(NONE)" ] && ver=""
  local version; version=$(tls_version_name "$ver")
  local completed=true
  [ "$version" = null ] && completed=false
  local cs=null
  [ "$completed" = true ] && cs=$(json_str "$(iana_cipher "$cipher")")
  local resumption=none
  if $reused; then
    if [ "$ver" = TLSv1.3 ]; then resumption=psk
    elif [[ "$offered" == *session_ticket* ]]; then resumption=session_ticket
    else resumption=session_id; fi
  fi
  local early_acc=false early_off=false
  if [ -n "$early" ]; then
    early_off=true
    grep -q 'Early data was accepted' "$out" && early_acc=true
  fi
  local notes=()
  [ -n "$expect" ] && notes+=("$expect")
  $early_off && { $early_acc && notes+=("early data accepted") || notes+=("early data offered but rejected"); }
  if [ "$completed" = false ]; then
    local alert
    alert=$(grep -o -m1 -E 'alert [a-z ]+' "$out" || true)
    notes+=("handshake failed${alert:+ (s_client: $alert)}")
  fi
  if [ "$resumption" = none ] && [ "$offered" != "[]" ] && [ "$completed" = true ]; then
    notes+=("resumption offered but not accepted: full handshake")
  fi
  local joined="" n
  for n in "${notes[@]}"; do joined="${joined:+$joined; }$n"; done
  local rf=null
  [ -n "$from" ] && [ "$resumption" != none ] && rf="$from"
  local ip=127.0.0.1; [[ "$host" == *:* ]] && ip="$host"
  $MT conn "$CONNS" "tag=$tag" "t_start=$t0" "client_tool=openssl s_client $OPENSSL_VERSION" \
    "server_tool=$SRV_TOOL" "ip=$ip" "port=$port" "version=$version" "cipher_suite=$cs" \
    "cipher_forced=$forced" "resumption=$resumption" "resumption_offered=$offered" \
    "early_data=$early_acc" "early_data_offered=$early_off" "resumed_from=$rf" \
    "handshake_completed=$completed" "expect=$joined" \
    "client_sent=$(json_str "$client_sent")" \
    "keylog_lines=$kl_lines" "client_random=$client_random" \
    ${server_sent:+"server_sent=$(json_str "$server_sent")"} \
    ${early:+"early_data_text=$(json_file "$early")"} \
    ${sets[@]+"${sets[@]}"}
  log "  $tag: ${line:-no handshake} protocol=${ver:-none} offered=$offered resumption=$resumption early=$early_acc"
}

# ---------------------------------------------------------------- scenarios
CIPHER12=ECDHE-RSA-AES128-GCM-SHA256

# DTLS over UDP: s_server -listen answers the first ClientHello with a HelloVerifyRequest
# (RFC 6347 4.2.1), the client repeats its ClientHello with the cookie.
sc_dtls12_hello_verify() {
  CAP_L4=udp begin_capture dtls12_hello_verify pcap \
    "DTLS 1.2 full handshake over UDP: HelloVerifyRequest cookie exchange (s_server -listen), then application data" 4444
  srv_openssl 4444 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -dtls1_2 -listen
  s_client_conn --tag full --port 4444 --expect "ClientHello, HelloVerifyRequest with a cookie, ClientHello with it" \
    -- -dtls1_2
  srv_stop
  CAP_L4=udp end_capture
}

sc_dtls10() {
  CAP_L4=udp begin_capture dtls10 pcap \
    "DTLS 1.0 full handshake over UDP (s_server -listen: HelloVerifyRequest), security level 0 as OpenSSL 3 needs for DTLS 1.0" 4445
  srv_openssl 4445 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -dtls1 -listen -cipher 'DEFAULT:@SECLEVEL=0'
  s_client_conn --tag full --port 4445 --expect "DTLS 1.0: ClientHello, HelloVerifyRequest, ClientHello with the cookie" \
    -- -dtls1 -cipher 'DEFAULT:@SECLEVEL=0'
  srv_stop
  CAP_L4=udp end_capture
}

# DTLS 1.2 decryption, one association per suite, each with an s_server -listen of its own (it
# serves one association: HelloVerifyRequest, handshake); the client sends a line and closes
# (close_notify). dtls_suite_conns PORT reads "tag cipher etm" lines.
dtls_suite_conns() {
  local port="$1" tag cipher etm
  while read -r tag cipher etm; do
    srv_openssl "$port" -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -dcert "$PKI/ecdsa.crt" -dkey "$PKI/ecdsa.key" \
      -dtls1_2 -listen -cipher 'ALL:@SECLEVEL=0'
    local opt=() note=""
    case "$etm" in
      yes) note=", encrypt_then_mac negotiated" ;;
      no) opt=(-no_etm); note=", client -no_etm: MAC-then-encrypt" ;;
    esac
    s_client_conn --tag "$tag" --port "$port" --forced-cipher \
      ${etm:+--set "encrypt_then_mac=$([ "$etm" = yes ] && echo true || echo false)"} \
      --expect "DTLS 1.2 $cipher$note; decrypted: Finished both ways, the client's line, close_notify" \
      -- -dtls1_2 -cipher "$cipher:@SECLEVEL=0" "${opt[@]}"
    srv_stop
  done
}

sc_dtls12_aead() {
  CAP_L4=udp begin_capture dtls12_aead pcap \
    "DTLS 1.2 AEAD suites for decryption, one association each: AES-128-GCM, AES-256-GCM (SHA-384 PRF), ChaCha20-Poly1305, AES-128-CCM and AES-128-CCM_8 (ECDSA), RSA key exchange with AES-128-CCM" 4446
  dtls_suite_conns 4446 <<'LIST'
aes128gcm ECDHE-RSA-AES128-GCM-SHA256
aes256gcm ECDHE-RSA-AES256-GCM-SHA384
chacha20 ECDHE-RSA-CHACHA20-POLY1305
aes128ccm ECDHE-ECDSA-AES128-CCM
aes128ccm8 ECDHE-ECDSA-AES128-CCM8
rsa_aes128ccm AES128-CCM
LIST
  CAP_L4=udp end_capture
}

sc_dtls12_cbc() {
  CAP_L4=udp begin_capture dtls12_cbc pcap \
    "DTLS 1.2 CBC suites for decryption: AES-CBC with HMAC-SHA1, HMAC-SHA256, HMAC-SHA384 (SHA-384 PRF), each with encrypt_then_mac (OpenSSL's default) and without (-no_etm); RSA key exchange with AES-256-CBC-SHA256" 4447
  dtls_suite_conns 4447 <<'LIST'
sha1_etm ECDHE-RSA-AES128-SHA yes
sha1_noetm ECDHE-RSA-AES128-SHA no
sha256_etm ECDHE-RSA-AES128-SHA256 yes
sha256_noetm ECDHE-RSA-AES128-SHA256 no
sha384_etm ECDHE-ECDSA-AES256-SHA384 yes
sha384_noetm ECDHE-ECDSA-AES256-SHA384 no
rsa_sha256_etm AES256-SHA256 yes
LIST
  CAP_L4=udp end_capture
}

# DTLS 1.3 with keys. No peer in Debian 12 or on Maven Central speaks it: OpenSSL 3.0 and GnuTLS 3.7
# do not, Bouncy Castle 1.80 refuses DTLSv13 (bc-java issue 1468), Debian's libwolfssl35 is built
# without DTLS 1.3. So wolfSSL 5.5.4 is built from Debian's source package (apt-get source wolfssl:
# needs a deb-src line for bookworm; or WOLFSSL_SRC=an unpacked wolfssl-5.5.4 tree) with DTLS 1.3
# and the secret callback; its example server answers, dtls13_client.c writes the key log.
build_wolfssl_dtls13() {
  local src="${WOLFSSL_SRC:-}"
  if [ -z "$src" ]; then
    (cd "$WORK" && apt-get source -q --download-only wolfssl >"$WORK/wolfssl-src.log" 2>&1) ||
      die "apt-get source wolfssl failed (add a deb-src line for bookworm, or set WOLFSSL_SRC)"
    tar -C "$WORK" -xzf "$WORK"/wolfssl_*.orig.tar.gz
    src=$(ls -d "$WORK"/wolfssl-*/ | head -1)
  fi
  src=$(cd "$src" && pwd)
  local b="$WORK/wolfssl-build"
  # 5.5.4's CMake compiles src/dtls.c only with DTLS_CID on.
  cmake -S "$src" -B "$b" -DWOLFSSL_DTLS=yes -DWOLFSSL_DTLS13=yes -DWOLFSSL_DTLS_CID=yes -DWOLFSSL_TLS13=yes \
    -DWOLFSSL_EXAMPLES=yes -DWOLFSSL_CRYPT_TESTS=no -DCMAKE_C_FLAGS=-DHAVE_SECRET_CALLBACK >"$WORK/wolfssl-cmake.log" 2>&1 ||
    die "wolfSSL cmake failed (see $WORK/wolfssl-cmake.log)"
  make -C "$b" -j"$(nproc)" wolfssl server >"$WORK/wolfssl-make.log" 2>&1 || die "wolfSSL build failed"
  gcc -O1 -o "$WORK/dtls13_client" "$SCRIPT_DIR/dtls13_client.c" -I"$src" -L"$b" -lwolfssl -Wl,-rpath,"$b" ||
    die "dtls13_client.c does not build"
  WOLFSSL_DIR=$src
  WOLFSSL_VERSION=$(awk -F'"' '/define LIBWOLFSSL_VERSION_STRING/ {print $2}' "$src/wolfssl/version.h")
}

# dtls13_conn TAG CIPHER [update]: one association with the example server (DTLS 1.3, -d: no
# client certificate); the client sends a line, reads the answer, with "update" sends a KeyUpdate
# and the line again, then close_notify.
dtls13_conn() {
  local tag="$1" cipher="$2" update="${3:-}" port=4448
  local msg="hello from dtls13_client ($CAP_NAME/$tag)"
  wait_free "$port"
  (cd "$WOLFSSL_DIR" && exec ./examples/server/server -u -v 4 -p "$port" -d) >"$WORK/wolfssl-srv.$tag.log" 2>&1 &
  local spid=$!
  BG_PIDS+=("$spid")
  wait_listen "$port"
  local out="$WORK/$CAP_NAME.$tag.client.out" t0; t0=$(now)
  local kl_before; kl_before=$(wc -l <"$KEYLOG")
  timeout 20 "$WORK/dtls13_client" 127.0.0.1 "$port" "$KEYLOG" "$msg" "$cipher" $update >"$out" 2>&1 || true
  wait "$spid" 2>/dev/null || true
  local kl_after; kl_after=$(wc -l <"$KEYLOG")
  local line ver suite completed=false sent="$msg"
  line=$(grep -m1 '^version ' "$out" || true)
  ver=$(awk '{print $2}' <<<"$line")
  suite=$(grep -m1 'SSL cipher suite is' "$WORK/wolfssl-srv.$tag.log" | awk '{print $NF}')
  [ "$ver" = DTLSv1.3 ] && [ -n "$suite" ] && completed=true
  [ "$update" = update ] && sent="$msg$msg"
  local cr; cr=$(sed -n "$((kl_before + 1))p" "$KEYLOG" | awk '{print $2}')
  $MT conn "$CONNS" "tag=$tag" "t_start=$t0" "client_tool=dtls13_client.c on wolfSSL $WOLFSSL_VERSION" \
    "server_tool=wolfSSL $WOLFSSL_VERSION examples/server -u -v 4" "ip=127.0.0.1" "port=$port" \
    "version=$(tls_version_name "$ver")" "cipher_suite=$(json_str "$suite")" "cipher_forced=true" \
    "resumption=none" "resumption_offered=[]" "early_data=false" "early_data_offered=false" "resumed_from=null" \
    "handshake_completed=$completed" \
    "expect=$(json_str "DTLS 1.3: CH, HelloRetryRequest (cookie), CH, SH; EE, Certificate, CV, Finished in epoch 2; ACK; the line and the answer in epoch 3${update:+; a KeyUpdate from the client (acknowledged), the line again}; close_notify")" \
    "client_sent=$(json_str "$sent")" "server_sent=$(json_str "I hear you fa shizzle!")" \
    "keylog_lines=[$((kl_before + 1)),$kl_after]" "client_random=$(json_str "$cr")"
  log "  $tag: ${line:-no handshake} (server: $suite)"
}

sc_dtls13_wolfssl() {
  build_wolfssl_dtls13
  CAP_L4=udp begin_capture dtls13_wolfssl pcap \
    "DTLS 1.3 (RFC 9147) between wolfSSL $WOLFSSL_VERSION peers, AES-128-GCM and AES-256-GCM (SHA-384): unified headers with encrypted record numbers, HelloRetryRequest with a cookie, ACKs; the first association also sends a KeyUpdate; key log from the client's secret callback" 4448
  dtls13_conn aes128gcm TLS13-AES128-GCM-SHA256 update
  dtls13_conn aes256gcm TLS13-AES256-GCM-SHA384
  # No ChaCha20-Poly1305: wolfSSL 5.5.4 masks its record numbers otherwise than RFC 9147 4.2.3 says
  # (the mask is ChaCha20 of the first ciphertext bytes as counter and nonce; Bouncy Castle and the
  # JDK agree on it, wolfSSL's differs: a bug fixed after 5.5.4), so no reader can open those records.
  CAP_L4=udp end_capture
}

# DTLS 1.2 resumption. A second s_client with -sess_in gets no answer from s_server -dtls1_2 -listen
# (OpenSSL 3.0: its ClientHellos are retransmitted unanswered), so one s_client -reconnect makes
# the connections: a full handshake, then five that resume its session (ticket and id offered; the
# server resumes by the ticket and sends a new one). Each one repeats the HelloVerifyRequest round trip.
sc_dtls12_resumed() {
  local port=4446
  CAP_L4=udp begin_capture dtls12_resumed pcap \
    "DTLS 1.2 full handshake (HelloVerifyRequest), then five resumptions of its session (s_client -reconnect)" $port
  # s_server's stdin closed ("<&-"): with the never-ending FIFO it leaves each association open and
  # answers the next client's ClientHello with the old one's close_notify; at end of file it exits.
  SRV_IN_FD=- srv_openssl $port -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -dtls1_2 -listen
  local out="$WORK/dtls12_resumed.s_client.out" t0; t0=$(now)
  local hello='hello from openssl s_client (dtls12_resumed)'
  { printf '%s\n' "$hello"; sleep 0.5; } |
    timeout 60 openssl s_client -connect 127.0.0.1:$port -servername localhost -keylogfile "$KEYLOG" \
      -dtls1_2 -reconnect >"$out" 2>&1 || true
  local i=0 line cipher randoms lines
  mapfile -t randoms < <(awk '$1 == "CLIENT_RANDOM" {print $2}' "$KEYLOG")
  mapfile -t lines < <(awk '$1 == "CLIENT_RANDOM" {print NR}' "$KEYLOG")
  while IFS= read -r line; do
    cipher=$(sed -E 's/^(New|Reused), ([^,]+), Cipher is (.*)$/\3/' <<<"$line")
    local res=none offered='[]' rf=null expect="full handshake: ClientHello, HelloVerifyRequest, ClientHello with the cookie, Certificate; NewSessionTicket"
    # -reconnect drops each association right after its handshake; only the sixth reads stdin.
    local sent=""
    [ "$i" = 5 ] && sent="$hello"$'\n'
    if [[ "$line" == Reused* ]]; then
      res=session_ticket; offered='["session_ticket","session_id"]'; rf=dtls0
      expect="abbreviated handshake after the HelloVerifyRequest round trip: ServerHello, ChangeCipherSpec, Finished (no Certificate, no new ticket)"
    fi
    $MT conn "$CONNS" "tag=dtls$i" "t_start=$t0.$i" "client_tool=openssl s_client $OPENSSL_VERSION" \
      "server_tool=$SRV_TOOL" "ip=127.0.0.1" "port=$port" "version=\"DTLS 1.2\"" \
      "cipher_suite=$(json_str "$(iana_cipher "$cipher")")" "cipher_forced=false" "resumption=$res" \
      "resumption_offered=$offered" "early_data=false" "early_data_offered=false" "resumed_from=$rf" \
      "handshake_completed=true" "expect=$expect" "client_sent=$(json_str "$sent")" \
      "keylog_lines=[${lines[$i]},${lines[$i]}]" "client_random=$(json_str "${randoms[$i]:-}")"
    log "  dtls$i: $line"
    i=$((i + 1))
  done < <(grep -a -E '^(New|Reused), ' "$out")
  [ "$i" = 6 ] || die "dtls12_resumed: s_client -reconnect made $i connections, not 6"
  srv_stop
  CAP_L4=udp end_capture
}

# QUIC with kwik (tech.kwik:kwik, pure Java, in pom.xml; the lesson lab ships it): KwikPeers.java runs its
# server and client in one JVM on UDP port 443 (tshark decodes QUIC there by port: on another port
# its heuristics can pick another protocol). The client writes the key log; KwikPeers prints one
# JSON line per connection.
KWIK_CP=""
kwik_classpath() {
  [ -n "$KWIK_CP" ] && return 0
  command -v mvn >/dev/null || die "mvn missing (kwik's class path)"
  (cd "$REPO" && mvn -q -B -Dstyle.color=never dependency:build-classpath \
      -DincludeGroupIds=tech.kwik,at.favre.lib,com.io7m.repackage.io.whitfin \
      -Dmdep.outputFile="$WORK/kwik.cp" >&2) || die "mvn dependency:build-classpath failed"
  KWIK_CP=$(cat "$WORK/kwik.cp")
  [[ "$KWIK_CP" == *kwik-* ]] || die "kwik not on the class path: $KWIK_CP"
}

# kwik_scenario NAME MODE DESCRIPTION EXPECT0 [EXPECT1]
kwik_scenario() {
  local name="$1" mode="$2" desc="$3"; shift 3
  local expects=("$@")
  command -v java >/dev/null || die "java missing"
  kwik_classpath
  local port=443
  CAP_L4=udp begin_capture "$name" pcap "$desc" $port
  wait_free $port
  local kv; kv=$(basename "$(tr ':' '\n' <<<"$KWIK_CP" | grep '/kwik-[0-9]')" .jar | sed 's/^kwik-//')
  local t0; t0=$(now)
  local out
  out=$(cd "$SCRIPT_DIR" && timeout 120 java -cp "$KWIK_CP" KwikPeers.java "$mode" $port \
    "$PKI/rsa.crt" "$PKI/rsa.key" "$KEYLOG" 2>"$WORK/$name.kwik.err") || { cat "$WORK/$name.kwik.err" >&2; die "KwikPeers $mode failed"; }
  local i=0 line kl_before=0
  while IFS= read -r line; do
    [[ "$line" == \{* ]] || continue
    log "  kwik$i: $line"
    python3 - "$line" "$i" "$t0" "$kv" "$port" "$mode" "${expects[$i]:-}" "$KEYLOG" >>"$CONNS" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
i, t0, kv, port, mode, expect, keylog = sys.argv[2:]
i = int(i)
lines = open(keylog).read().splitlines()
# kwik's lines for connection i: each connection writes 4 lines (+1 with 0-RTT), in order; an attempt
# abandoned after a Version Negotiation packet writes none (keylog_index null).
k = r.get("keylog_index", i)
mine, seen = [], -1
randoms = []
for n, l in enumerate(lines, 1):
    w = l.split(" ")
    if len(w) == 3 and w[1] not in randoms:
        randoms.append(w[1])
    if k is not None and len(w) == 3 and w[1] == (randoms[k] if k < len(randoms) else None):
        mine.append(n)
early = r["early_data_offered"]
accepted = r["early_data_accepted"]
completed = r.get("completed", True)
c = {"tag": "kwik%d" % i, "t_start": float(t0) + i / 1000,
     "client_tool": "kwik %s QuicClientConnection" % kv, "server_tool": "kwik %s ServerConnector" % kv,
     "ip": "127.0.0.1", "port": int(port), "version": "TLS 1.3" if completed else None,
     "quic_version": {"V1": "QUIC v1", "V2": "QUIC v2"}.get(r["version"], r["version"]),
     "cipher_suite": r["cipher"], "cipher_forced": mode == "chacha",
     "resumption": "psk" if accepted else "none", "resumption_offered": ["psk"] if early else [],
     "early_data": accepted, "early_data_offered": early,
     "resumed_from": "kwik0" if accepted else None, "handshake_completed": completed,
     "expect": expect + ("" if not early else "; early data accepted" if accepted else "; early data offered but rejected"),
     # client_sent: what the client sent after its early data (manifest convention): nothing when 0-RTT carried it.
     "client_sent": "" if accepted else r["client_sent"], "server_sent": r["server_sent"],
     "keylog_lines": [mine[0], mine[-1]] if mine else None,
     "client_random": randoms[k] if k is not None and k < len(randoms) else None}
if mode == "version_negotiation":
    # The attempt in a version the server does not speak is answered with a Version Negotiation packet.
    c["version_negotiation"] = not completed
    if not completed:
        c["versions_listed"] = r["version_negotiation"]
        c["client_failure"] = r["failure"]
if early:
    c["early_data_text"] = r["client_sent"] if accepted else ""
print(json.dumps(c))
PY
    i=$((i + 1))
  done <<<"$out"
  [ "$i" -gt 0 ] || die "KwikPeers $mode reported no connection"
  CAP_L4=udp end_capture
}

sc_quic_kwik_full() {
  kwik_scenario quic_kwik_full full \
    "QUIC v1 full handshake with kwik (client and server): Initial, Handshake, 1-RTT; one request and answer on stream 0, NewSessionTicket" \
    "full handshake; the Client Hello fits one Initial; the server's Initial and Handshake packets coalesced in one datagram"
}

sc_quic_kwik_zero_rtt() {
  kwik_scenario quic_kwik_zero_rtt zero_rtt \
    "QUIC v1 with kwik: a full handshake, then a resumption with the first one's session ticket and the request sent as 0-RTT" \
    "full handshake; the server sends a NewSessionTicket (1-RTT) allowing early data" \
    "resumes connection 0's ticket (pre_shared_key); the request goes in a 0-RTT packet (CLIENT_EARLY_TRAFFIC_SECRET in the key log)"
}

sc_quic_kwik_zero_rtt_chacha() {
  kwik_scenario quic_kwik_zero_rtt_chacha zero_rtt_chacha \
    "QUIC v1 with kwik: a full handshake with TLS_CHACHA20_POLY1305_SHA256 only, then a resumption offering ChaCha20 and AES-128-GCM whose request goes as 0-RTT, sealed with the resumed session's ChaCha20-Poly1305" \
    "full handshake, TLS_CHACHA20_POLY1305_SHA256 (the only suite offered); NewSessionTicket allowing early data" \
    "resumes connection 0's ticket; the 0-RTT packet is protected with ChaCha20 (header) and ChaCha20-Poly1305 (payload), the PSK's suite (RFC 8446 4.2.10, RFC 9001 5)"
}

sc_quic_kwik_retry() {
  kwik_scenario quic_kwik_retry retry \
    "QUIC v1 with kwik: the server requires address validation and answers the first Initial with a Retry; the client repeats its Initial with the token" \
    "Initial, Retry (token, integrity tag), Initial with the token to the server's new connection ID, then the handshake"
}

sc_quic_kwik_two_initials() {
  kwik_scenario quic_kwik_two_initials two_initials \
    "QUIC v1 with kwik: a Client Hello of about 1,760 bytes (kwik's quantum-readiness test extension) split over two Initial packets, as post-quantum key shares make it" \
    "the Client Hello's CRYPTO data spans two Initial packets (two datagrams); reassembled it is one Client Hello"
}

sc_quic_kwik_chacha() {
  kwik_scenario quic_kwik_chacha chacha \
    "QUIC v1 with kwik: the client offers TLS_CHACHA20_POLY1305_SHA256 only: ChaCha20 header protection and ChaCha20-Poly1305 packet protection after the Initials" \
    "TLS_CHACHA20_POLY1305_SHA256 negotiated; the Initial packets stay AES-128-GCM (RFC 9001 5.2)"
}

sc_quic_kwik_v2() {
  kwik_scenario quic_kwik_v2 v2 \
    "QUIC version 2 (RFC 9369) with kwik from the first packet: v2's Initial salt and key labels (quicv2), its renumbered long packet types" \
    "full handshake in QUIC v2: Initial (type 1), Handshake (type 3), 1-RTT"
}

sc_quic_kwik_key_update() {
  kwik_scenario quic_kwik_key_update key_update \
    "QUIC v1 with kwik: after a first request and answer the client updates its 1-RTT keys (key phase 1), the server follows, and a second request and answer use the new keys" \
    "one request in key phase 0, then a key update (RFC 9001 6): the second request and its answer in key phase 1, decryptable only with keys derived by quic ku"
}

sc_quic_kwik_version_negotiation() {
  kwik_scenario quic_kwik_version_negotiation version_negotiation \
    "QUIC version negotiation with kwik: the server speaks QUIC v1 only; the client's first Initial is QUIC v2, the server answers with a Version Negotiation packet listing v1, the client abandons that attempt and connects again in v1" \
    "Initial in QUIC v2 (its Client Hello readable with v2's Initial keys), answered by a Version Negotiation packet (version 0) listing QUIC v1; the client gives up this attempt (RFC 9000 6.2)" \
    "a new connection in QUIC v1, the version the Version Negotiation packet listed: full handshake, one request and answer"
}

sc_tls12_full_then_ticket() {
  begin_capture tls12_full_then_ticket pcapng \
    "TLS 1.2 full handshake (ECDHE-RSA-AES128-GCM-SHA256), then resumption with the RFC 5077 session ticket" 443
  srv_openssl 443 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_2 -cipher $CIPHER12
  s_client_conn --tag full --port 443 --sess-out "$WORK/t12.sess" --forced-cipher \
    --expect "full handshake; server sends NewSessionTicket" -- -tls1_2 -cipher $CIPHER12
  s_client_conn --tag resumed --port 443 --sess-in "$WORK/t12.sess" --from full --forced-cipher \
    --expect "abbreviated handshake: no Certificate, ServerHello then NewSessionTicket, ChangeCipherSpec" -- -tls1_2 -cipher $CIPHER12
  srv_stop
  end_capture
}

sc_tls12_session_id() {
  begin_capture tls12_session_id pcap \
    "TLS 1.2 full handshake then resumption by session id (server -no_ticket)" 4433
  srv_openssl 4433 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_2 -cipher $CIPHER12 -no_ticket
  s_client_conn --tag full --port 4433 --sess-out "$WORK/sid.sess" --forced-cipher \
    --expect "full handshake; no session ticket" -- -tls1_2 -cipher $CIPHER12
  s_client_conn --tag resumed --port 4433 --sess-in "$WORK/sid.sess" --from full --forced-cipher \
    --expect "abbreviated handshake: ServerHello echoes the client's session id, no Certificate" -- -tls1_2 -cipher $CIPHER12
  srv_stop
  end_capture
}

sc_tls13_full_then_psk() {
  begin_capture tls13_full_then_psk pcap-nsec \
    "TLS 1.3 full handshake, then PSK resumption (psk_dhe_ke) with its ticket" 44330
  srv_openssl 44330 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_3 -num_tickets 1
  s_client_conn --tag full --port 44330 --sess-out "$WORK/t13.sess" \
    --expect "full handshake; one NewSessionTicket (encrypted)" -- -tls1_3
  s_client_conn --tag resumed --port 44330 --sess-in "$WORK/t13.sess" --from full \
    --expect "ClientHello with pre_shared_key + psk_key_exchange_modes (psk_dhe_ke); ServerHello with pre_shared_key and key_share" -- -tls1_3
  srv_stop
  end_capture
}

sc_tls13_psk_early_data() {
  begin_capture tls13_psk_early_data pcapng \
    "TLS 1.3 full handshake, then PSK resumption with 0-RTT early data accepted" 5555
  printf 'early data from openssl s_client: GET /early HTTP/1.0\r\n\r\n' > "$WORK/early.txt"
  srv_openssl 5555 -cert "$PKI/ecdsa.crt" -key "$PKI/ecdsa.key" -tls1_3 -early_data -num_tickets 1
  s_client_conn --tag full --port 5555 --sess-out "$WORK/early.sess" \
    --expect "full handshake; ticket allows early data" -- -tls1_3
  s_client_conn --tag early --port 5555 --sess-in "$WORK/early.sess" --from full --early "$WORK/early.txt" \
    --expect "ClientHello with early_data + pre_shared_key, 0-RTT application data before the server's flight; EncryptedExtensions has early_data; client sends EndOfEarlyData" -- -tls1_3
  srv_stop
  end_capture
}

# The same ticket twice with 0-RTT: OpenSSL's anti-replay accepts the first early data and rejects
# the second (no early_data in EncryptedExtensions), while both resume with the PSK. The rejected
# 0-RTT records are encrypted with the client's early traffic key: the server skips them.
sc_tls13_early_data_rejected() {
  begin_capture tls13_early_data_rejected pcapng \
    "TLS 1.3: a ticket used twice with 0-RTT; the first early data is accepted, the replayed one rejected" 5556
  printf 'early data from openssl s_client: GET /early HTTP/1.0\r\n\r\n' > "$WORK/early.txt"
  srv_openssl 5556 -cert "$PKI/ecdsa.crt" -key "$PKI/ecdsa.key" -tls1_3 -early_data -num_tickets 1
  s_client_conn --tag full --port 5556 --sess-out "$WORK/replay.sess" \
    --expect "full handshake; ticket allows early data" -- -tls1_3
  s_client_conn --tag early --port 5556 --sess-in "$WORK/replay.sess" --from full --early "$WORK/early.txt" \
    --expect "PSK resumption with 0-RTT early data accepted" -- -tls1_3
  s_client_conn --tag replayed --port 5556 --sess-in "$WORK/replay.sess" --from full --early "$WORK/early.txt" \
    --expect "the same ticket again: PSK accepted, early data rejected (EncryptedExtensions without early_data, no EndOfEarlyData)" -- -tls1_3
  srv_stop
  end_capture
}

sc_tls13_hrr() {
  begin_capture tls13_hrr sll \
    "TLS 1.3 HelloRetryRequest: client key share X25519 only, server accepts only P-256" 443
  srv_openssl 443 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_3 -groups P-256
  s_client_conn --tag hrr --port 443 \
    --expect "HRR: ServerHello with the HelloRetryRequest random and key_share selected_group secp256r1; second ClientHello with a P-256 key share" \
    -- -tls1_3 -groups X25519:P-256
  srv_stop
  end_capture
}

sc_tls12_client_cert() {
  begin_capture tls12_client_cert sll2 \
    "TLS 1.2 mutual authentication: ECDSA server certificate, ECDHE-ECDSA-AES256-GCM-SHA384, client certificate" 10443
  srv_openssl 10443 -cert "$PKI/ecdsa.crt" -key "$PKI/ecdsa.key" -cert_chain "$PKI/ca.crt" -tls1_2 \
    -cipher ECDHE-ECDSA-AES256-GCM-SHA384 -Verify 1 -CAfile "$PKI/ca.crt"
  s_client_conn --tag mtls --port 10443 --forced-cipher \
    --expect "client certificate: CertificateRequest from the server; client sends Certificate and CertificateVerify" \
    -- -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384 -cert "$PKI/client.crt" -key "$PKI/client.key"
  srv_stop
  end_capture
}

sc_tls13_client_cert() {
  begin_capture tls13_client_cert pcapng \
    "TLS 1.3 mutual authentication: ECDSA server certificate, client certificate (all encrypted)" 4433
  srv_openssl 4433 -cert "$PKI/ecdsa.crt" -key "$PKI/ecdsa.key" -tls1_3 -Verify 1 -CAfile "$PKI/ca.crt"
  s_client_conn --tag mtls --port 4433 \
    --expect "client certificate: CertificateRequest, client Certificate and CertificateVerify (encrypted handshake)" \
    -- -tls1_3 -cert "$PKI/client.crt" -key "$PKI/client.key"
  srv_stop
  end_capture
}

sc_tls12_split_records() {
  begin_capture tls12_split_records pcap \
    "TLS 1.2 with server -max_send_frag 512: handshake messages split over several records; second connection with client MSS 256 so records span several TCP segments" 44330
  srv_openssl 44330 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -cert_chain "$PKI/ca.crt" -tls1_2 -max_send_frag 512
  s_client_conn --tag frag --port 44330 \
    --expect "Certificate (leaf + CA) split over several 512-byte records" -- -tls1_2
  # Python/OpenSSL client with a small MSS
  local t0 out; t0=$(now)
  out=$(python3 "$SCRIPT_DIR/tls_peer.py" client --port 44330 --mss 256 --tls-max 1.2 --keylog "$KEYLOG" --send "hello from tls_peer.py")
  log "  mss256: $out"
  local ver cipher resumed
  ver=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["version"])' "$out")
  cipher=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["cipher"])' "$out")
  $MT conn "$CONNS" "tag=mss" "t_start=$t0" "client_tool=python3 ssl (tls_peer.py, TCP_MAXSEG 256)" \
    "server_tool=$SRV_TOOL" "ip=127.0.0.1" "port=44330" "version=$(tls_version_name "$ver")" \
    "cipher_suite=$(json_str "$(iana_cipher "$cipher")")" "cipher_forced=false" "resumption=none" \
    "resumption_offered=[]" "early_data=false" "resumed_from=null" "handshake_completed=true" \
    "expect=handshake messages span several 512-byte records; with MSS 256 (loopback GSO still sends multi-MSS segments) a record straddles two TCP segments"
  srv_stop
  end_capture
}

sc_tls_alert() {
  begin_capture tls_alert pcapng \
    "Failed handshakes with plaintext alerts: protocol_version (TLS 1.3-only client vs TLS 1.2-only server), unknown_ca (client verifies against the wrong CA)" 5555
  srv_openssl 5555 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_2
  s_client_conn --tag protover --port 5555 --no-keylog \
    --expect "alert protocol_version (fatal) from the server after the ClientHello" -- -tls1_3
  s_client_conn --tag unknownca --port 5555 --no-keylog \
    --expect "alert unknown_ca (fatal) from the client after the server's Certificate" \
    -- -tls1_2 -CAfile "$PKI/wrongca.crt" -verify_return_error -verify_hostname localhost
  srv_stop
  end_capture
}

sc_tls10_cbc() {
  begin_capture tls10_cbc null \
    "TLS 1.0 full handshake with a CBC suite (ECDHE-RSA-AES128-SHA), link type NULL (BSD loopback)" 443
  srv_openssl 443 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1 -cipher 'DEFAULT:@SECLEVEL=0'
  s_client_conn --tag tls10 --port 443 --forced-cipher --expect "TLS 1.0, CBC" \
    -- -tls1 -cipher 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0'
  srv_stop
  end_capture
}

sc_tls11_cbc() {
  begin_capture tls11_cbc raw \
    "TLS 1.1 full handshake with a CBC suite and RSA key exchange (AES256-SHA), link type RAW (IPv4)" 4433
  srv_openssl 4433 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'
  s_client_conn --tag tls11 --port 4433 --forced-cipher --expect "TLS 1.1, CBC, RSA key exchange (ClientKeyExchange with encrypted premaster)" \
    -- -tls1_1 -cipher 'AES256-SHA:@SECLEVEL=0'
  srv_stop
  end_capture
}

sc_tls12_ticket_refused() {
  begin_capture tls12_ticket_refused pcapng \
    "TLS 1.2 ticket resumption attempt after a server restart (new ticket key): the server refuses the ticket and does a full handshake" 10443
  srv_openssl 10443 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_2 -cipher $CIPHER12
  s_client_conn --tag full --port 10443 --sess-out "$WORK/refused.sess" --forced-cipher \
    --expect "full handshake; NewSessionTicket" -- -tls1_2 -cipher $CIPHER12
  srv_stop
  srv_openssl 10443 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_2 -cipher $CIPHER12
  s_client_conn --tag refused --port 10443 --sess-in "$WORK/refused.sess" --from full --forced-cipher \
    --expect "server restarted in between: client offers the old ticket, server cannot decrypt it and does a full handshake with a new session id and a new ticket" \
    -- -tls1_2 -cipher $CIPHER12
  srv_stop
  end_capture
}

sc_tls13_two_tickets() {
  begin_capture tls13_two_tickets pcap-nsec \
    "TLS 1.3 server sends two tickets (-num_tickets 2); two later connections resume, one with each ticket" 443
  srv_openssl 443 -cert "$PKI/ecdsa.crt" -key "$PKI/ecdsa.key" -tls1_3 -num_tickets 2
  # s_client rewrites its -sess_out file for every ticket it gets: make it a FIFO,
  # collect every write, then split the PEM sessions into two.1.sess, two.2.sess.
  local fifo="$WORK/two.fifo"
  mkfifo "$fifo"
  python3 - "$fifo" "$WORK/two.all.pem" "$WORK/two.stop" <<'PY' &
import os, select, sys, time
fifo, out, stop = sys.argv[1:]
fd = os.open(fifo, os.O_RDWR)          # never sees EOF, never blocks the writer's open
with open(out, "ab") as f:
    while True:
        r, _, _ = select.select([fd], [], [], 0.3)
        if r:
            f.write(os.read(fd, 65536)); f.flush()
        elif os.path.exists(stop):
            break
PY
  local reader=$!
  BG_PIDS+=("$reader")
  s_client_conn --tag full --port 443 --sess-out "$fifo" --expect "full handshake; two NewSessionTicket messages" -- -tls1_3
  touch "$WORK/two.stop"
  wait "$reader" || true
  python3 - "$WORK/two.all.pem" "$WORK/two" <<'PY'
import sys
data = open(sys.argv[1]).read()
marker = "-----BEGIN SSL SESSION PARAMETERS-----"
parts = [marker + p for p in data.split(marker)[1:]]
for i, p in enumerate(parts, 1):
    open("%s.%d.sess" % (sys.argv[2], i), "w").write(p)
print("sessions saved: %d" % len(parts), file=sys.stderr)
PY
  local i
  for i in 1 2; do
    if [ -s "$WORK/two.$i.sess" ]; then
      s_client_conn --tag "res$i" --port 443 --sess-in "$WORK/two.$i.sess" --from full \
        --expect "resumes with ticket $i of connection 0 (pre_shared_key identity = ticket $i)" -- -tls1_3
    else
      log "  ticket $i was not saved"
    fi
  done
  srv_stop
  end_capture
}

sc_h2o_curl() {
  command -v h2o >/dev/null || die "h2o missing"
  command -v curl >/dev/null || die "curl missing"
  begin_capture h2o_curl pcapng \
    "h2o static file over TLS with HTTP/2 (ALPN h2), curl client: TLS 1.3 then TLS 1.2" 8443
  local port=8443
  mkdir -p "$WORK/h2o"
  cat > "$WORK/h2o/h2o.conf" <<CONF
user: root
pid-file: $WORK/h2o/h2o.pid
error-log: $WORK/h2o/error.log
access-log: /dev/null
listen:
  host: 127.0.0.1
  port: $port
  ssl:
    certificate-file: $PKI/rsa.chain.crt
    key-file: $PKI/rsa.key
hosts:
  default:
    paths:
      /:
        file.dir: $WORK/www
CONF
  wait_free $port
  h2o -c "$WORK/h2o/h2o.conf" >"$WORK/h2o/stdout.log" 2>&1 &
  SRV_PID=$!
  BG_PIDS+=("$SRV_PID")
  wait_listen $port
  local h2o_version; h2o_version=$(h2o --version | awk 'NR==1 {print $3}')
  local curl_version; curl_version=$(curl --version | awk 'NR==1 {print $2}')
  local extra tag
  for tag in tls13 tls12; do
    if [ $tag = tls12 ]; then extra=(--tlsv1.2 --tls-max 1.2); else extra=(--tlsv1.3); fi
    local t0; t0=$(now)
    local err="$WORK/h2o_curl.$tag.curl.err"
    SSLKEYLOGFILE="$KEYLOG" curl -sS -v -k --http2 "${extra[@]}" --resolve "tlslens.test:$port:127.0.0.1" \
      "https://tlslens.test:$port/hello.txt" -o "$WORK/h2o_curl.$tag.body" 2>"$err" || true
    local conn ver cipher alpn
    conn=$(grep -m1 -o 'SSL connection using [^ ]* / [^ ]*' "$err" || true)
    ver=$(awk '{print $4}' <<<"$conn"); cipher=$(awk '{print $6}' <<<"$conn")
    alpn=$(grep -m1 -o 'ALPN: server accepted [^ ]*' "$err" | awk '{print $4}' || true)
    log "  $tag: $conn alpn=$alpn body=$(head -c 40 "$WORK/h2o_curl.$tag.body" 2>/dev/null)"
    $MT conn "$CONNS" "tag=$tag" "t_start=$t0" "client_tool=curl $curl_version" \
      "server_tool=h2o $h2o_version" "ip=127.0.0.1" "port=$port" "version=$(tls_version_name "$ver")" \
      "cipher_suite=$(json_str "$(iana_cipher "$cipher")")" "cipher_forced=false" "resumption=none" \
      "resumption_offered=[]" "early_data=false" "resumed_from=null" "handshake_completed=$([ -n "$ver" ] && echo true || echo false)" \
      "alpn=$(json_str "$alpn")" "sni=tlslens.test" \
      "expect=GET /hello.txt over HTTP/2 (ALPN offered h2,http/1.1; server selected $alpn); SNI tlslens.test"
  done
  kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true
  end_capture
}

sc_jdk_tls() {
  command -v java >/dev/null || die "java missing"
  begin_capture jdk_tls pcapng \
    "JDK TLS (SSLServerSocket + SSLSocket, JdkTlsPeers.java): two TLS 1.3 connections then two TLS 1.2 connections; the second of each resumes the first's session" 10443
  local port=10443
  wait_free $port
  local jv; jv=$(java -version 2>&1 | awk -F'"' 'NR==1 {print $2}')
  local t0; t0=$(now)
  local out
  out=$(cd "$SCRIPT_DIR" && java JdkTlsPeers.java $port "$PKI/server.p12" changeit TLSv1.3,TLSv1.2 2)
  local i=0 prev_tag="" line
  while IFS= read -r line; do
    local proto cipher resumed same
    same=$(python3 -c 'import json,sys; print(str(json.loads(sys.argv[1])["client_same_session"]).lower())' "$line")
    proto=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["protocol"])' "$line")
    cipher=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["cipher"])' "$line")
    resumed=$(python3 -c 'import json,sys; print(str(json.loads(sys.argv[1])["resumed"]).lower())' "$line")
    log "  jdk$i: $line"
    local res=none offered="[]" rf=null expect="full handshake"
    if [ $((i % 2)) = 1 ]; then
      if [ "$proto" = TLSv1.3 ]; then offered='["psk"]'; else offered='["session_ticket"]'; fi
      if [ "$resumed" = true ]; then
        rf="jdk$((i - 1))"
        if [ "$proto" = TLSv1.3 ]; then res=psk; else res=session_ticket; fi
        expect="resumes the session of the previous connection (JDK client session cache, stateless tickets enabled; the server picked no certificate)"
      else
        expect="client has a cached session but the JDK did not resume it: full handshake"
      fi
    fi
    $MT conn "$CONNS" "tag=jdk$i" "t_start=$t0.$i" "client_tool=JDK $jv SSLSocket" \
      "server_tool=JDK $jv SSLServerSocket" "ip=127.0.0.1" "port=$port" "version=$(tls_version_name "$proto")" \
      "cipher_suite=$(json_str "$cipher")" "cipher_forced=false" "resumption=$res" \
      "resumption_offered=$offered" "early_data=false" "resumed_from=$rf" "handshake_completed=true" \
      "expect=$expect; one line of application data each way"
    i=$((i + 1))
  done <<<"$out"
  end_capture
}

sc_ipv6_tls12() {
  begin_capture ipv6_tls12 pcap "TLS 1.2 full handshake over IPv6 (::1)" 5555
  srv_openssl 5555 -6 -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -tls1_2
  s_client_conn --tag v6 --port 5555 --host ::1 --expect "IPv6" -- -tls1_2
  srv_stop
  end_capture
  derive_relink ipv6_tls12 ipv6_tls12_null null "the same IPv6 capture with link type NULL (BSD loopback, AF 30)"
  derive_relink ipv6_tls12 ipv6_tls12_raw raw "the same IPv6 capture with link type RAW (IPv6 header first)"
}

# derive_relink SRC NEW null|raw NOTE: NEW.pcap = SRC.pcap with another link type
derive_relink() {
  local src="$1" new="$2" mode="$3" note="$4"
  python3 "$SCRIPT_DIR/pcap_relink.py" "$mode" "$OUT/$src.pcap" "$OUT/$new.pcap"
  [ -f "$OUT/$src.keylog" ] && cp "$OUT/$src.keylog" "$OUT/$new.keylog"
  python3 - "$OUT/$src.manifest.json" "$OUT/$new.manifest.json" "$new" "$mode" "$note" <<'PY'
import json, sys
src, dst, new, mode, note = sys.argv[1:]
m = json.load(open(src))
m["name"] = new
m["file"] = new + ".pcap"
m["linktype"], m["linktype_number"] = {"null": ("NULL", 0), "raw": ("RAW", 101)}[mode]
if m.get("keylog"):
    m["keylog"] = new + ".keylog"
m["description"] = m["description"] + "; " + note
m["derived_from"] = src + ".pcap (pcap_relink.py " + mode + ")"
json.dump(m, open(dst, "w"), indent=2)
open(dst, "a").write("\n")
PY
  log "wrote $new.pcap (derived from $src.pcap, $mode)"
}

sc_truncated() {
  local src=tls12_session_id
  [ -f "$OUT/$src.pcap" ] || sc_tls12_session_id
  python3 - "$OUT/$src.pcap" "$OUT/truncated.pcap" "$OUT/$src.manifest.json" "$OUT/truncated.manifest.json" <<'PY'
import json, struct, sys
src, dst, msrc, mdst = sys.argv[1:]
data = open(src, "rb").read()
off, pkts = 24, []
while off + 16 <= len(data):
    incl = struct.unpack_from("<I", data, off + 8)[0]
    pkts.append((off, incl))
    off += 16 + incl
# cut in the middle of the largest packet of the first TCP connection (the server's first flight)
big = max(range(len(pkts)), key=lambda i: pkts[i][1])
poff, incl = pkts[big]
cut = poff + 16 + incl // 2
open(dst, "wb").write(data[:cut])
# which connections (client ports) started before the cut?
ports = []
for o, n in pkts[:big + 1]:
    eth = data[o + 16: o + 16 + n]
    tcp = eth[14 + (eth[14] & 0x0F) * 4:]
    sport, dport = struct.unpack_from(">HH", tcp, 0)
    cport = sport if dport in (4433,) else dport
    if cport not in ports:
        ports.append(cport)
m = json.load(open(msrc))
m["name"] = "truncated"
m["file"] = "truncated.pcap"
m["keylog"] = None
m["packets"] = big + 1
m["description"] = ("%s.pcap cut after %d bytes, in the middle of packet %d (%d of its %d captured bytes kept); "
                    "tshark reports the file as cut short in the middle of a packet" % (src.split('/')[-1][:-5], cut, big + 1, incl // 2, incl))
m["truncated"] = {"source": src.split('/')[-1], "bytes_kept": cut, "cut_in_packet": big + 1,
                  "packet_bytes_kept": incl // 2, "packet_captured_length": incl}
conns = m["connections"][:len(ports)]
conns[-1]["expect"] = "capture ends in the middle of frame %d (the last frame is incomplete)" % (big + 1)
conns[-1]["in_capture"] = "incomplete: cut in frame %d" % (big + 1)
m["connections"] = conns
json.dump(m, open(mdst, "w"), indent=2)
open(mdst, "a").write("\n")
PY
  log "wrote truncated.pcap"
}

# ---------------------------------------------------------------- decryption: every cipher
# The servers below run with -WWW -alpn http/1.1: the client asks for a file
# named after the connection (GET /NAME-TAG.txt HTTP/1.0), s_server answers
# with its fixed header and the file, then closes (close_notify both ways).
# ALPN http/1.1 makes tshark dissect the decrypted data as HTTP on any port.
WWW_HEADER=$'HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n'

# www_conn TAG [s_client_conn options...] -- S_CLIENT ARGS...: one GET of a file made for this connection
www_conn() {
  local tag="$1"; shift
  local body="TLS Lens test server: $CAP_NAME/$tag response body"$'\n'
  printf '%s' "$body" > "$WORK/www/$CAP_NAME-$tag.txt"
  s_client_conn --tag "$tag" --send "GET /$CAP_NAME-$tag.txt HTTP/1.0"$'\r\n\r\n' \
    --server-sent "$WWW_HEADER$body" "$@"
}

# www_server PORT ARGS...: s_server -WWW with RSA (and -dcert ECDSA) certificates
www_server() {
  local port="$1"; shift
  srv_openssl "$port" -cert "$PKI/rsa.crt" -key "$PKI/rsa.key" -dcert "$PKI/ecdsa.crt" -dkey "$PKI/ecdsa.key" \
    -WWW -alpn http/1.1 "$@"
}

sc_tls12_aead() {
  begin_capture tls12_aead pcapng \
    "TLS 1.2 AEAD suites for decryption, one connection each: AES-128-GCM, AES-256-GCM (SHA-384 PRF), ChaCha20-Poly1305, AES-128-CCM, AES-256-CCM, AES-128-CCM_8 (ECDSA), RSA key exchange with AES-256-GCM and AES-128-CCM; HTTP/1.0 GET over ALPN http/1.1, response from s_server -WWW" 443
  www_server 443 -tls1_2 -cipher 'ALL:@SECLEVEL=0'
  local tag cipher
  while read -r tag cipher; do
    www_conn "$tag" --port 443 --forced-cipher --expect "TLS 1.2 $cipher; decrypted: GET request, HTTP/1.0 200 response, close_notify alerts" \
      -- -tls1_2 -cipher "$cipher:@SECLEVEL=0" -alpn http/1.1
  done <<'LIST'
aes128gcm ECDHE-RSA-AES128-GCM-SHA256
aes256gcm ECDHE-RSA-AES256-GCM-SHA384
chacha20 ECDHE-RSA-CHACHA20-POLY1305
aes128ccm ECDHE-ECDSA-AES128-CCM
aes256ccm ECDHE-ECDSA-AES256-CCM
aes128ccm8 ECDHE-ECDSA-AES128-CCM8
rsa_aes256gcm AES256-GCM-SHA384
rsa_aes128ccm AES128-CCM
LIST
  srv_stop
  end_capture
  make_badkeys tls12_aead
}

sc_tls12_cbc() {
  begin_capture tls12_cbc pcapng \
    "TLS 1.2 CBC suites for decryption: AES-CBC with HMAC-SHA1, HMAC-SHA256, HMAC-SHA384 (SHA-384 PRF), each with encrypt_then_mac (OpenSSL's default) and without (-no_etm); RSA key exchange with AES-256-CBC-SHA256 (ETM) and AES-128-CBC-SHA (no ETM)" 4433
  www_server 4433 -tls1_2 -cipher 'ALL:@SECLEVEL=0'
  local tag cipher etm
  while read -r tag cipher etm; do
    local opt=() note="encrypt_then_mac negotiated"
    if [ "$etm" = no ]; then opt=(-no_etm); note="client -no_etm: MAC-then-encrypt"; fi
    www_conn "$tag" --port 4433 --forced-cipher --set "encrypt_then_mac=$([ "$etm" = yes ] && echo true || echo false)" \
      --expect "TLS 1.2 $cipher, $note; decrypted: GET request, HTTP/1.0 200 response, close_notify alerts" \
      -- -tls1_2 -cipher "$cipher:@SECLEVEL=0" -alpn http/1.1 "${opt[@]}"
  done <<'LIST'
sha1_etm ECDHE-RSA-AES128-SHA yes
sha1_noetm ECDHE-RSA-AES128-SHA no
sha256_etm ECDHE-RSA-AES128-SHA256 yes
sha256_noetm ECDHE-RSA-AES128-SHA256 no
sha384_etm ECDHE-ECDSA-AES256-SHA384 yes
sha384_noetm ECDHE-ECDSA-AES256-SHA384 no
rsa_sha256_etm AES256-SHA256 yes
rsa_sha1_noetm AES128-SHA no
LIST
  srv_stop
  end_capture
}

sc_tls12_resumption_keys() {
  begin_capture tls12_resumption_keys pcapng \
    "TLS 1.2 resumption for decryption: full handshake (ECDHE-RSA-AES256-GCM-SHA384) then session-ticket resumption; full handshake (ECDHE-ECDSA-AES256-SHA384, CBC, client -no_ticket) then session-id resumption. With tls12_resumption_keys.first_only.keylog (the resumed connections' lines removed: they decrypt with the master secret of the session they resume)" 10443
  www_server 10443 -tls1_2 -cipher 'ALL:@SECLEVEL=0'
  www_conn full_ticket --port 10443 --forced-cipher --sess-out "$WORK/rk.ticket.sess" \
    --expect "full handshake; NewSessionTicket; decrypted: GET request, HTTP/1.0 200 response" \
    -- -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384 -alpn http/1.1
  www_conn resumed_ticket --port 10443 --forced-cipher --sess-in "$WORK/rk.ticket.sess" --from full_ticket \
    --expect "session-ticket resumption of connection 0 (SHA-384 PRF); decrypts with its own CLIENT_RANDOM line or with connection 0's master secret found by the ticket" \
    -- -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384 -alpn http/1.1
  www_conn full_sid --port 10443 --forced-cipher --sess-out "$WORK/rk.sid.sess" \
    --expect "full handshake, client -no_ticket (session id only); decrypted: GET request, HTTP/1.0 200 response" \
    -- -tls1_2 -cipher ECDHE-ECDSA-AES256-SHA384 -no_ticket -alpn http/1.1
  www_conn resumed_sid --port 10443 --forced-cipher --sess-in "$WORK/rk.sid.sess" --from full_sid \
    --expect "session-id resumption of connection 2 (CBC, encrypt_then_mac, SHA-384 PRF); decrypts with its own CLIENT_RANDOM line or with connection 2's master secret found by the session id" \
    -- -tls1_2 -cipher ECDHE-ECDSA-AES256-SHA384 -no_ticket -alpn http/1.1
  srv_stop
  end_capture
  $MT first_only "$OUT/tls12_resumption_keys.manifest.json" "$OUT/tls12_resumption_keys.keylog" \
    "$OUT/tls12_resumption_keys.first_only.keylog"
  log "wrote tls12_resumption_keys.first_only.keylog"
}

TLS13_ALL_SUITES=TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256

sc_tls13_ciphers() {
  begin_capture tls13_ciphers pcapng \
    "TLS 1.3 suites for decryption, one connection each (-ciphersuites on both sides): AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, AES-128-CCM, AES-128-CCM_8; then a PSK resumption of the first (AES-128-GCM) session with ChaCha20-Poly1305 (same SHA-256 hash); HTTP/1.0 GET over ALPN http/1.1, response from s_server -WWW" 443
  www_server 443 -tls1_3 -ciphersuites "$TLS13_ALL_SUITES" -num_tickets 1
  local tag suite
  while read -r tag suite; do
    local so=()
    [ "$tag" = aes128gcm ] && so=(--sess-out "$WORK/t13c.sess")
    www_conn "$tag" --port 443 --forced-cipher "${so[@]}" \
      --expect "TLS 1.3 $suite; decrypted: EncryptedExtensions (ALPN http/1.1), Certificate, CertificateVerify, Finished, NewSessionTicket, GET request, HTTP/1.0 200 response, close_notify alerts" \
      -- -tls1_3 -ciphersuites "$suite" -alpn http/1.1
  done <<'LIST'
aes128gcm TLS_AES_128_GCM_SHA256
aes256gcm TLS_AES_256_GCM_SHA384
chacha20 TLS_CHACHA20_POLY1305_SHA256
aes128ccm TLS_AES_128_CCM_SHA256
aes128ccm8 TLS_AES_128_CCM_8_SHA256
LIST
  www_conn resumed_chacha20 --port 443 --forced-cipher --sess-in "$WORK/t13c.sess" --from aes128gcm \
    --expect "PSK resumption of connection 0's ticket (issued under TLS_AES_128_GCM_SHA256) with TLS_CHACHA20_POLY1305_SHA256: the PSK's hash (SHA-256) matches, the cipher differs" \
    -- -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -alpn http/1.1
  srv_stop
  end_capture
  make_badkeys tls13_ciphers
}

# TLS 1.3 KeyUpdate in both directions, with data before and after each.
# Client (stdin of s_client):         Server (stdin of s_server, a FIFO):
#   t=0   client line 1                 t=0.6 server line 1
#   t=1.0 K (KeyUpdate, requested)      (the server answers with its own KeyUpdate
#   t=2.0 client line 2                  before its next record)
#   t=3.0 k (KeyUpdate, not requested)  t=1.5 server line 2
#   t=3.5 client line 3                 t=2.4 k (KeyUpdate, not requested)
#   t=4.5 EOF: close_notify             t=2.8 server line 3
KU_C1=$'client line 1 (traffic secret 0)\n'
KU_C2=$'client line 2 (after the client KeyUpdate: client traffic secret 1)\n'
KU_C3=$'client line 3 (after the second client KeyUpdate: client traffic secret 2)\n'
KU_S1=$'server line 1 (traffic secret 0)\n'
KU_S2=$'server line 2 (after the server\'s answering KeyUpdate: server traffic secret 1)\n'
KU_S3=$'server line 3 (after the server\'s own KeyUpdate: server traffic secret 2)\n'
ku_client_input() {
  printf '%s' "$KU_C1"; sleep 1; printf 'K\n'; sleep 1; printf '%s' "$KU_C2"; sleep 1
  printf 'k\n'; sleep 0.5; printf '%s' "$KU_C3"; sleep 1
}
sc_tls13_key_update() {
  begin_capture tls13_key_update pcapng \
    "TLS 1.3 KeyUpdate both ways: client KeyUpdate (update_requested) answered by the server's KeyUpdate, then a server KeyUpdate and a client KeyUpdate (not requested); application data in both directions before and after each (each side ends on traffic secret generation 2)" 8444
  local port=8444
  rm -f "$WORK/ku.fifo"; mkfifo "$WORK/ku.fifo"
  exec 8<>"$WORK/ku.fifo"
  SRV_IN_FD=8 srv_openssl $port -cert "$PKI/ecdsa.crt" -key "$PKI/ecdsa.key" -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
  (
    sleep 0.6; printf '%s' "$KU_S1" >&8; sleep 0.9; printf '%s' "$KU_S2" >&8
    sleep 0.9; printf 'k\n' >&8; sleep 0.4; printf '%s' "$KU_S3" >&8
  ) &
  local writer=$!
  BG_PIDS+=("$writer")
  s_client_conn --tag keyupdate --port $port --forced-cipher --input-fn ku_client_input \
    --client-sent "$KU_C1$KU_C2$KU_C3" --server-sent "$KU_S1$KU_S2$KU_S3" \
    --set 'key_updates=[{"from":"client","update_requested":true},{"from":"server","update_requested":false,"note":"answer to the client request, before server line 2"},{"from":"server","update_requested":false},{"from":"client","update_requested":false}]' \
    --expect "4 KeyUpdate handshake messages (type 24), all encrypted; with keys every record decrypts: client data under CLIENT_TRAFFIC_SECRET_0 then generations 1 and 2, server data likewise" \
    -- -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256
  wait "$writer" 2>/dev/null || true
  srv_stop
  # what each side printed: the other side's lines (evidence that data flowed after each KeyUpdate)
  local srv_got cli_got
  srv_got=$(grep -a -c -E '^client line [123] ' "$SRV_LOG" || true)
  cli_got=$(grep -a -c -E '^server line [123] ' "$WORK/tls13_key_update.keyupdate.s_client.out" || true)
  log "  keyupdate: server printed $srv_got client lines, client printed $cli_got server lines, s_client KEYUPDATE: $(grep -a -c KEYUPDATE "$WORK/tls13_key_update.keyupdate.s_client.out" || true)"
  [ "$srv_got" = 3 ] && [ "$cli_got" = 3 ] || die "tls13_key_update: data did not flow both ways (server got $srv_got, client got $cli_got lines)"
  exec 8>&-
  end_capture
}

# RSA key exchange vs forward secrecy (issue 13 section 5): the server's RSA key is kept
# beside the capture (a throwaway test key made for this run, nothing else uses it), as
# PKCS#8 PEM, PKCS#1 PEM and PKCS#12 (password "tlslens"), with a second RSA key that does
# not match and an ECDSA key, for the decryption tests with -o tls.keys_list / uat:rsa_keys.
sc_tls12_rsa_keys() {
  local n=tls12_rsa_keys k="$WORK/rsakx"
  mkdir -p "$k"
  openssl req -new -newkey rsa:2048 -nodes -keyout "$k/server.key" -out "$k/server.csr" \
    -subj "/O=TLS Lens/CN=localhost" 2>/dev/null
  openssl x509 -req -in "$k/server.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 3650 \
    -out "$k/server.crt" -extfile "$PKI/srv.ext" 2>/dev/null
  printf 'openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = sd\n[sd]\nOptions = -ExtendedMasterSecret\n' \
    > "$k/no_ems.cnf"
  begin_capture $n pcapng \
    "TLS 1.2 RSA key exchange vs forward secrecy, decrypted with the server's RSA key ($n.rsa-key.pem, PKCS#8; .rsa-key.pkcs1.pem; .rsa-key.p12, password tlslens): RSA key exchange AES128-GCM-SHA256 (extended master secret), its session-ticket resumption, RSA AES256-SHA256 without extended master secret (client OPENSSL_CONF Options=-ExtendedMasterSecret), TLS 1.0 RSA AES128-SHA (CBC); ECDHE-RSA-AES128-GCM-SHA256, DHE-RSA-AES128-GCM-SHA256 and TLS 1.3 (forward secret: the RSA key only signs, these stay encrypted with the key alone). HTTP/1.0 GET over ALPN http/1.1, response from s_server -WWW; the client's key log is kept as a cross-check" 8443
  srv_openssl 8443 -cert "$k/server.crt" -key "$k/server.key" -WWW -alpn http/1.1 -cipher 'ALL:@SECLEVEL=0'
  www_conn rsa_gcm --port 8443 --forced-cipher --sess-out "$WORK/rsakx.sess" --set key_exchange=RSA \
    --expect "RSA key exchange: the encrypted pre-master secret is in the ClientKeyExchange; decrypts with the server's RSA key" \
    -- -tls1_2 -cipher AES128-GCM-SHA256 -alpn http/1.1
  www_conn rsa_resumed --port 8443 --forced-cipher --sess-in "$WORK/rsakx.sess" --from rsa_gcm --set key_exchange=RSA \
    --expect "session-ticket resumption of connection 0: no ClientKeyExchange; decrypts with the master secret the RSA key gave connection 0" \
    -- -tls1_2 -cipher AES128-GCM-SHA256 -alpn http/1.1
  OPENSSL_CONF="$k/no_ems.cnf" www_conn rsa_no_ems --port 8443 --forced-cipher --set key_exchange=RSA \
    --set extended_master_secret=false \
    --expect "RSA key exchange without extended master secret (RFC 5246 master secret); decrypts with the server's RSA key" \
    -- -tls1_2 -cipher AES256-SHA256 -alpn http/1.1
  www_conn rsa_tls10 --port 8443 --forced-cipher --set key_exchange=RSA \
    --expect "TLS 1.0 RSA key exchange, CBC; decrypts with the server's RSA key" \
    -- -tls1 -cipher 'AES128-SHA:@SECLEVEL=0' -alpn http/1.1
  www_conn ecdhe --port 8443 --forced-cipher --set key_exchange=ECDHE \
    --expect "ECDHE: the pre-master secret never crossed the wire; the RSA key only signed the ServerKeyExchange: not decryptable with the key" \
    -- -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -alpn http/1.1
  www_conn dhe --port 8443 --forced-cipher --set key_exchange=DHE \
    --expect "DHE: forward secret, not decryptable with the RSA key" \
    -- -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256 -alpn http/1.1
  www_conn tls13 --port 8443 --set key_exchange=TLS13 \
    --expect "TLS 1.3: always (EC)DHE, not decryptable with the RSA key" \
    -- -tls1_3 -alpn http/1.1
  srv_stop
  end_capture
  openssl pkey -in "$k/server.key" -out "$OUT/$n.rsa-key.pem"
  openssl pkey -in "$k/server.key" -traditional -out "$OUT/$n.rsa-key.pkcs1.pem"
  openssl pkcs12 -export -in "$k/server.crt" -inkey "$k/server.key" -name server \
    -out "$OUT/$n.rsa-key.p12" -passout pass:tlslens
  openssl pkey -in "$PKI/wrongca.key" -out "$OUT/$n.other-rsa-key.pem"
  openssl pkey -in "$PKI/ecdsa.key" -out "$OUT/$n.ecdsa-key.pem"
  chmod 644 "$OUT/$n".*
  log "wrote $n.rsa-key.pem / .rsa-key.pkcs1.pem / .rsa-key.p12 (password tlslens), .other-rsa-key.pem, .ecdsa-key.pem"
}

# make_badkeys NAME: NAME.badkeys.keylog (one secret altered, one connection's
# lines removed, a comment and a malformed line) documented in NAME.manifest.json
make_badkeys() {
  $MT badkeys "$OUT/$1.manifest.json" "$OUT/$1.keylog" "$OUT/$1.badkeys.keylog"
  log "wrote $1.badkeys.keylog"
}

# ---------------------------------------------------------------- --large
make_large() {
  local n="$1" out="$2"
  [ -n "$out" ] || out="$REPO/target/large-$n.pcapng"
  mkdir -p "$(dirname "$out")"
  out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
  local port=44443
  rm -f "$out" "${out%.pcapng}.keylog"
  local clog="$WORK/large.caplog"
  dumpcap -q -i lo -f "tcp port $port" -c "$n" -w "$out" >"$clog" 2>&1 &
  local cpid=$!
  BG_PIDS+=("$cpid")
  local i
  for i in $(seq 1 200); do grep -q 'Capturing on' "$clog" && break; sleep 0.05; done
  sleep 0.3
  log "large capture: $n packets into $out"
  local batch=0
  while kill -0 "$cpid" 2>/dev/null; do
    wait_free $port
    python3 "$SCRIPT_DIR/tls_peer.py" load --port $port --cert "$PKI/rsa.chain.crt" --key "$PKI/rsa.key" \
      --conns 1000 --threads 8 --mss $((batch % 2 ? 536 : 0)) --keylog "${out%.pcapng}.keylog" 2>>"$WORK/large.err" || true
    batch=$((batch + 1))
  done
  wait "$cpid" || true
  log "large capture done: $(capinfos -c -M "$out" | awk -F': *' '/Number of packets/ {print $2}') packets, $(stat -c %s "$out") bytes"
}

# ---------------------------------------------------------------- main
START=$(date +%s)
mkdir -p "$OUT" "$WORK/www"
printf 'Hello from TLS Lens test server\n' > "$WORK/www/hello.txt"
printf 'hello\n' > "$WORK/www/index.html"
gen_certs
if [ -n "$LARGE" ]; then
  make_large "$LARGE" "$LARGE_OUT"
  exit 0
fi
for s in "${SELECTED[@]}"; do
  declare -F "sc_$s" >/dev/null || die "unknown scenario $s (see --list)"
  "sc_$s"
done
log "done in $(( $(date +%s) - START )) s; $(du -sh "$OUT" | cut -f1) in $OUT"
