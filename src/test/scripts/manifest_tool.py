#!/usr/bin/env python3
"""Small helper used by make-captures.sh to build NAME.manifest.json files.

  manifest_tool.py conn  CONNS.jsonl key=value ...   append one connection
  manifest_tool.py write CONNS.jsonl OUT.json key=value ...   write the manifest

Values are parsed as JSON when possible (numbers, true/false/null, lists),
otherwise kept as strings.  Connections are sorted by their "t_start"
(the time the script started the client), which is the order of their
first packet, and then renumbered; "resumed_from" refers to the "tag"
of an earlier connection and is rewritten to its 0-based index.
"""
import json
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
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
