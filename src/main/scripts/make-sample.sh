#!/usr/bin/env bash
# Remakes src/main/resources/sample/tls-sample.pcapng, the capture behind the welcome pane's
# "Open the sample capture", with the lesson lab (issue 13 §2): a TLS 1.2 full handshake and its
# session-ticket resumption, a TLS 1.3 full handshake and its PSK resumption, between real
# openssl peers over loopback, at a simulated 40 ms round trip, with their keys embedded.
# Writes the lab's manifest beside it (tls-sample.manifest.json); see sample/README.md.
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=src/main/resources/sample/tls-sample.pcapng
mvn -B -q compile
cp=$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "target/classes:$cp" tlslens.Main --lab "$OUT" --lab-scenarios tls12-ticket,tls13-psk --lab-rtt 40
tshark -r "$OUT" > /dev/null   # must open cleanly
echo "$OUT: $(capinfos -c -M "$OUT" | sed -n 's/^Number of packets: *//p') packets"
