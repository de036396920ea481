#!/usr/bin/env bash
# Remakes src/main/resources/sample/tls-sample.pcapng, the capture behind the welcome pane's
# "Open the sample capture": two committed real captures merged by appending (-a), so the
# frame numbers run TLS 1.2 first, then TLS 1.3. Both are Ethernet; see sample/README.md.
set -euo pipefail
cd "$(dirname "$0")/../../.."
C=src/test/resources/captures
OUT=src/main/resources/sample/tls-sample.pcapng
for f in "$C/tls12_full_then_ticket.pcapng" "$C/tls13_full_then_psk.pcap"; do
  enc=$(capinfos -E -M "$f" | sed -n 's/^File encapsulation: *//p')
  [ "$enc" = "Ethernet" ] || [ "$enc" = "ether" ] || { echo "$f: encapsulation $enc, expected Ethernet" >&2; exit 1; }
done
mkdir -p "$(dirname "$OUT")"
mergecap -F pcapng -a -w "$OUT" "$C/tls12_full_then_ticket.pcapng" "$C/tls13_full_then_psk.pcap"
tshark -r "$OUT" > /dev/null   # must open cleanly
echo "$OUT: $(capinfos -c -M "$OUT" | sed -n 's/^Number of packets: *//p') packets"
