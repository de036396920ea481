#!/usr/bin/env bash
# Regenerates src/test/resources/x509/golden.tsv: field values tshark reports for every certificate
# (and stapled OCSP response) sent in the clear in the public captures. No certificate bytes are
# stored, only field values; X509GoldenTest re-extracts the certificates from the captures.
#
# Usage: src/test/scripts/make-x509-golden.sh   (from the repo root; needs tshark 4.0 and python3)
# Format: capture <TAB> key <TAB> field <TAB> values joined by "|" in tree order
#   key = "cert:<serial hex>" or "ocsp:<first serial hex>"
set -euo pipefail
cd "$(dirname "$0")/../../.."
CAPS=../shared/captures/public
OUT=src/test/resources/x509/golden.tsv
mkdir -p "$(dirname "$OUT")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for cap in "$CAPS"/*.pcap "$CAPS"/*.pcapng; do
    # No key log on purpose: only what travels in the clear, which the test can re-extract.
    tshark -r "$cap" -T pdml -Y 'tcp and (tls.handshake.certificate or ocsp)' 2>/dev/null > "$tmp/$(basename "$cap").pdml" || true
done
python3 - "$tmp" > "$OUT" <<'EOF'
import os, sys
import xml.etree.ElementTree as ET

CERT_FIELDS = ["x509af.version", "x509af.serialNumber", "x509af.algorithm.id", "x509if.oid",
               "x509sat.printableString", "x509sat.uTF8String", "x509sat.CountryName", "x509af.utcTime",
               "pkcs1.publicExponent", "x509af.extension.id", "x509ce.dNSName", "x509ce.KeyPurposeId",
               "x509ce.uniformResourceIdentifier", "x509ce.cA"]
OCSP_FIELDS = ["ocsp.responseStatus", "ocsp.producedAt", "ocsp.serialNumber", "ocsp.issuerKeyHash",
               "ocsp.certStatus", "ocsp.thisUpdate", "ocsp.nextUpdate"]
BYTES = {"x509af.serialNumber", "ocsp.serialNumber", "ocsp.issuerKeyHash"}

def esc(s):
    return s.replace("\\", "\\\\").replace("|", "\\p").replace("\t", "\\t").replace("\n", "\\n")

def collect(elem, wanted, out, stop):
    for c in elem:
        if c.tag not in ("field", "proto"):
            continue
        name = c.get("name")
        if name in stop:
            continue  # certificates nested in an OCSP response are reported on their own
        if name in wanted:
            v = c.get("value") if name in BYTES else c.get("show")
            out.setdefault(name, []).append(v)
        collect(c, wanted, out, stop)

rows = set()
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    cap = f[:-len(".pdml")]
    try:
        root = ET.parse(os.path.join(d, f)).getroot()
    except ET.ParseError:
        continue
    for pkt in root.findall("packet"):
        if not any(p.get("name") == "tcp" for p in pkt.findall("proto")):
            continue  # QUIC/DTLS: the test only re-extracts certificates from TCP streams
        for hs in pkt.iter("field"):
            if hs.get("name") != "tls.handshake":
                continue
            if any(c.get("name") == "tls.handshake.certificate_request_context_length" for c in hs.iter("field")):
                continue  # a TLS 1.3 Certificate, readable only when decrypted
            for e in hs.iter():
                name = e.get("name")
                if e.tag == "field" and name == "tls.handshake.certificate":
                    vals = {}
                    collect(e, CERT_FIELDS, vals, ())
                    if "x509af.serialNumber" not in vals:
                        continue
                    key = "cert:" + vals["x509af.serialNumber"][0]
                    for k in CERT_FIELDS:
                        if k in vals:
                            rows.add((cap, key, k, "|".join(esc(v) for v in vals[k])))
                elif e.tag == "proto" and name == "ocsp":
                    vals = {}
                    collect(e, OCSP_FIELDS, vals, ("ocsp.certs",))
                    if "ocsp.serialNumber" not in vals:
                        continue
                    key = "ocsp:" + vals["ocsp.serialNumber"][0]
                    for k in OCSP_FIELDS:
                        if k in vals:
                            rows.add((cap, key, k, "|".join(esc(v) for v in vals[k])))
print("# capture\tkey\tfield\tvalues (made by src/test/scripts/make-x509-golden.sh from tshark 4.0)")
for r in sorted(rows):
    print("\t".join(r))
EOF
echo "wrote $OUT: $(grep -vc '^#' "$OUT") rows"
