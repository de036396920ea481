#!/usr/bin/env python3
"""Small helper used by make-captures.sh to build NAME.manifest.json files.

  manifest_tool.py conn  CONNS.jsonl key=value ...   append one connection
  manifest_tool.py write CONNS.jsonl OUT.json key=value ...   write the manifest
  manifest_tool.py badkeys MANIFEST.json GOOD.keylog BAD.keylog
      write a wrong key log for the negative tests and describe it in the
      manifest ("bad_keylog"): connection 0's key is altered (TLS 1.2: the
      CLIENT_RANDOM master secret; TLS 1.3: SERVER_TRAFFIC_SECRET_0),
      connection 1's lines are removed, and a comment line and a malformed
      line are added.  Needs the connections' "keylog_lines".
  manifest_tool.py first_only MANIFEST.json GOOD.keylog OUT.keylog
      write a key log without the lines of the resumed connections (they must
      decrypt with the master secret of the session they resume) and describe
      it in the manifest ("first_only_keylog").

Values are parsed as JSON when possible (numbers, true/false/null, lists),
otherwise kept as strings.  Connections are sorted by their "t_start"
(the time the script started the client), which is the order of their
first packet, and then renumbered; "resumed_from" refers to the "tag"
of an earlier connection and is rewritten to its 0-based index.
"""
import json
import os
import sys


def parse_kv(items):
    out = {}
    for item in items:
        key, _, val = item.partition("=")
        try:
            out[key] = json.loads(val)
        except ValueError:
            out[key] = val
    return out


def badkeys(manifest_path, good_path, bad_path):
    m = json.load(open(manifest_path))
    good = open(good_path).read().splitlines()
    conns = m["connections"]
    if len(conns) < 2 or any(not c.get("keylog_lines") for c in conns[:2]):
        sys.exit("badkeys: needs two connections with keylog_lines")
    alter_label = "SERVER_TRAFFIC_SECRET_0" if conns[0]["version"] == "TLS 1.3" else "CLIENT_RANDOM"
    first0, last0 = conns[0]["keylog_lines"]
    first1, last1 = conns[1]["keylog_lines"]
    header = ["# TLS Lens wrong key log, made from %s by manifest_tool.py badkeys (see bad_keylog in %s)"
              % (os.path.basename(good_path), os.path.basename(manifest_path))]
    out = list(header)
    changes = [{"line": 1, "change": "comment line (skipped)"}]
    altered = None
    for n, line in enumerate(good, 1):
        if first1 <= n <= last1:
            continue  # connection 1: no keys at all
        if first0 <= n <= last0 and line.split(" ")[0] == alter_label and altered is None:
            label, random, secret = line.split(" ")
            secret = secret[:-1] + "%x" % (int(secret[-1], 16) ^ 1)
            line = " ".join((label, random, secret))
            altered = len(out) + 1
            changes.append({"line": altered, "connection": 0, "label": label, "client_random": random,
                            "change": "last hex digit of the secret flipped (was line %d of %s)"
                                      % (n, os.path.basename(good_path))})
        out.append(line)
    if altered is None:
        sys.exit("badkeys: no %s line for connection 0" % alter_label)
    changes.append({"connection": 1, "client_random": conns[1].get("client_random"),
                    "change": "its %d line(s) (%d-%d of %s) removed" % (last1 - first1 + 1, first1, last1,
                                                                       os.path.basename(good_path))})
    out.append("CLIENT_RANDOM 00112233 not-a-secret")
    changes.append({"line": len(out), "change": "malformed line (random and secret too short / not hex): skipped"})
    with open(bad_path, "w") as f:
        f.write("\n".join(out) + "\n")
    expect = []
    for i, c in enumerate(conns):
        if i == 0 and alter_label == "CLIENT_RANDOM":
            e = "keys did not match: wrong master secret, nothing after ChangeCipherSpec decrypts (Finished fails)"
        elif i == 0:
            e = ("keys did not match for the server's application data: the handshake (both directions) and the "
                 "client's application data decrypt; the server's NewSessionTicket, data and close_notify do not")
        elif i == 1:
            e = "no keys: nothing encrypted decrypts"
        else:
            e = "decrypts as with " + os.path.basename(good_path)
        expect.append({"connection": i, "expect": e})
    m["bad_keylog"] = {"file": os.path.basename(bad_path), "derived_from": os.path.basename(good_path),
                       "lines": len(out), "changes": changes, "connections": expect}
    with open(manifest_path, "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")


def first_only(manifest_path, good_path, out_path):
    m = json.load(open(manifest_path))
    good = open(good_path).read().splitlines()
    drop, removed = set(), []
    for i, c in enumerate(m["connections"]):
        if c.get("resumption", "none") != "none":
            first, last = c["keylog_lines"]
            drop.update(range(first, last + 1))
            removed.append({"connection": i, "resumed_from": c.get("resumed_from"), "resumption": c["resumption"],
                            "client_random": c.get("client_random"), "lines_removed": [first, last]})
    if not removed:
        sys.exit("first_only: no resumed connection")
    out = [line for n, line in enumerate(good, 1) if n not in drop]
    with open(out_path, "w") as f:
        f.write("\n".join(out) + "\n")
    m["first_only_keylog"] = {
        "file": os.path.basename(out_path), "derived_from": os.path.basename(good_path), "lines": len(out),
        "removed": removed,
        "expect": "every connection decrypts as with %s: a resumed TLS 1.2 connection uses the master secret of "
                  "the session it resumes (found by session id or ticket)" % os.path.basename(good_path)}
    with open(manifest_path, "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")


def main():
    cmd = sys.argv[1]
    if cmd == "conn":
        with open(sys.argv[2], "a") as f:
            f.write(json.dumps(parse_kv(sys.argv[3:])) + "\n")
    elif cmd == "write":
        conns = []
        try:
            with open(sys.argv[2]) as f:
                conns = [json.loads(line) for line in f if line.strip()]
        except FileNotFoundError:
            pass
        conns.sort(key=lambda c: c.get("t_start", 0))
        index_of = {c.get("tag"): i for i, c in enumerate(conns)}
        keyorder = ["client_tool", "server_tool", "ip", "port", "version",
                    "cipher_suite", "cipher_forced", "resumption", "resumption_offered",
                    "early_data", "early_data_offered", "resumed_from", "handshake_completed", "expect"]
        out_conns = []
        for c in conns:
            rf = c.get("resumed_from")
            c["resumed_from"] = index_of[rf] if rf not in (None, "") else None
            c.setdefault("resumption", "none")
            c.setdefault("resumption_offered", [])
            c.setdefault("early_data", False)
            c.setdefault("expect", "")
            c.pop("t_start", None)
            c.pop("tag", None)
            ordered = {k: c[k] for k in keyorder if k in c}
            ordered.update({k: v for k, v in c.items() if k not in ordered})
            out_conns.append(ordered)
        manifest = parse_kv(sys.argv[4:])
        manifest["connections"] = out_conns
        with open(sys.argv[3], "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
    elif cmd == "first_only":
        first_only(*sys.argv[2:5])
    elif cmd == "badkeys":
        badkeys(*sys.argv[2:5])
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
