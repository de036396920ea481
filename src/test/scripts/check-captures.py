#!/usr/bin/env python3
"""Check each capture's manifest against what tshark sees in the capture.

  check-captures.py [CAPTURES_DIR]     (default src/test/resources/captures)

For every NAME.manifest.json: one TLS connection (TCP stream with a ClientHello)
per manifest connection, in order; negotiated version and cipher suite;
resumption (psk: pre_shared_key in the ServerHello; session_id / session_ticket:
no Certificate, ServerHello echoes the ClientHello's session id; none: a
Certificate (TLS 1.2) or no pre_shared_key (TLS 1.3)); resumed_from (the
ticket / PSK identity the client offers is one the server issued in that earlier
connection; needs the key log for TLS 1.3); early data (ClientHello early_data +
EncryptedExtensions early_data, with the key log); and keywords of "expect"
(HRR, alert protocol_version / unknown_ca, client certificate).
With the key log: the decrypted application data of each direction equals the
manifest's client_sent (after early_data_text when early data was accepted) and
server_sent; "key_updates" counts the KeyUpdate messages; "encrypt_then_mac"
matches the ServerHello's extension.  With a "bad_keylog": the connections it
names as broken decrypt less than with the good key log (TLS 1.3 with the
server application traffic secret altered: only the server's records after
its Finished are lost), and all others decrypt the same.  With a "first_only_keylog" (no lines
for the resumed connections): everything decrypts as with the full key log.
QUIC captures (transport udp, quic_*): see check_quic.
Exits 1 when a claim does not hold.
"""
import glob
import json
import os
import re
import subprocess
import sys

HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
FIELDS = ["frame.number", "tcp.stream", "tls.handshake.type", "tls.handshake.extension.type",
          "tls.handshake.random", "tls.handshake.session_id", "tls.handshake.ciphersuite",
          "tls.handshake.extensions.supported_version", "tls.handshake.version",
          "tls.alert_message.desc", "tls.handshake.extensions.psk.identity.identity",
          "tls.handshake.session_ticket", "tcp.payload", "tls.handshake.extensions_alpn_str"]
TLS13_SUITES = ("TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256")
VERSIONS = {"0x0301": "TLS 1.0", "0x0302": "TLS 1.1", "0x0303": "TLS 1.2", "0x0304": "TLS 1.3"}


def iana_codes():
    out = subprocess.run(["openssl", "ciphers", "-V", "-stdname", "-ciphersuites", TLS13_SUITES, "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True).stdout
    codes = {}
    for line in out.splitlines():
        parts = line.split()
        hi, lo = parts[0].split(",")
        codes[parts[2]] = "0x%02x%02x" % (int(hi, 16), int(lo, 16))
    return codes


def frames(cap, dargs, keylog):
    cmd = ["tshark", "-r", cap, "-o", "tcp.reassemble_out_of_order:TRUE"] + dargs
    if keylog:
        cmd += ["-o", "tls.keylog_file:" + keylog]
    cmd += ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        vals = line.split("\t")
        rows.append({f: (v.split("|") if v else []) for f, v in zip(FIELDS, vals)})
    return rows


def decrypted(cap, dargs, keylog, server_ports):
    """stream -> {"client": bytes, "server": bytes, "hs": [handshake types seen, with direction]} with keylog."""
    cmd = ["tshark", "-r", cap, "-o", "tcp.reassemble_out_of_order:TRUE", "--disable-protocol", "http",
           "--disable-protocol", "http2"] + dargs + ["-o", "tls.keylog_file:" + keylog,
           "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
           "-e", "tcp.stream", "-e", "tcp.srcport", "-e", "data.data", "-e", "tls.handshake.type"]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        st, sport, data, hs = (line.split("\t") + ["", "", "", ""])[:4]
        if not st:
            continue
        d = res.setdefault(int(st), {"client": b"", "server": b"", "hs": []})
        side = "server" if int(sport) in server_ports else "client"
        for chunk in filter(None, data.split("|")):
            d[side] += bytes.fromhex(chunk.replace(":", ""))
        d["hs"] += [side[0] + t for t in filter(None, hs.split("|"))]
    return res


def check_decryption(m, cap, dargs, keylog, tls_streams, problems):
    ports = set(m.get("tls_ports", []))
    good = decrypted(cap, dargs, keylog, ports)
    for i, (c, s) in enumerate(zip(m["connections"], tls_streams)):
        where = "conn %d (stream %d), decrypted" % (i, s)
        d = good.get(s, {"client": b"", "server": b"", "hs": []})
        if "client_sent" in c:
            want = (c.get("early_data_text", "") if c.get("early_data") else "") + c["client_sent"]
            if d["client"] != want.encode():
                problems.append(where + " client data %r, manifest %r" % (d["client"][:80], want[:80]))
        if "server_sent" in c and d["server"] != c["server_sent"].encode():
            problems.append(where + " server data %r, manifest %r" % (d["server"][:80], c["server_sent"][:80]))
        if "key_updates" in c:
            n = sum(1 for t in d["hs"] if t[1:] == "24")
            if n != len(c["key_updates"]):
                problems.append(where + ": %d KeyUpdate messages, manifest %d" % (n, len(c["key_updates"])))
    fo = m.get("first_only_keylog")
    if fo:
        partial = decrypted(cap, dargs, os.path.join(os.path.dirname(cap), fo["file"]), ports)
        for i, s in enumerate(tls_streams):
            if partial.get(s) != good.get(s):
                problems.append("first_only key log, conn %d (stream %d): decrypts differently" % (i, s))
    bad = m.get("bad_keylog")
    if bad:
        capdir = os.path.dirname(cap)
        worse = decrypted(cap, dargs, os.path.join(capdir, bad["file"]), ports)
        tls12_broken = any(ch.get("label") == "CLIENT_RANDOM" for ch in bad["changes"])
        for i, s in enumerate(tls_streams):
            g = good.get(s, {"client": b"", "server": b"", "hs": []})
            w = worse.get(s, {"client": b"", "server": b"", "hs": []})
            where = "bad key log, conn %d (stream %d)" % (i, s)
            if i == 1 or (i == 0 and tls12_broken):
                if w["client"] or w["server"]:
                    problems.append(where + ": application data still decrypts")
                if len(w["hs"]) >= len(g["hs"]):
                    problems.append(where + ": as many handshake messages as with the good key log")
            elif i == 0:
                if w["client"] != g["client"] or w["server"] or not g["server"]:
                    problems.append(where + ": expected the client's data only (server traffic secret altered)")
                lost = [t for t in g["hs"] if t not in w["hs"] or g["hs"].count(t) > w["hs"].count(t)]
                if not lost or any(t[0] != "s" for t in lost):
                    problems.append(where + ": expected only server handshake messages lost, lost %s" % lost)
            elif w != g:
                problems.append(where + ": decrypts differently from the good key log")


QUIC_FIELDS = ["udp.srcport", "quic.connection.number", "quic.long.packet_type", "quic.token_length",
               "quic.crypto.offset", "tls.handshake.type", "tls.handshake.ciphersuite", "tls.handshake.extension.type",
               "quic.frame_type", "quic.stream.stream_id", "quic.stream.offset", "quic.stream_data"]


def check_quic(m, cap, keylog, codes, problems):
    """A QUIC capture (transport udp, QUIC on the manifest's port): with tshark and the key log, one QUIC
    connection per manifest connection; the ServerHello's cipher suite; pre_shared_key in the ServerHello
    for a resumption; 0-RTT packets as offered; early_data in EncryptedExtensions as accepted; a Retry
    and its token when the description says so; and each side's STREAM data (by stream and offset, a
    retransmission counted once) equal to client_sent (after early_data_text) / server_sent."""
    cmd = ["tshark", "-r", cap, "-o", "tls.keylog_file:" + keylog, "-T", "fields", "-E", "occurrence=a",
           "-E", "aggregator=|"]
    for f in QUIC_FIELDS:
        cmd += ["-e", f]
    rows = []
    for line in subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines():
        rows.append({f: (v.split("|") if v else []) for f, v in zip(QUIC_FIELDS, line.split("\t"))})
    conns = m["connections"]
    numbers = sorted({int(n) for r in rows for n in r["quic.connection.number"]})
    if len(numbers) != len(conns):
        problems.append("%d QUIC connections in capture, %d in manifest" % (len(numbers), len(conns)))
        return
    port = str(conns[0]["port"])
    retry = any("3" in r["quic.long.packet_type"] for r in rows)
    if retry != ("Retry" in m["description"]):
        problems.append("Retry packet %s, description %r" % (retry, m["description"]))
    if retry and not any("0" in r["quic.long.packet_type"] and any(t != "0" for t in r["quic.token_length"]) for r in rows):
        problems.append("no Initial carries the Retry's token")
    for i, c in enumerate(conns):
        mine = [r for r in rows if str(i) in r["quic.connection.number"]]
        sh = [r for r in mine if "2" in r["tls.handshake.type"]]
        if not sh:
            problems.append("conn %d: no ServerHello" % i)
            continue
        if c["cipher_suite"] and codes.get(c["cipher_suite"]) not in sh[0]["tls.handshake.ciphersuite"]:
            problems.append("conn %d: ServerHello %s, manifest %s" % (i, sh[0]["tls.handshake.ciphersuite"], c["cipher_suite"]))
        psk = "41" in sh[0]["tls.handshake.extension.type"]
        if psk != (c["resumption"] == "psk"):
            problems.append("conn %d: pre_shared_key in ServerHello %s, manifest resumption %s" % (i, psk, c["resumption"]))
        zero_rtt = any("1" in r["quic.long.packet_type"] for r in mine)
        if zero_rtt != c.get("early_data_offered", False):
            problems.append("conn %d: 0-RTT packets %s, manifest early_data_offered %s" % (i, zero_rtt, c.get("early_data_offered")))
        ee = [r for r in mine if "8" in r["tls.handshake.type"]]
        accepted = bool(ee) and "42" in ee[0]["tls.handshake.extension.type"]
        if accepted != c["early_data"]:
            problems.append("conn %d: early_data in EncryptedExtensions %s, manifest %s" % (i, accepted, c["early_data"]))
        for side, want in (("client", c.get("early_data_text", "") + c.get("client_sent", "")), ("server", c.get("server_sent", ""))):
            streams = {}
            for r in mine:
                if (r["udp.srcport"] == [port]) != (side == "server") or not r["quic.stream_data"]:
                    continue
                # a STREAM frame with no data (FIN alone) shows <MISSING>
                data = [d for d in r["quic.stream_data"] if re.fullmatch(r"[0-9a-f]+", d)]
                if not data:
                    continue
                if len(data) != 1:
                    problems.append("conn %d: a packet with %d STREAM frames with data" % (i, len(data)))
                    continue
                off = int(r["quic.stream.offset"][0]) if r["quic.stream.offset"] else 0
                streams.setdefault(int(r["quic.stream.stream_id"][0]), {}).setdefault(off, bytes.fromhex(data[0]))
            got = b"".join(d for sid in sorted(streams) for _, d in sorted(streams[sid].items()))
            if got != want.encode():
                problems.append("conn %d: %s STREAM data %r, manifest %r" % (i, side, got, want))


def main():
    capdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "../resources/captures")
    codes = iana_codes()
    failures = 0
    for mpath in sorted(glob.glob(os.path.join(capdir, "*.manifest.json"))):
        m = json.load(open(mpath))
        cap = os.path.join(capdir, m["file"])
        keylog = os.path.join(capdir, m["keylog"]) if m.get("keylog") else None
        dargs = []
        for p in m.get("tls_ports", []):
            if p != 443:
                dargs += ["-d", "tcp.port==%d,tls" % p]
        if m.get("transport") == "udp" and m["name"].startswith("quic_"):
            problems = []
            check_quic(m, cap, keylog, codes, problems)
            print("%s %s (%d QUIC connections, %s)" % ("OK  " if not problems else "FAIL", m["name"], len(m["connections"]),
                                                      m["linktype"]))
            for p in problems:
                print("     " + p)
            failures += bool(problems)
            continue
        rows = frames(cap, dargs, keylog)
        streams = {}
        for r in rows:
            if r["tcp.stream"]:
                streams.setdefault(int(r["tcp.stream"][0]), []).append(r)
        tls_streams = [s for s in sorted(streams) if any("1" in r["tls.handshake.type"] for r in streams[s])]
        problems = []
        conns = m["connections"]
        if len(tls_streams) != len(conns):
            problems.append("%d TLS streams in capture, %d connections in manifest" % (len(tls_streams), len(conns)))
        issued = {}  # connection index -> tickets / identities issued by the server (hex)
        for i, (c, s) in enumerate(zip(conns, tls_streams)):
            fr = streams[s]
            types = [t for r in fr for t in r["tls.handshake.type"]]
            ch = [r for r in fr if "1" in r["tls.handshake.type"]]
            sh = [r for r in fr if "2" in r["tls.handshake.type"]]
            hrr = [r for r in sh if HRR_RANDOM in r["tls.handshake.random"]]
            real_sh = [r for r in sh if HRR_RANDOM not in r["tls.handshake.random"]]
            alerts = [d for r in fr for d in r["tls.alert_message.desc"]]
            issued[i] = [t.replace(":", "") for r in fr for t in r["tls.handshake.session_ticket"]]
            where = "conn %d (stream %d)" % (i, s)
            expect = c.get("expect", "")
            if m.get("truncated") and i == len(conns) - 1:
                if not ch:
                    problems.append(where + ": no ClientHello before the cut")
                continue  # the capture ends inside this connection
            if c.get("handshake_completed", True):
                if not real_sh:
                    problems.append(where + ": no ServerHello")
                    continue
                r = real_sh[-1]
                ver = VERSIONS.get((r["tls.handshake.extensions.supported_version"] or r["tls.handshake.version"] or [""])[-1])
                if ver != c["version"]:
                    problems.append(where + ": version %s, manifest %s" % (ver, c["version"]))
                cs = r["tls.handshake.ciphersuite"][-1] if r["tls.handshake.ciphersuite"] else None
                if c.get("cipher_suite") and codes.get(c["cipher_suite"]) != cs:
                    problems.append(where + ": cipher %s, manifest %s (%s)" % (cs, c["cipher_suite"], codes.get(c["cipher_suite"])))
                sh_ext = r["tls.handshake.extension.type"]
                has_cert = "11" in types
                ch_sid = ch[-1]["tls.handshake.session_id"][:1]
                sh_sid = r["tls.handshake.session_id"][:1]
                res = c["resumption"]
                if res == "psk" and "41" not in sh_ext:
                    problems.append(where + ": psk claimed, ServerHello has no pre_shared_key")
                if res in ("session_id", "session_ticket"):
                    if has_cert:
                        problems.append(where + ": %s resumption claimed but a Certificate was sent" % res)
                    if not ch_sid or ch_sid != sh_sid:
                        problems.append(where + ": ServerHello session id does not echo the ClientHello's")
                if res == "none":
                    if c["version"] == "TLS 1.3" and "41" in sh_ext:
                        problems.append(where + ": no resumption claimed, ServerHello has pre_shared_key")
                    if c["version"] != "TLS 1.3" and not has_cert:
                        problems.append(where + ": full handshake claimed, no Certificate")
                    if c["version"] != "TLS 1.3" and ch_sid and ch_sid == sh_sid:
                        problems.append(where + ": full handshake claimed, session id echoed")
                if "session_ticket" in c.get("resumption_offered", []):
                    payload = "".join(ch[0]["tcp.payload"]).replace(":", "")
                    offered = [t for j in issued for t in issued[j] if t and t in payload]
                    if res == "session_ticket" and not offered and c.get("resumed_from") is not None:
                        problems.append(where + ": offered ticket not found among the tickets issued earlier")
                rf = c.get("resumed_from")
                if rf is not None:
                    payload = "".join(ch[0]["tcp.payload"]).replace(":", "")
                    ids = [x.replace(":", "") for x in ch[0]["tls.handshake.extensions.psk.identity.identity"]]
                    earlier = issued.get(rf, [])
                    if res == "psk" and keylog:
                        if not any(x in earlier for x in ids):
                            problems.append(where + ": PSK identity is not a ticket issued in conn %d" % rf)
                        else:
                            c["_ticket_index"] = [earlier.index(x) + 1 for x in ids if x in earlier]
                    elif res == "session_ticket" and not any(t in payload for t in earlier):
                        problems.append(where + ": ticket offered is not the one issued in conn %d" % rf)
                if c.get("early_data"):
                    if "42" not in ch[0]["tls.handshake.extension.type"]:
                        problems.append(where + ": early data claimed, ClientHello has no early_data")
                    if keylog:
                        ee = [rr for rr in fr if "8" in rr["tls.handshake.type"]]
                        if not ee or "42" not in ee[0]["tls.handshake.extension.type"]:
                            problems.append(where + ": early data claimed, EncryptedExtensions has no early_data")
                        if "5" not in types:
                            problems.append(where + ": early data claimed, no EndOfEarlyData")
                if "client certificate" in expect and "13" not in types:
                    problems.append(where + ": client certificate claimed, no CertificateRequest seen")
                alpn = c.get("alpn")
                if alpn and alpn not in r["tls.handshake.extensions_alpn_str"] and c["version"] != "TLS 1.3":
                    problems.append(where + ": ALPN %s not in ServerHello" % alpn)
            if ("HRR" in expect) != bool(hrr):
                problems.append(where + ": HRR expected=%s seen=%s" % ("HRR" in expect, bool(hrr)))
            for name, code in (("protocol_version", "70"), ("unknown_ca", "48")):
                if "alert " + name in expect and code not in alerts:
                    problems.append(where + ": alert %s expected, alerts seen %s" % (name, alerts))
            nth = re.search(r"ticket (\d+)", expect)
            if nth and "_ticket_index" in c:
                want = int(nth.group(1))
                if c["_ticket_index"] != [want]:
                    problems.append(where + ": offers ticket %s of conn, expected ticket %d" % (c["_ticket_index"], want))
        if keylog:
            check_decryption(m, cap, dargs, keylog, tls_streams, problems)
        if any("encrypt_then_mac" in c for c in conns):
            for i, (c, st) in enumerate(zip(conns, tls_streams)):
                sh = [r for r in streams[st] if "2" in r["tls.handshake.type"]]
                etm = bool(sh) and "22" in sh[-1]["tls.handshake.extension.type"]
                if "encrypt_then_mac" in c and etm != c["encrypt_then_mac"]:
                    problems.append("conn %d: encrypt_then_mac %s in ServerHello, manifest %s" % (i, etm, c["encrypt_then_mac"]))
        status = "OK  " if not problems else "FAIL"
        print("%s %s (%d connections, %s)" % (status, m["name"], len(conns), m["linktype"]))
        for p in problems:
            print("     " + p)
        failures += bool(problems)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
