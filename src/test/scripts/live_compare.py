#!/usr/bin/env python3
"""Compares two captures of the same traffic packet by packet (live-benchmark.sh): which packets of
the reference (tcpdump's pcap) the other (our pcapng) lacks, matched by their bytes (loopback TCP
segments differ in sequence numbers or TCP time stamps; time stamps are not compared, as TPACKET_V2
and V3 take them at different moments). Prints JSON."""
import json, struct, sys, zlib


def pcap_frames(path):
    with open(path, 'rb') as f:
        head = f.read(24)
        magic = struct.unpack('<I', head[:4])[0]
        order, nano = {0xa1b2c3d4: ('<', False), 0xa1b23c4d: ('<', True),
                       0xd4c3b2a1: ('>', False), 0x4d3cb2a1: ('>', True)}[magic]
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            sec, frac, incl, _ = struct.unpack(order + 'IIII', h)
            data = f.read(incl)
            yield (zlib.crc32(data), len(data))


def pcapng_frames(path):
    """Only what PcapngWriter writes: little-endian, one interface, if_tsresol 9."""
    with open(path, 'rb') as f:
        buf = f.read()
    pos = 0
    while pos + 12 <= len(buf):
        btype, blen = struct.unpack_from('<II', buf, pos)
        if blen < 12 or pos + blen > len(buf):
            break
        if btype == 6:
            _, hi, lo, cap, _ = struct.unpack_from('<IIIII', buf, pos + 8)
            data = buf[pos + 28:pos + 28 + cap]
            yield (zlib.crc32(data), len(data))
        pos += blen


def frames(path):
    with open(path, 'rb') as f:
        magic = f.read(4)
    return pcapng_frames(path) if magic == b'\n\r\r\n' else pcap_frames(path)


def main():
    ref, ours = sys.argv[1], sys.argv[2]
    theirs = {}
    for key in frames(ref):
        theirs[key] = theirs.get(key, 0) + 1
    n_ref = sum(theirs.values())
    n_ours = 0
    extra = 0
    for key in frames(ours):
        n_ours += 1
        c = theirs.get(key, 0)
        if c:
            theirs[key] = c - 1
        else:
            extra += 1
    missing = sum(theirs.values())
    print(json.dumps({'reference_packets': n_ref, 'our_packets': n_ours, 'missing': missing,
                      'not_in_reference': extra}))


if __name__ == '__main__':
    main()
