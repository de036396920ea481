#!/usr/bin/env python3
"""Python (OpenSSL via the ssl module) TLS peers used by make-captures.sh.

  tls_peer.py client --port P [--host 127.0.0.1] [--sni localhost] [--mss N]
                     [--tls-max 1.2|1.3] [--keylog F] [--send TEXT]
      One client connection.  --mss sets TCP_MAXSEG before connect, so the
      peer's segments are small and TLS records span several TCP segments.
      Prints one JSON line: version, cipher (OpenSSL name), resumed.

  tls_peer.py load --port P --cert C --key K --conns N [--threads T]
                   [--mss N] [--keylog F]
      Starts a threaded TLS server on 127.0.0.1:P and runs N client
      connections against it (TLS 1.3, TLS 1.2 with tickets, TLS 1.2 with
      session ids only; four in five resumed; a few small application records
      each).  Used for the --large benchmark capture.
"""
import argparse
import json
import socket
import ssl
import sys
import threading

VERSIONS = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}


def client_ctx(args, tls_max=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    if tls_max:
        ctx.maximum_version = VERSIONS[tls_max]
    if args.keylog:
        ctx.keylog_filename = args.keylog
    return ctx


def connect(ctx, args, session=None):
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if args.mss:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, args.mss)
    raw.settimeout(10)
    raw.connect((args.host, args.port))
    return ctx.wrap_socket(raw, server_hostname=args.sni, session=session)


def cmd_client(args):
    ctx = client_ctx(args, args.tls_max)
    s = connect(ctx, args)
    s.sendall(args.send.encode() + b"\n")
    s.settimeout(0.5)
    try:  # read what the server sends (TLS 1.3 tickets, echo) for half a second
        while s.recv(4096):
            pass
    except (socket.timeout, ssl.SSLError, ConnectionError):
        pass
    cipher = s.cipher()[0]
    print(json.dumps({"version": s.version(), "cipher": cipher, "resumed": s.session_reused}))
    try:
        s.unwrap()
    except (ssl.SSLError, OSError):
        pass
    s.close()


def serve(srv_sock, sctx, stop):
    def handle(conn):
        try:
            with sctx.wrap_socket(conn, server_side=True) as t:
                while True:
                    data = t.recv(4096)
                    if not data:
                        break
                    t.sendall(data.upper())
        except (ssl.SSLError, OSError):
            pass
    while not stop.is_set():
        try:
            conn, _ = srv_sock.accept()
        except OSError:
            break
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


def cmd_load(args):
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(args.cert, args.key)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(256)
    stop = threading.Event()
    threading.Thread(target=serve, args=(srv, sctx, stop), daemon=True).start()
    ctxs = {"1.2": client_ctx(args, "1.2"), "1.3": client_ctx(args, "1.3"), "1.2id": client_ctx(args, "1.2")}
    ctxs["1.2id"].options |= ssl.OP_NO_TICKET  # the server then resumes by session id
    counter = iter(range(args.conns))
    lock = threading.Lock()

    def worker():
        sessions = {}
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            ver = ("1.3", "1.2", "1.2id")[i % 3]
            sess = sessions.get(ver) if i % 5 else None
            try:
                s = connect(ctxs[ver], args, sess)
                for n in range(1 + i % 4):
                    s.sendall(b"x" * (20 + 37 * n) + b"\n")
                    s.recv(4096)
                sessions[ver] = s.session
                try:
                    s.unwrap()
                except (ssl.SSLError, OSError):
                    pass
                s.close()
            except (ssl.SSLError, OSError) as e:
                print("connection %d failed: %s" % (i, e), file=sys.stderr)

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    srv.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["client", "load"])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--sni", default="localhost")
    ap.add_argument("--mss", type=int, default=0)
    ap.add_argument("--tls-max", choices=["1.2", "1.3"])
    ap.add_argument("--keylog")
    ap.add_argument("--send", default="hello from tls_peer.py")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--conns", type=int, default=100)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    {"client": cmd_client, "load": cmd_load}[args.cmd](args)


if __name__ == "__main__":
    main()
