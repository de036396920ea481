package tlslens.lab;

/**
 * The little the lab needs of a TCP segment captured on loopback: its ports, flags and payload
 * length, to tell its own connections from the others and to know when each has ended. Reading
 * the capture properly is the dissector's job (the lab may not use it); this only finds headers.
 */
record LoopbackSegment(int srcPort, int dstPort, int flags, int payload) {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    private static final int LINKTYPE_NULL = 0;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LOOP = 108;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int TCP = 6;

    boolean has(int flag) { return (flags & flag) != 0; }

    /** The segment in a frame of this link type, or null when it holds no TCP over IPv4 or IPv6 without extension headers. */
    static LoopbackSegment parse(byte[] d, int linkType) {
        int ip;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (d.length < 14) return null;
                int type = u16(d, 12);
                if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) return null;
                ip = 14;
            }
            case LINKTYPE_NULL, LINKTYPE_LOOP -> ip = 4; // the address family; the IP version tells the rest
            case LINKTYPE_LINUX_SLL -> ip = 16;
            default -> {
                return null;
            }
        }
        if (d.length < ip + 1) return null;
        int tcp;
        int ipEnd;
        int version = (d[ip] & 0xff) >> 4;
        if (version == 4) {
            if (d.length < ip + 20 || (d[ip + 9] & 0xff) != TCP) return null;
            if ((u16(d, ip + 6) & 0x3fff) != 0) return null; // a fragment
            tcp = ip + (d[ip] & 0x0f) * 4;
            ipEnd = ip + u16(d, ip + 2);
        } else if (version == 6) {
            if (d.length < ip + 40 || (d[ip + 6] & 0xff) != TCP) return null;
            tcp = ip + 40;
            ipEnd = tcp + u16(d, ip + 4);
        } else {
            return null;
        }
        if (d.length < tcp + 20) return null;
        int headerLength = ((d[tcp + 12] & 0xff) >> 4) * 4;
        int payload = Math.max(0, Math.min(ipEnd, d.length) - tcp - headerLength);
        return new LoopbackSegment(u16(d, tcp), u16(d, tcp + 2), d[tcp + 13] & 0xff, payload);
    }

    private static int u16(byte[] d, int at) { return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff); }
}
