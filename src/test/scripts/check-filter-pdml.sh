#!/usr/bin/env bash
# Checks the display filter evaluator against tshark on the golden files without the dissection
# engine: the frames' trees are built from tshark's PDML (see FilterPdmlCheck.java). Run from the
# repository root after `mvn -o -q compile`; needs tshark and ../shared/captures/public.
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=src/test/resources/filter
caps=../shared/captures/public
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -d "$tmp" -cp target/classes src/test/scripts/FilterPdmlCheck.java
status=0
for cap in zeek_tls12-decryption.pcap zeek_tls13_psk_succesfull.pcap; do
    tshark -n -r "$caps/$cap" -T pdml 2>/dev/null > "$tmp/frames.pdml"
    java -cp "$tmp:target/classes" FilterPdmlCheck "$dir/fields.tsv" "$caps/$cap" "$tmp/frames.pdml" \
        "$dir/${cap%.*}.golden.tsv" || status=1
done
exit $status
