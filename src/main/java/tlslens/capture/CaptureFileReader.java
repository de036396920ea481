package tlslens.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads capture files of our own, forward only from a stream, so that pipes, FIFOs and standard
 * input ({@code -}) read as files do, and compressed files (gzip, zstd, LZ4 frames, see
 * {@link CaptureSource}) as plain ones. Formats, as Wireshark's wiretap reads them:
 * <ul>
 * <li>pcap: either byte order, microsecond and nanosecond magics, Kuznetzov's modified pcap
 *   (8 more bytes per record); any 2.x version (2.3 and older may have the two lengths swapped,
 *   as wiretap assumes); a microseconds field of a million or more carries into the seconds; a
 *   record longer than the snapshot length is read whole;</li>
 * <li>pcapng: several sections of either byte order; interfaces with {@code if_tsresol} (one
 *   byte; any other length is ignored, as by wiretap, leaving microseconds), {@code if_tsoffset},
 *   {@code if_name}, {@code if_description}; Enhanced, Simple and obsolete Packet Blocks with their
 *   interface's link type and id; Decryption Secrets Blocks kept; other blocks skipped.</li>
 * </ul>
 * Memory is bounded: no record is believed beyond {@link #MAX_PACKET} bytes (Wireshark's
 * WTAP_MAX_PACKET_SIZE_STANDARD), and a length claim allocates nothing before its bytes are there.
 * A file cut short yields every complete frame, then {@link #warning()} says so in tshark's words;
 * damage stops the reading with a warning that says what was wrong and how many frames were read.
 * Live capture and writing stay with libpcap (pcap4j).
 */
public final class CaptureFileReader implements Closeable {
    /** The longest frame read (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD): a longer claim is damage. */
    public static final int MAX_PACKET = 262144;
    /** Non-packet pcapng blocks (interfaces) longer than this are damage. */
    private static final int MAX_META_BLOCK = 1 << 20;
    /** A Decryption Secrets Block longer than this is skipped, not read. */
    private static final int MAX_SECRETS = 64 << 20;

    static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1, PB = 2, SPB = 3, EPB = 6;
    private static final int BUF = 1 << 18;

    private final String name;
    private final Path file;
    private final InputStream in;
    private final CaptureSource.Compression compression;
    private final byte[] buf = new byte[BUF];
    private int pos, lim;
    private boolean eof;

    private boolean pcapng;
    private boolean big;
    // pcap
    private int pcapLinkType;
    private boolean pcapNanos;
    private int pcapExtra;
    private int lengthsSwapped; // 0 no, 1 maybe (2.3), 2 yes (older)
    // pcapng
    private int section;
    private final List<Iface> sectionIfaces = new ArrayList<>();
    private final List<CaptureInterface> interfaces = new CopyOnWriteArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private int firstLinkType = -1;
    private int firstDigits = -1;

    private RawFrame pending;
    /** Whether the file's (compressed) bytes have all been read: a decoder's complaint then means cut short. */
    private CaptureSource.EndSeen end;
    private int number;
    private String warning;
    private boolean done;

    /** One interface of the current pcapng section. */
    private record Iface(int linkType, long snaplen, long unitsPerSecond, long offsetSeconds) {}

    private CaptureFileReader(String name, Path file, InputStream in, CaptureSource.Compression compression) {
        this.name = name;
        this.file = file;
        this.in = in;
        this.compression = compression;
    }

    /** Opens {@code file}; "-" is standard input, as in tshark. */
    public static CaptureFileReader open(Path file) throws CaptureException {
        String name = file.toString();
        if (name.equals("-")) return open(new FileInputStream(FileDescriptor.in), "-", null);
        if (!Files.exists(file)) throw new CaptureException("The file \"" + name + "\" doesn't exist.");
        if (Files.isDirectory(file)) throw new CaptureException("\"" + name + "\" is a directory, not a capture file.");
        if (!Files.isReadable(file)) {
            throw new CaptureException("The file \"" + name + "\" can't be opened: permission denied.");
        }
        InputStream raw;
        try {
            // A FIFO blocks here until its writer opens it, as in tshark.
            raw = new FileInputStream(file.toFile());
        } catch (IOException e) {
            throw new CaptureException("The file \"" + name + "\" can't be opened: " + e.getMessage(), e);
        }
        return open(raw, name, file);
    }

    /**
     * Reads a capture from a stream (closed with the reader); {@code name} is what messages call it,
     * {@code file} the file it comes from (null: none, e.g. standard input).
     */
    public static CaptureFileReader open(InputStream raw, String name, Path file) throws CaptureException {
        CaptureFileReader r = null;
        try {
            CaptureSource.EndSeen end = new CaptureSource.EndSeen(raw);
            var b = CaptureSource.buffered(end);
            CaptureSource.Compression c = CaptureSource.sniff(b);
            r = new CaptureFileReader(name, file, CaptureSource.decompress(b, c), c);
            r.end = end;
            r.readHeader();
            return r;
        } catch (IOException | RuntimeException e) {
            // aircompressor's zstd decoder reports a damaged frame with an unchecked MalformedInputException.
            if (e instanceof RuntimeException && (r == null || r.compression.label == null)) throw (RuntimeException) e;
            closeQuietly(r == null ? raw : r.in);
            String detail = e instanceof IOException io ? describe(io) : String.valueOf(e.getMessage());
            String what = r == null || r.compression.label == null ? detail
                    : "its " + r.compression.label + "-compressed data is " + (r.end.seen() ? "cut short" : "damaged")
                    + " (" + detail + ")";
            throw new CaptureException("The file \"" + name + "\" can't be read: " + what + ".", e);
        } catch (CaptureException e) {
            closeQuietly(r == null ? raw : r.in);
            throw e;
        }
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing to add to the message already given.
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private String compressed() {
        return compression.label == null ? "" : " " + compression.label + "-compressed";
    }

    private CaptureException notCapture(String why) {
        return new CaptureException("The file \"" + name + "\" isn't a capture file in a format TLS Lens understands ("
                + why + ").");
    }

    private void readHeader() throws IOException, CaptureException {
        if (!ensure(4)) {
            throw notCapture(lim - pos == 0 && compression.label == null ? "it is empty; pcap or pcapng expected"
                    : "it is too short" + (compression.label == null ? "" : " after" + compressed() + " data"));
        }
        int be = u32be(pos);
        switch (be) {
            case 0xa1b2c3d4: case 0xa1b23c4d: case 0xa1b2cd34: big = true; break;
            case 0xd4c3b2a1: case 0x4d3cb2a1: case 0x34cdb2a1: big = false; break;
            case SHB: pcapng = true; break;
            default:
                throw notCapture("pcap or pcapng expected" + (compression.label == null ? "" : " in the" + compressed()
                        + " data"));
        }
        if (pcapng) {
            // The section header and the interfaces come before the first packet: read up to it, so
            // that interfaces(), linkType() and the embedded secrets are known before next().
            if (!ensure(12)) throw notCapture("it is too short");
            int bom = u32be(pos + 8);
            if (bom != 0x1A2B3C4D && bom != 0x4D3C2B1A) throw notCapture("a pcapng section header with a bad byte-order mark");
            pending = readFrame();
            return;
        }
        if (!ensure(24)) throw notCapture("its pcap header is cut short");
        int magic = u32(pos);
        pcapNanos = magic == 0xa1b23c4d;
        pcapExtra = magic == 0xa1b2cd34 ? 8 : 0;
        int major = u16(pos + 4), minor = u16(pos + 6);
        if (major < 2) throw notCapture("pcap version " + major + "." + minor + " is not supported");
        lengthsSwapped = major == 2 && minor < 3 ? 2 : major == 2 && minor == 3 ? 1 : 0;
        pcapLinkType = u32(pos + 20) & 0x03FFFFFF;
        pos += 24;
    }

    /** The link type of the file (pcap) or of its first interface (pcapng); per frame see {@link RawFrame#linkType()}. */
    public int linkType() { return pcapng ? (firstLinkType < 0 ? 1 : firstLinkType) : pcapLinkType; }

    /**
     * Decimals of the file's time stamps: 6 or 9 by the pcap magic; for pcapng the first
     * interface's {@code if_tsresol} (10^-n, or 2^-n given as decimals), 6 without one.
     */
    public int timestampDecimals() {
        if (!pcapng) return pcapNanos ? 9 : 6;
        return firstDigits < 0 ? 6 : firstDigits;
    }

    /** The compression the file was read through ("gzip", "zstd", "lz4"), or null. */
    public String compression() { return compression.label; }

    /**
     * The pcapng file's interfaces (names for the frame tree), every section's in order, each with
     * its section and id; empty for a pcap file. Those of later sections join as they are read.
     */
    public List<CaptureInterface> interfaces() { return Collections.unmodifiableList(interfaces); }

    /**
     * The TLS key logs embedded in the file's Decryption Secrets Blocks (pcapng; empty for pcap or
     * none), in file order: NSS key log text for the engine's secrets (tshark uses them unasked).
     * For a plain file on disk all of them (a walk over block headers); for a compressed file, a
     * pipe or standard input those met before the first packet, which is where {@code editcap
     * --inject-secrets} puts them.
     */
    public List<String> decryptionSecrets() {
        if (file != null && compression == CaptureSource.Compression.NONE && Files.isRegularFile(file)) {
            return DecryptionSecrets.tlsKeyLogs(file);
        }
        return List.copyOf(secrets);
    }

    /** The key logs of the Decryption Secrets Blocks read so far, in file order. */
    List<String> secretsRead() { return List.copyOf(secrets); }

    /** The next frame, or null at the end of the file (or at the damage, see {@link #warning()}). */
    public RawFrame next() {
        if (pending != null) {
            RawFrame f = pending;
            pending = null;
            return f;
        }
        if (done) return null;
        return readFrame();
    }

    /** A message about damage found while reading, or null. */
    public String warning() { return warning; }

    /**
     * Bytes of the file read so far, as stored (compressed ones for a compressed file; read ahead of
     * the frames returned by up to a buffer): a load's progress against the file's size. Any thread.
     */
    public long bytesRead() { return end == null ? 0 : end.count(); }

    @Override
    public void close() {
        done = true;
        closeQuietly(in);
    }

    // ------------------------------------------------------------------ records

    private RawFrame readFrame() {
        try {
            return pcapng ? nextPcapng() : nextPcap();
        } catch (CutShort e) {
            return stop("The file \"" + name + "\" appears to have been cut short in the middle of a packet.");
        } catch (Damage e) {
            return stop("The file \"" + name + "\" appears to be damaged or corrupt (" + e.getMessage() + "); "
                    + number + " packets were read.");
        } catch (EOFException e) {
            // A compressed stream that ends early (gzip: "Unexpected end of ZLIB input stream").
            return stop("The file \"" + name + "\" appears to have been cut short in the middle of a packet.");
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException && end != null && end.seen()) {
                // The decoder ran out of input ("Premature end of stream", "Not enough input bytes").
                return stop("The file \"" + name + "\" appears to have been cut short in the middle of a packet.");
            }
            String what = e instanceof IOException io ? describe(io) : e.toString();
            return stop("The file \"" + name + "\" appears to be damaged or corrupt ("
                    + (compression.label == null ? "" : compression.label + " data: ") + what + "); "
                    + number + " packets were read.");
        }
    }

    private RawFrame stop(String message) {
        done = true;
        warning = message;
        return null;
    }

    private static final class CutShort extends IOException {
        CutShort() { super("cut short"); }
    }

    private static final class Damage extends IOException {
        Damage(String m) { super(m); }
    }

    private RawFrame nextPcap() throws IOException {
        int head = 16 + pcapExtra;
        if (!ensure(head)) {
            if (lim - pos == 0) {
                done = true;
                return null;
            }
            throw new CutShort();
        }
        long sec = u32(pos) & 0xffffffffL;
        long frac = u32(pos + 4) & 0xffffffffL;
        long incl = u32(pos + 8) & 0xffffffffL;
        long orig = u32(pos + 12) & 0xffffffffL;
        pos += head;
        if (lengthsSwapped == 2 || lengthsSwapped == 1 && incl > orig) {
            long t = incl;
            incl = orig;
            orig = t;
        }
        if (incl > MAX_PACKET) {
            throw new Damage("pcap: a record claims " + incl + " bytes, more than the " + MAX_PACKET
                    + " a frame can have (Wireshark's limit too)");
        }
        byte[] data = new byte[(int) incl];
        readFully(data);
        // A microseconds field of a million or more carries into the seconds (Instant adds it up).
        Instant t = Instant.ofEpochSecond(sec, pcapNanos ? frac : frac * 1000);
        number++;
        return new RawFrame(number, t, (int) Math.min(orig, Integer.MAX_VALUE), data, pcapLinkType, 0, null);
    }

    private RawFrame nextPcapng() throws IOException {
        while (true) {
            if (!ensure(8)) {
                if (lim - pos == 0) {
                    done = true;
                    return null;
                }
                throw new CutShort();
            }
            int rawType = u32be(pos);
            if (rawType == SHB) {
                if (!ensure(12)) throw new CutShort();
                int bom = u32be(pos + 8);
                if (bom == 0x1A2B3C4D) big = true;
                else if (bom == 0x4D3C2B1A) big = false;
                else throw new Damage("pcapng: a section header with a bad byte-order mark");
            }
            int type = u32(pos);
            long len = u32(pos + 4) & 0xffffffffL;
            if (len < 12 || len % 4 != 0) {
                throw new Damage("pcapng: a block of type 0x" + Integer.toHexString(type) + " with a length of " + len);
            }
            switch (type) {
                case SHB: section(len); break;
                case IDB: interfaceBlock(len); break;
                case EPB: case PB: case SPB: return packet(type, len);
                case DecryptionSecrets.BLOCK_TYPE: secretsBlock(len); break;
                default: skip(len);
            }
        }
    }

    private void section(long len) throws IOException {
        if (len < 28) throw new Damage("pcapng: a section header of " + len + " bytes");
        section++;
        sectionIfaces.clear();
        skip(len);
    }

    private void interfaceBlock(long len) throws IOException {
        if (len < 20) throw new Damage("pcapng: an interface description of " + len + " bytes");
        if (len > MAX_META_BLOCK) throw new Damage("pcapng: an interface description claims " + len + " bytes");
        byte[] b = readBlock((int) len);
        int linkType = u16(b, 8);
        long snaplen = u32(b, 12) & 0xffffffffL;
        long units = 1_000_000;
        long offset = 0;
        int digits = 6;
        String ifName = null, description = null;
        int p = 16, end = b.length - 4;
        while (p + 4 <= end) {
            int code = u16(b, p), olen = u16(b, p + 2);
            if (code == 0 || p + 4 + olen > end) break;
            int v = p + 4;
            switch (code) {
                case 2: ifName = text(b, v, olen); break;
                case 3: description = text(b, v, olen); break;
                case 9:
                    if (olen == 1) { // wiretap ignores any other length, keeping microseconds
                        int r = b[v] & 0xff;
                        int exp = r & 0x7f;
                        if ((r & 0x80) != 0) {
                            units = exp >= 63 ? Long.MIN_VALUE : 1L << exp; // MIN_VALUE: 2^63 as unsigned
                            digits = (int) Math.ceil(exp * Math.log10(2));
                        } else {
                            units = exp > 18 ? 0 : pow10(exp);
                            digits = exp;
                        }
                    }
                    break;
                case 14:
                    if (olen == 8) offset = big ? u64be(b, v) : Long.reverseBytes(u64be(b, v));
                    break;
                default: break;
            }
            p += 4 + ((olen + 3) & ~3);
        }
        if (units == 0) throw new Damage("pcapng: an interface's time resolution is finer than 10^-18 s");
        if (firstLinkType < 0) {
            firstLinkType = linkType;
            firstDigits = digits <= 3 ? Math.max(0, digits) : digits <= 6 ? 6 : 9;
        }
        interfaces.add(new CaptureInterface(section, sectionIfaces.size(), ifName, description));
        sectionIfaces.add(new Iface(linkType, snaplen, units, offset));
    }

    private void secretsBlock(long len) throws IOException {
        if (len < 20 || len - 20 > MAX_SECRETS) {
            skip(len);
            return;
        }
        byte[] b = readBlock((int) len);
        int type = u32(b, 8);
        long secretsLen = u32(b, 12) & 0xffffffffL;
        if (type == DecryptionSecrets.TLS_KEY_LOG && secretsLen <= len - 20) {
            secrets.add(new String(b, 16, (int) secretsLen, StandardCharsets.ISO_8859_1));
        }
    }

    private RawFrame packet(int type, long len) throws IOException {
        int fixed = type == SPB ? 12 : 28;
        if (len < fixed + 4) throw new Damage("pcapng: a packet block of " + len + " bytes");
        if (!ensure(fixed)) throw new CutShort();
        int iid;
        long ts = 0, cap, orig;
        if (type == SPB) {
            iid = 0;
            orig = u32(pos + 8) & 0xffffffffL;
            cap = Math.min(orig, len - 16);
        } else {
            iid = type == PB ? u16(pos + 8) : u32(pos + 8);
            ts = (long) u32(pos + 12) << 32 | (u32(pos + 16) & 0xffffffffL);
            cap = u32(pos + 20) & 0xffffffffL;
            orig = u32(pos + 24) & 0xffffffffL;
            if (cap > len - 32) {
                throw new Damage("pcapng: a packet's captured length " + cap + " is more than its block holds");
            }
        }
        if (iid < 0 || iid >= sectionIfaces.size()) {
            throw new Damage("pcapng: a packet names interface " + (iid & 0xffffffffL) + ", but section " + section
                    + " has " + sectionIfaces.size());
        }
        Iface iface = sectionIfaces.get(iid);
        if (type == SPB && iface.snaplen() > 0) cap = Math.min(cap, iface.snaplen());
        if (cap > MAX_PACKET) {
            throw new Damage("pcapng: a packet claims " + cap + " bytes, more than the " + MAX_PACKET
                    + " a frame can have (Wireshark's limit too)");
        }
        pos += fixed;
        byte[] data = new byte[(int) cap];
        readFully(data);
        skip(len - fixed - cap);
        number++;
        Instant t = type == SPB ? Instant.EPOCH : time(ts, iface);
        return new RawFrame(number, t, (int) Math.min(orig, Integer.MAX_VALUE), data, iface.linkType(), iid, null,
                section);
    }

    /** A pcapng time stamp ({@code ts} units of the interface's resolution, unsigned) as an instant. */
    private static Instant time(long ts, Iface iface) {
        long units = iface.unitsPerSecond();
        long sec, nanos;
        if (units == Long.MIN_VALUE) { // 2^63 units a second: (ts mod 2^63) * 10^9 / 2^63
            sec = ts >>> 63;
            nanos = Math.multiplyHigh(ts & Long.MAX_VALUE, 2_000_000_000L);
        } else {
            sec = Long.divideUnsigned(ts, units);
            long frac = Long.remainderUnsigned(ts, units);
            nanos = units <= 1_000_000_000L ? frac * 1_000_000_000L / units : fracToNanos(frac, units);
        }
        if (sec < 0) sec = Long.MAX_VALUE; // one unit a second and a count above 2^63
        long off = iface.offsetSeconds();
        sec = off > 0 && sec > Long.MAX_VALUE - off ? Long.MAX_VALUE : sec + off;
        // Beyond what an Instant holds: the nearest that can be shown.
        sec = Math.max(Instant.MIN.getEpochSecond() + 1, Math.min(Instant.MAX.getEpochSecond() - 1, sec));
        return Instant.ofEpochSecond(sec, nanos);
    }

    /** {@code frac * 10^9 / units} without overflow (frac &lt; units, units above 10^9). */
    private static long fracToNanos(long frac, long units) {
        return java.math.BigInteger.valueOf(frac).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .divide(java.math.BigInteger.valueOf(units)).longValue();
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) v *= 10;
        return v;
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8).replace("\0", "");
    }

    // ------------------------------------------------------------------ bytes

    /** A whole block of {@code len} bytes (its header included) from the buffer and the stream. */
    private byte[] readBlock(int len) throws IOException {
        if (len <= BUF) {
            if (!ensure(len)) throw new CutShort();
            byte[] b = new byte[len];
            System.arraycopy(buf, pos, b, 0, len);
            pos += len;
            return b;
        }
        int have = lim - pos;
        byte[] rest = in.readNBytes(len - have); // grows with what is there, never to the claim at once
        if (rest.length < len - have) throw new CutShort();
        byte[] b = new byte[len];
        System.arraycopy(buf, pos, b, 0, have);
        System.arraycopy(rest, 0, b, have, rest.length);
        pos = lim;
        return b;
    }

    /** Whether {@code n} (at most the buffer's size) bytes are buffered, reading as needed. */
    private boolean ensure(int n) throws IOException {
        if (lim - pos >= n) return true;
        if (eof) return false;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
                return false;
            }
            lim += r;
        }
        return true;
    }

    private void readFully(byte[] dst) throws IOException {
        int have = Math.min(lim - pos, dst.length);
        System.arraycopy(buf, pos, dst, 0, have);
        pos += have;
        int off = have;
        while (off < dst.length) {
            int r = in.read(dst, off, dst.length - off);
            if (r < 0) {
                eof = true;
                throw new CutShort();
            }
            off += r;
        }
    }

    /** Skips {@code n} bytes by reading them: a pipe can't seek. */
    private void skip(long n) throws IOException {
        while (n > 0) {
            if (lim - pos == 0 && !ensure(1)) throw new CutShort();
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    private int u32(int p) { return u32(buf, p); }

    private int u16(int p) { return u16(buf, p); }

    private int u32be(int p) {
        return (buf[p] & 0xff) << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
    }

    private int u32(byte[] b, int p) {
        return big ? (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff)
                : (b[p + 3] & 0xff) << 24 | (b[p + 2] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p] & 0xff);
    }

    private int u16(byte[] b, int p) {
        return big ? (b[p] & 0xff) << 8 | (b[p + 1] & 0xff) : (b[p + 1] & 0xff) << 8 | (b[p] & 0xff);
    }

    private static long u64be(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[p + i] & 0xff);
        return v;
    }
}
