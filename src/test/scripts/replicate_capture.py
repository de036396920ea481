#!/usr/bin/env python3
"""Replicate a little-endian pcapng capture (Ethernet, IPv4, TCP) to N packets, for benchmarks.

  replicate_capture.py IN.pcapng N OUT.pcapng [OUT.pcap]

Copy k of the capture's packets has both IPv4 addresses raised by k * 256 (127.0.0.1 becomes
127.0.k.1, 127.1.0.1 past k = 255) and its times shifted by the capture's span plus one second, so
every connection of every copy stays a distinct TCP connection, later than the one before, and a
capture of many connections keeps them all. The IPv4 header and TCP checksums are updated for the
new addresses (RFC 1624), so a checksum that was right stays right. OUT.pcap, if given, holds the
same packets as a nanosecond pcap. The input's timestamps are taken as nanoseconds.
"""
import struct
import sys


def fold(s):
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def adjust(csum, old, new):
    """RFC 1624 eqn. 3: the checksum after 16-bit words old became new."""
    s = (~csum) & 0xffff
    for o, n in zip(old, new):
        s += ((~o) & 0xffff) + n
    return (~fold(s)) & 0xffff


def shifted(pkt, k):
    """The Ethernet/IPv4 frame with both addresses raised by k * 256, checksums adjusted."""
    if k == 0 or len(pkt) < 34 or pkt[12:14] != b'\x08\x00' or pkt[14] >> 4 != 4:
        return bytes(pkt)
    ihl = (pkt[14] & 0x0f) * 4
    old = struct.unpack('>4H', pkt[26:34])
    src, dst = struct.unpack('>II', pkt[26:34])
    src, dst = (src + k * 256) & 0xffffffff, (dst + k * 256) & 0xffffffff
    pkt[26:34] = struct.pack('>II', src, dst)
    new = struct.unpack('>4H', pkt[26:34])
    ipc = struct.unpack('>H', pkt[24:26])[0]
    pkt[24:26] = struct.pack('>H', adjust(ipc, old, new))
    frag = struct.unpack('>H', pkt[20:22])[0] & 0x1fff
    t = 14 + ihl
    if pkt[23] == 6 and frag == 0 and len(pkt) >= t + 18:
        tc = struct.unpack('>H', pkt[t + 16:t + 18])[0]
        pkt[t + 16:t + 18] = struct.pack('>H', adjust(tc, old, new))
    return bytes(pkt)


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
    times = [struct.unpack('<II', b[12:20]) for b in epbs]
    times = [(h << 32) | lo for h, lo in times]
    span = max(times) - min(times) + 1_000_000_000
    ng = open(out_ng, 'wb')
    ng.write(head)
    pc = open(out_pcap, 'wb') if out_pcap else None
    if pc:
        pc.write(struct.pack('<IHHiIII', 0xa1b23c4d, 2, 4, 0, 0, 262144, 1))
    written, copy = 0, 0
    while written < n:
        for b, t0 in zip(epbs, times):
            cl = struct.unpack('<I', b[20:24])[0]
            ol = struct.unpack('<I', b[24:28])[0]
            ts = t0 + copy * span
            pkt = shifted(bytearray(b[28:28 + cl]), copy)
            ng.write(b[:12] + struct.pack('<II', ts >> 32, ts & 0xffffffff) + b[20:28] + pkt + b[28 + cl:])
            if pc:
                pc.write(struct.pack('<IIII', ts // 10**9, ts % 10**9, cl, ol) + pkt)
            written += 1
            if written >= n:
                break
        copy += 1


if __name__ == '__main__':
    main()
