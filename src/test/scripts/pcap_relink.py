#!/usr/bin/env python3
"""Rewrite an Ethernet (linktype 1) classic pcap into another link type.

  pcap_relink.py null|raw IN.pcap OUT.pcap

null: LINKTYPE_NULL (0), BSD loopback: 4-byte AF header in the byte order of
      the file (we write little-endian files), 2 for IPv4 and 30 for IPv6
      (the Darwin value; tshark also accepts 24 and 28).
raw:  LINKTYPE_RAW (101), the IP header starts the packet.
The 14-byte Ethernet header is stripped; timestamps are kept (usec or nsec
according to the input's magic).
"""
import struct
import sys

AF_INET6_DARWIN = 30


def main():
    mode, src, dst = sys.argv[1:4]
    with open(src, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data, 0)[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian = "<"
    else:
        magic = struct.unpack_from(">I", data, 0)[0]
        if magic not in (0xA1B2C3D4, 0xA1B23C4D):
            sys.exit("not a classic pcap file: " + src)
        endian = ">"
    vmaj, vmin, zone, sigfigs, snaplen, linktype = struct.unpack_from(endian + "HHiIII", data, 4)
    if linktype != 1:
        sys.exit("input link type is %d, expected 1 (Ethernet)" % linktype)
    newlt = {"null": 0, "raw": 101}[mode]
    out = bytearray(struct.pack("<IHHiIII", magic, vmaj, vmin, zone, sigfigs, snaplen, newlt))
    off = 24
    while off + 16 <= len(data):
        ts_s, ts_f, incl, orig = struct.unpack_from(endian + "IIII", data, off)
        pkt = data[off + 16: off + 16 + incl]
        off += 16 + incl
        ethertype = struct.unpack_from(">H", pkt, 12)[0]
        payload = pkt[14:]
        if mode == "null":
            af = {0x0800: 2, 0x86DD: AF_INET6_DARWIN}[ethertype]
            payload = struct.pack("<I", af) + payload
        out += struct.pack("<IIII", ts_s, ts_f, len(payload), orig - len(pkt) + len(payload))
        out += payload
    with open(dst, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
