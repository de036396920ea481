#!/usr/bin/env python3
"""Seed corpora for the Jazzer fuzz targets, cut from capture files' bytes with tshark.

    fuzz-seeds.py OUT_ROOT [--max N] CAPTURE...

writes into OUT_ROOT/<package path>/<Class>Inputs/<method>/ (Jazzer's layout for @FuzzTest inputs, read
in regression mode) the inputs of each target, in the formats the targets parse (see tlslens.fuzz.Chunks):
whole small capture files, TCP segment chunks, record streams, handshake messages, extension bodies,
certificates and OCSP responses, compressed certificates, display filters, key log lines, decrypted
application data. Run with OUT_ROOT=src/test/resources on our own captures for the committed corpus
(kept small by --max), and by fuzz-long.sh on the public captures into target/fuzz/seeds (never committed).
"""
import argparse
import hashlib
import os
import subprocess
import sys
import zlib

TARGETS = {
    "capture": "tlslens/fuzz/CaptureFileFuzzTestInputs/captureFile",
    "connections": "tlslens/cli/ConnectionsFuzzTestInputs/connections",
    "tcp": "tlslens/fuzz/TcpStreamFuzzTestInputs/tcpStreams",
    "records": "tlslens/fuzz/TlsRecordFuzzTestInputs/tlsRecords",
    "handshake": "tlslens/fuzz/HandshakeMessageFuzzTestInputs/handshakeMessages",
    "extension": "tlslens/fuzz/ExtensionFuzzTestInputs/extensionBody",
    "certificate": "tlslens/fuzz/CertificateFuzzTestInputs/certificateOrOcsp",
    "compressed": "tlslens/dissect/tls/messages/CompressedCertificateFuzzTestInputs/compressedCertificate",
    "filter": "tlslens/fuzz/DisplayFilterFuzzTestInputs/displayFilter",
    "keylog": "tlslens/fuzz/KeyLogFuzzTestInputs/keyLogLines",
    "follow": "tlslens/dissect/tls/FollowStreamFuzzTestInputs/followStream",
}
VERSIONS = {0x0303: 0, 0x0301: 1, 0x0302: 2, 0x0300: 3}


class Out:
    def __init__(self, root, limit):
        self.root, self.limit, self.count = root, limit, {}

    def put(self, target, data, max_len=65536):
        if not data or len(data) > max_len or self.count.get(target, 0) >= self.limit:
            return
        d = os.path.join(self.root, TARGETS[target])
        os.makedirs(d, exist_ok=True)
        p = os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()[:16])
        if not os.path.exists(p):
            with open(p, "wb") as f:
                f.write(data)
            self.count[target] = self.count.get(target, 0) + 1


def chunk(control, data):
    data = data[:0xffff]
    return bytes([control & 0xff, len(data) >> 8, len(data) & 0xff]) + data


def segments(capture):
    """Per TCP stream: [(dir, seq, flags, payload)], dir 0 = the side that sent the first segment."""
    r = subprocess.run(["tshark", "-r", capture, "-Y", "tcp", "-T", "fields", "-e", "tcp.stream", "-e", "tcp.srcport",
                        "-e", "tcp.seq_raw", "-e", "tcp.flags", "-e", "tcp.payload"],
                       capture_output=True, text=True)
    streams, client = {}, {}
    for line in r.stdout.splitlines():
        f = line.split("\t")
        if len(f) < 5 or not f[0]:
            continue
        s = int(f[0].split(",")[0])
        port = f[1]
        client.setdefault(s, port)
        streams.setdefault(s, []).append((0 if port == client[s] else 1, int(f[2] or 0), int(f[3] or "0", 16),
                                          bytes.fromhex(f[4].replace(":", ""))))
    return streams


def records(stream):
    """TLS records of one direction's bytes: [(type, version, body)] up to the first cut one."""
    out, i = [], 0
    while i + 5 <= len(stream):
        t, v, n = stream[i], (stream[i + 1] << 8) | stream[i + 2], (stream[i + 3] << 8) | stream[i + 4]
        if t not in (20, 21, 22, 23) or i + 5 + n > len(stream):
            break
        out.append((t, v, stream[i + 5:i + 5 + n]))
        i += 5 + n
    return out


def handshake_messages(hs):
    out, i = [], 0
    while i + 4 <= len(hs):
        n = int.from_bytes(hs[i + 1:i + 4], "big")
        if i + 4 + n > len(hs):
            break
        out.append((hs[i], hs[i + 4:i + 4 + n]))
        i += 4 + n
    return out


def extensions(htype, body):
    """The extensions of a ClientHello (1) or ServerHello (2) body."""
    try:
        i = 2 + 32
        i += 1 + body[i]
        if htype == 1:
            i += 2 + int.from_bytes(body[i:i + 2], "big")
            i += 1 + body[i]
        else:
            i += 2 + 1
        end = i + 2 + int.from_bytes(body[i:i + 2], "big")
        i += 2
        out = []
        while i + 4 <= end:
            t, n = body[i:i + 2], int.from_bytes(body[i + 2:i + 4], "big")
            out.append((t, body[i + 4:i + 4 + n]))
            i += 4 + n
        return out
    except IndexError:
        return []


def certificates(body):
    out, i = [], 3
    while i + 3 <= len(body):
        n = int.from_bytes(body[i:i + 3], "big")
        out.append(body[i + 3:i + 3 + n])
        i += 3 + n
    return out


def from_capture(out, capture, whole_max):
    if os.path.getsize(capture) <= whole_max:
        data = open(capture, "rb").read()
        out.put("capture", data, whole_max)
        out.put("connections", data, whole_max)
    for s, segs in segments(capture).items():
        nxt, tcp, recs, dirs = [None, None], b"", b"", [b"", b""]
        for d, seq, flags, payload in segs[:60]:
            delta = 0 if nxt[d] is None else seq - nxt[d]
            delta = max(-32768, min(32767, delta))
            tcp += chunk(d | ((flags & 0x1f) << 1), delta.to_bytes(2, "big", signed=True) + payload)
            end = seq + len(payload) + (1 if flags & 0x03 else 0)
            nxt[d] = end if nxt[d] is None else max(nxt[d], end)
            if payload:
                recs += chunk(d, payload)
                dirs[d] += payload
        out.put("tcp", tcp)
        out.put("records", recs)
        hs_seed = b""
        for d in (0, 1):
            for t, v, body in records(dirs[d]):
                if t == 20:
                    break
                if t != 22:
                    continue
                hs_seed += chunk(d | (VERSIONS.get(v, 0) << 1), body)
                for htype, mbody in handshake_messages(body):
                    if htype in (1, 2):
                        for et, eb in extensions(htype, mbody):
                            out.put("extension", bytes([htype]) + et + eb)
                    if htype == 11:
                        for der in certificates(mbody)[:2]:
                            out.put("certificate", b"\x00" + der)
                            out.put("compressed", b"\x00" + len(der).to_bytes(3, "big") + zlib.compress(der))
                    if htype == 22 and len(mbody) > 4:
                        out.put("certificate", b"\x01" + mbody[4:])
        out.put("handshake", hs_seed)


def follow(out, capture, keylog):
    """Decrypted application data, as tshark's Follow TLS Stream (raw) gives it."""
    for s in range(3):
        r = subprocess.run(["tshark", "-r", capture, "-o", "tls.keylog_file:" + keylog, "-q",
                            "-z", "follow,tls,raw,%d" % s], capture_output=True, text=True)
        seed = b""
        for line in r.stdout.splitlines():
            if not line.strip() or line.startswith("=") or ":" in line:
                continue
            d = 1 if line.startswith("\t") else 0
            try:
                seed += chunk(d, bytes.fromhex(line.strip()))
            except ValueError:
                continue
        out.put("follow", seed)


def fixed(out, root_dir):
    for f in ['tls.handshake.extensions_server_name matches "(.*a){20}$"', "(" * 300 + "tls" + ")" * 300,
              "not " * 300 + "tls", " or ".join(["tcp.port == %d" % i for i in range(300)]),
              "len(" * 50 + "tls.handshake.extensions_server_name" + ")" * 50, "tls.record[1:][1:][1:][1:][1:]"]:
        out.put("filter", f.encode())
    filters = os.path.join(root_dir, "src/test/resources/filter/filters.txt")
    if os.path.exists(filters):
        for line in open(filters, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                out.put("filter", line.strip().encode())
    for bomb in (b"\x00" * (1 << 20), b"A" * 4096):
        out.put("compressed", b"\x00" + len(bomb).to_bytes(3, "big") + zlib.compress(bomb, 9))
    out.put("compressed", b"\x01\xff\xff\xff\x06")
    out.put("follow", chunk(0, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x06\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x64")
            + chunk(1, b"\x00\x00\x00\x04\x01\x00\x00\x00\x00"))
    out.put("follow", chunk(0, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n") + chunk(1, b"HTTP/1.1 200 OK\r\n\r\nhello"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--max", type=int, default=12, help="seeds per target at most")
    ap.add_argument("--whole-max", type=int, default=8192, help="largest capture copied whole")
    ap.add_argument("--keylogs", action="store_true", help="key log lines and decrypted data from CAPTURE.keylog")
    ap.add_argument("--fixed", action="store_true", help="the hand-made seeds (filters, bombs, HTTP)")
    ap.add_argument("captures", nargs="*")
    a = ap.parse_intermixed_args()
    out = Out(a.out, a.max)
    root_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    if a.fixed:
        fixed(out, root_dir)
    for c in a.captures:
        from_capture(out, c, a.whole_max)
        keylog = os.path.splitext(c)[0] + ".keylog"
        if a.keylogs and os.path.exists(keylog):
            lines = open(keylog, "rb").read().splitlines()[:8]
            out.put("keylog", b"\n".join(lines) + b"\n")
            out.put("keylog", b"\r\n".join(lines[:3]) + b"\r\n# comment\r")
            follow(out, c, keylog)
    for t, n in sorted(out.count.items()):
        print("%-12s %d seeds" % (t, n))


if __name__ == "__main__":
    sys.exit(main())
