package tlslens.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes, at test time and from our real captures, the files that libpcap refused or misread and
 * tshark reads (and other variants of the formats): each method rewrites headers only, so the
 * packets stay real traffic. Inputs are little-endian, as our captures are.
 */
public final class CaptureCraft {
    private CaptureCraft() {}

    /** A pcap record: header fields and bytes. */
    public record PcapRecord(long sec, long frac, long incl, long orig, byte[] data) {}

    /** A pcapng block: type and body (between the length fields). */
    public record Block(int type, byte[] body) {}

    // ------------------------------------------------------------------ pcap

    public static byte[] pcapHeader(Path pcap) throws IOException {
        byte[] d = Files.readAllBytes(pcap);
        return java.util.Arrays.copyOf(d, 24);
    }

    public static List<PcapRecord> pcapRecords(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4 && b.getInt(0) != 0xa1b23c4d) throw new IOException(pcap + ": not a little-endian pcap");
        List<PcapRecord> out = new ArrayList<>();
        int p = 24;
        while (p + 16 <= b.limit()) {
            long incl = b.getInt(p + 8) & 0xffffffffL;
            if (p + 16 + incl > b.limit()) break;
            byte[] data = new byte[(int) incl];
            b.get(p + 16, data);
            out.add(new PcapRecord(b.getInt(p) & 0xffffffffL, b.getInt(p + 4) & 0xffffffffL, incl,
                    b.getInt(p + 12) & 0xffffffffL, data));
            p += 16 + (int) incl;
        }
        return out;
    }

    /**
     * Writes a pcap file: {@code magic} as written in {@code order} (0xa1b2c3d4 µs, 0xa1b23c4d ns,
     * 0xa1b2cd34 Kuznetzov's modified format, whose records carry 8 more bytes).
     */
    public static void writePcap(Path out, ByteOrder order, int magic, int minor, int snaplen, int linkType,
                                 List<PcapRecord> records) throws IOException {
        boolean modified = magic == 0xa1b2cd34;
        int size = 24;
        for (PcapRecord r : records) size += 16 + (modified ? 8 : 0) + r.data().length;
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.putInt(magic).putShort((short) 2).putShort((short) minor).putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
        for (PcapRecord r : records) {
            b.putInt((int) r.sec()).putInt((int) r.frac()).putInt((int) r.incl()).putInt((int) r.orig());
            if (modified) b.putInt(1).putShort((short) 0x0800).put((byte) 0).put((byte) 0); // ifindex, protocol, type, pad
            b.put(r.data());
        }
        Files.write(out, b.array());
    }

    /** The record at {@code index} (0-based) replaced. */
    public static List<PcapRecord> with(List<PcapRecord> records, int index, PcapRecord r) {
        List<PcapRecord> l = new ArrayList<>(records);
        l.set(index, r);
        return l;
    }

    // ------------------------------------------------------------------ pcapng

    public static List<Block> pcapngBlocks(Path pcapng) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcapng)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(8) != 0x1A2B3C4D) throw new IOException(pcapng + ": not a little-endian pcapng");
        List<Block> out = new ArrayList<>();
        int p = 0;
        while (p + 12 <= b.limit()) {
            int len = b.getInt(p + 4);
            if (len < 12 || p + len > b.limit()) break;
            byte[] body = new byte[len - 12];
            b.get(p + 8, body);
            out.add(new Block(b.getInt(p), body));
            p += len;
        }
        return out;
    }

    /** Blocks as written (bodies already in the order they were made for). */
    public static byte[] blocks(ByteOrder order, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Block k : blocks) {
            int padded = (k.body().length + 3) & ~3;
            ByteBuffer b = ByteBuffer.allocate(12 + padded).order(order);
            b.putInt(k.type()).putInt(12 + padded).put(k.body()).position(8 + padded);
            b.putInt(12 + padded);
            out.writeBytes(b.array());
        }
        return out.toByteArray();
    }

    /** An Enhanced Packet Block's fields, read from a little-endian body. */
    public record Epb(int interfaceId, long ts, int capLen, int origLen, byte[] data) {
        public static Epb of(byte[] body) {
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            int cap = b.getInt(12);
            byte[] data = new byte[cap];
            b.get(20, data);
            return new Epb(b.getInt(0), (long) b.getInt(4) << 32 | (b.getInt(8) & 0xffffffffL), cap, b.getInt(16), data);
        }

        /** The body of an EPB (no options) in {@code order}. */
        public byte[] body(ByteOrder order) {
            ByteBuffer b = ByteBuffer.allocate(20 + ((data.length + 3) & ~3)).order(order);
            b.putInt(interfaceId).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(capLen).putInt(origLen).put(data);
            return b.array();
        }
    }

    /** An IDB body: link type, snaplen and the options given as (code, value) pairs, in {@code order}. */
    public static byte[] idb(ByteOrder order, int linkType, int snaplen, List<Object[]> options) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(8).order(order);
        h.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        o.writeBytes(h.array());
        for (Object[] opt : options) {
            byte[] v = (byte[]) opt[1];
            ByteBuffer b = ByteBuffer.allocate(4 + ((v.length + 3) & ~3)).order(order);
            b.putShort((short) (int) (Integer) opt[0]).putShort((short) v.length).put(v);
            o.writeBytes(b.array());
        }
        o.writeBytes(new byte[4]); // opt_endofopt
        return o.toByteArray();
    }

    /** A section header body (version 1.0, unknown section length, no options) in {@code order}. */
    public static byte[] shb(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return b.array();
    }

    /** The options of a little-endian IDB body, as (code, value) pairs. */
    public static List<Object[]> idbOptions(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Object[]> out = new ArrayList<>();
        int p = 8;
        while (p + 4 <= body.length) {
            int code = b.getShort(p) & 0xffff, len = b.getShort(p + 2) & 0xffff;
            if (code == 0 || p + 4 + len > body.length) break;
            byte[] v = new byte[len];
            b.get(p + 4, v);
            out.add(new Object[] {code, v});
            p += 4 + ((len + 3) & ~3);
        }
        return out;
    }

    /**
     * A pcapng file rewritten in {@code order}: its section header, interfaces (name,
     * description and time resolution kept) and packets (as EPBs without options, or obsolete
     * Packet Blocks when {@code obsolete}); other blocks left out.
     */
    public static byte[] rewritePcapng(Path src, ByteOrder order, boolean obsolete) throws IOException {
        List<Block> out = new ArrayList<>();
        for (Block k : pcapngBlocks(src)) {
            switch (k.type()) {
                case 0x0A0D0D0A -> out.add(new Block(k.type(), shb(order)));
                case 1 -> {
                    ByteBuffer b = ByteBuffer.wrap(k.body()).order(ByteOrder.LITTLE_ENDIAN);
                    List<Object[]> keep = idbOptions(k.body()).stream()
                            .filter(o -> (int) o[0] == 2 || (int) o[0] == 3 || (int) o[0] == 9).toList();
                    out.add(new Block(1, idb(order, b.getShort(0) & 0xffff, b.getInt(4), keep)));
                }
                case 6 -> {
                    Epb e = Epb.of(k.body());
                    if (!obsolete) {
                        out.add(new Block(6, e.body(order)));
                    } else {
                        ByteBuffer b = ByteBuffer.allocate(20 + ((e.data().length + 3) & ~3)).order(order);
                        b.putShort((short) e.interfaceId()).putShort((short) 0).putInt((int) (e.ts() >>> 32))
                                .putInt((int) e.ts()).putInt(e.capLen()).putInt(e.origLen()).put(e.data());
                        out.add(new Block(2, b.array()));
                    }
                }
                default -> { }
            }
        }
        return blocks(order, out);
    }

    /** Our captures the crafted files start from. */
    public static final Path CAPTURES = Path.of("src/test/resources/captures");

    /**
     * The variants and defect files, made in {@code dir} from our captures, by name: each is read
     * by tshark; those marked "libpcap" in {@link #LIBPCAP_DEFECTS} were refused or misread by the
     * libpcap-based reader.
     */
    public static java.util.Map<String, Path> variants(Path dir) throws IOException {
        java.util.Map<String, Path> m = new java.util.LinkedHashMap<>();
        Path pcap = CAPTURES.resolve("tls12_session_id.pcap");
        Path ng = CAPTURES.resolve("tls12_aead.pcapng");
        byte[] head = pcapHeader(pcap);
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int snap = h.getInt(16), link = h.getInt(20);
        List<PcapRecord> recs = pcapRecords(pcap);
        // A microseconds field of a million or more (frames 2 and 4): wiretap carries it over.
        List<PcapRecord> usec = with(recs, 1, withFrac(recs.get(1), 1_500_000));
        usec = with(usec, 3, withFrac(recs.get(3), 2_000_000));
        writePcap(put(m, dir, "usec_over_a_million.pcap"), ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 4, snap, link, usec);
        writePcap(put(m, dir, "minor_version_5.pcap"), ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 5, snap, link, recs);
        writePcap(put(m, dir, "minor_version_3.pcap"), ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 3, snap, link, recs);
        // The Client Hello (frame 4, 220 bytes) is longer than this snapshot length.
        writePcap(put(m, dir, "caplen_over_snaplen.pcap"), ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 4, 100, link, recs);
        writePcap(put(m, dir, "big_endian.pcap"), ByteOrder.BIG_ENDIAN, 0xa1b2c3d4, 4, snap, link, recs);
        List<PcapRecord> ns = recs.stream().map(r -> withFrac(r, r.frac() * 1000)).toList();
        writePcap(put(m, dir, "nanoseconds_big_endian.pcap"), ByteOrder.BIG_ENDIAN, 0xa1b23c4d, 4, snap, link, ns);
        writePcap(put(m, dir, "modified_kuznetzov.pcap"), ByteOrder.LITTLE_ENDIAN, 0xa1b2cd34, 4, snap, link, recs);

        List<Block> blocks = pcapngBlocks(ng);
        // if_tsresol with a length of 2: wiretap ignores it (microseconds); libpcap refused the file.
        List<Block> tsresol = new ArrayList<>();
        for (Block k : blocks) {
            if (k.type() == 1) {
                List<Object[]> opts = new ArrayList<>(idbOptions(k.body()).stream().filter(o -> (int) o[0] != 9).toList());
                opts.add(new Object[] {9, new byte[] {6, 0}});
                ByteBuffer b = ByteBuffer.wrap(k.body()).order(ByteOrder.LITTLE_ENDIAN);
                tsresol.add(new Block(1, idb(ByteOrder.LITTLE_ENDIAN, b.getShort(0), b.getInt(4), opts)));
            } else if (k.type() == 6) {
                Epb e = Epb.of(k.body());
                tsresol.add(new Block(6, new Epb(e.interfaceId(), e.ts() / 1000, e.capLen(), e.origLen(), e.data())
                        .body(ByteOrder.LITTLE_ENDIAN)));
            } else {
                tsresol.add(k);
            }
        }
        Files.write(put(m, dir, "if_tsresol_wrong_length.pcapng"), blocks(ByteOrder.LITTLE_ENDIAN, tsresol));
        // Nanoseconds as 2^-30 s units, and an if_tsoffset of an hour.
        List<Block> resol = new ArrayList<>();
        for (Block k : blocks) {
            if (k.type() == 1) {
                List<Object[]> opts = new ArrayList<>(idbOptions(k.body()).stream().filter(o -> (int) o[0] != 9).toList());
                opts.add(new Object[] {9, new byte[] {(byte) (0x80 | 30)}});
                opts.add(new Object[] {14, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(3600).array()});
                ByteBuffer b = ByteBuffer.wrap(k.body()).order(ByteOrder.LITTLE_ENDIAN);
                resol.add(new Block(1, idb(ByteOrder.LITTLE_ENDIAN, b.getShort(0), b.getInt(4), opts)));
            } else if (k.type() == 6) {
                Epb e = Epb.of(k.body());
                long units = java.math.BigInteger.valueOf(e.ts()).shiftLeft(30).divide(java.math.BigInteger.valueOf(1_000_000_000L))
                        .longValue();
                resol.add(new Block(6, new Epb(e.interfaceId(), units, e.capLen(), e.origLen(), e.data())
                        .body(ByteOrder.LITTLE_ENDIAN)));
            } else {
                resol.add(k);
            }
        }
        Files.write(put(m, dir, "binary_resolution_and_offset.pcapng"), blocks(ByteOrder.LITTLE_ENDIAN, resol));
        // Two interfaces, the packets alternating between them (per-packet interface id).
        List<Block> twoIfs = new ArrayList<>();
        int n = 0;
        for (Block k : blocks) {
            twoIfs.add(k.type() == 6 && n++ % 2 == 1 ? withInterface(k, 1) : k);
            if (k.type() == 1) {
                ByteBuffer b = ByteBuffer.wrap(k.body()).order(ByteOrder.LITTLE_ENDIAN);
                twoIfs.add(new Block(1, idb(ByteOrder.LITTLE_ENDIAN, b.getShort(0), b.getInt(4), List.of(
                        new Object[] {2, "eth9".getBytes(java.nio.charset.StandardCharsets.UTF_8)},
                        new Object[] {3, "Second interface".getBytes(java.nio.charset.StandardCharsets.UTF_8)},
                        new Object[] {9, new byte[] {9}}))));
            }
        }
        Files.write(put(m, dir, "two_interfaces.pcapng"), blocks(ByteOrder.LITTLE_ENDIAN, twoIfs));
        Files.write(put(m, dir, "big_endian.pcapng"), rewritePcapng(ng, ByteOrder.BIG_ENDIAN, false));
        Files.write(put(m, dir, "obsolete_packet_blocks.pcapng"), rewritePcapng(ng, ByteOrder.LITTLE_ENDIAN, true));
        // Two sections (cat a.pcapng b.pcapng), the second in the other byte order.
        java.io.ByteArrayOutputStream two = new java.io.ByteArrayOutputStream();
        two.writeBytes(Files.readAllBytes(ng));
        two.writeBytes(rewritePcapng(CAPTURES.resolve("jdk_tls.pcapng"), ByteOrder.BIG_ENDIAN, false));
        Files.write(put(m, dir, "two_sections.pcapng"), two.toByteArray());
        return m;
    }

    /** The variants the libpcap-based reader refused or misread (each a regression test). */
    public static final List<String> LIBPCAP_DEFECTS = List.of("usec_over_a_million.pcap", "minor_version_5.pcap",
            "caplen_over_snaplen.pcap", "if_tsresol_wrong_length.pcapng", "two_sections.pcapng");

    private static Path put(java.util.Map<String, Path> m, Path dir, String name) {
        Path p = dir.resolve(name);
        m.put(name, p);
        return p;
    }

    private static Block withInterface(Block epb, int id) {
        byte[] body = epb.body().clone();
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(0, id);
        return new Block(epb.type(), body);
    }

    private static PcapRecord withFrac(PcapRecord r, long frac) {
        return new PcapRecord(r.sec(), frac, r.incl(), r.orig(), r.data());
    }

    /** Runs a command (e.g. gzip, zstd, lz4) and fails when it does not exit 0 within a minute. */
    public static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
