#!/usr/bin/env python3
"""Replicate a little-endian pcapng capture (Ethernet, IPv4, TCP) to N packets, for benchmarks.

  replicate_capture.py IN.pcapng N OUT.pcapng [OUT.pcap]

Each copy of the capture's packets is shifted by 10 s and gets its own client port (the port that
is not 443), so the copies are distinct TCP connections. OUT.pcap, if given, holds the same
packets as a nanosecond pcap.
"""
import struct
import sys


def main():
    src, n, out_ng = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    out_pcap = sys.argv[4] if len(sys.argv) > 4 else None
    d = open(src, 'rb').read()
    p, head, epbs = 0, b'', []
    while p + 12 <= len(d):
        t, length = struct.unpack('<II', d[p:p + 8])
        b = d[p:p + length]
        if t == 6:
            epbs.append(b)
        elif not epbs:
            head += b
        p += length
    ng = open(out_ng, 'wb')
    ng.write(head)
    pc = open(out_pcap, 'wb') if out_pcap else None
    if pc:
        pc.write(struct.pack('<IHHiIII', 0xa1b23c4d, 2, 4, 0, 0, 262144, 1))
    written, copy = 0, 0
    while written < n:
        for b in epbs:
            _, th, tl, cl, ol = struct.unpack('<IIIII', b[8:28])
            ts = ((th << 32) | tl) + copy * 10_000_000_000
            pkt = bytearray(b[28:28 + cl])
            sp, dp = struct.unpack('>HH', pkt[34:38])
            port = 10000 + copy % 50000
            if sp != 443:
                pkt[34:36] = struct.pack('>H', port)
            if dp != 443:
                pkt[36:38] = struct.pack('>H', port)
            ng.write(b[:12] + struct.pack('<II', ts >> 32, ts & 0xffffffff) + b[20:28] + bytes(pkt) + b[28 + cl:])
            if pc:
                pc.write(struct.pack('<IIII', ts // 10**9, ts % 10**9, cl, ol) + pkt)
            written += 1
            if written >= n:
                break
        copy += 1


if __name__ == '__main__':
    main()
