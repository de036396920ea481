package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PcapngWriter and PcapWriter: what they write reads back the same, byte for byte and to the
 * nanosecond, with our reader (libpcap) and with Wireshark's tools (tshark, capinfos).
 */
class CaptureWritersTest {
    /** LINKTYPE_USER0: tshark shows the bytes as data.data instead of dissecting them. */
    private static final int USER0 = 147;

    @TempDir
    Path dir;

    /** Sizes from 1 byte to jumbo, a frame cut by the snaplen, and nanoseconds that need all 9 digits. */
    private static List<RawFrame> frames(int linkType) {
        Random r = new Random(42);
        int[] sizes = {1, 2, 3, 4, 5, 60, 1514, 9001, 65535};
        List<RawFrame> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] d = new byte[sizes[i]];
            r.nextBytes(d);
            Instant t = Instant.ofEpochSecond(1_700_000_000L + i * 37L, i == 0 ? 0 : 999_999_999L - i * 123_456L);
            int original = i == 5 ? 1500 : d.length; // captured 60 of 1500 bytes
            out.add(new RawFrame(i + 1, t, original, d, linkType, 0, "test0"));
        }
        return out;
    }

    @Test
    void pcapngRoundTrip() throws Exception {
        Path file = dir.resolve("frames.pcapng");
        List<RawFrame> frames = frames(USER0);
        try (PcapngWriter w = new PcapngWriter(file, USER0, "test0")) {
            for (RawFrame f : frames) w.write(f);
            assertEquals(frames.size(), w.count());
        }
        assertSameFrames(frames, file);
        assertTsharkSees(frames, file);
        assertEquals(file + "\tpcapng\tuser0\t" + frames.size() + "\t" + epoch(frames.get(0).time()) + "\t"
                + epoch(frames.get(frames.size() - 1).time()), capinfos(file));
        String info = run("capinfos", file.toString());
        assertTrue(info.contains("Name = test0"), info);
        assertTrue(info.contains("Time precision = nanoseconds (9)"), info);
        assertTrue(info.contains("Capture length = 262144"), info);
        assertTrue(info.contains("Capture application: TLS Lens"), info);
    }

    @Test
    void pcapRoundTrip() throws Exception {
        Path file = dir.resolve("frames.pcap");
        List<RawFrame> frames = frames(USER0);
        try (PcapWriter w = new PcapWriter(file, USER0)) {
            for (RawFrame f : frames) w.write(f);
        }
        byte[] head = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1}, java.util.Arrays.copyOf(head, 4));
        assertSameFrames(frames, file);
        assertTsharkSees(frames, file);
        assertEquals(file + "\tnsecpcap\tuser0\t" + frames.size() + "\t" + epoch(frames.get(0).time()) + "\t"
                + epoch(frames.get(frames.size() - 1).time()), capinfos(file));
    }

    /** A real capture copied through PcapngWriter dissects exactly as the original, in tshark and here. */
    @Test
    void realCaptureSurvivesACopy() throws Exception {
        Path original = Path.of("src/test/resources/captures/tls12_session_id.pcap");
        Path copy = dir.resolve("copy.pcapng");
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(original);
             PcapngWriter w = new PcapngWriter(copy, r.linkType(), null)) {
            for (RawFrame f; (f = r.next()) != null; ) {
                frames.add(f);
                w.write(f);
            }
        }
        assertTrue(frames.size() > 10);
        assertSameFrames(frames, copy);
        String[] fields = {"-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len",
                "-e", "frame.protocols", "-e", "tcp.stream", "-e", "tls.handshake.type", "-e", "tls.record.length"};
        assertEquals(tshark(original, fields), tshark(copy, fields));
    }

    @Test
    void anEmptyCaptureIsStillAFile() throws Exception {
        Path file = dir.resolve("empty.pcapng");
        new PcapngWriter(file, 1, "lo").close();
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            assertEquals(1, r.linkType());
            assertNull(r.next());
            assertNull(r.warning());
        }
        assertEquals(file + "\tpcapng\tether\t0\tn/a\tn/a", capinfos(file));
    }

    @Test
    void framesOfAnotherLinkTypeAreRefused() throws Exception {
        try (PcapngWriter w = new PcapngWriter(dir.resolve("a.pcapng"), 1, null);
             PcapWriter p = new PcapWriter(dir.resolve("a.pcap"), 1)) {
            RawFrame f = new RawFrame(1, Instant.EPOCH, 1, new byte[1], 113, 0, null);
            assertThrows(IOException.class, () -> w.write(f));
            assertThrows(IOException.class, () -> p.write(f));
        }
    }

    /**
     * Past 2262 nanoseconds since 1970 no longer fit a signed long: the writer takes them as
     * Wireshark's does (an unsigned 64-bit count), so the frames keep their time in our reader and in
     * tshark's, and tshark writing the same frames puts the very same time stamp words in its blocks.
     */
    @Test
    void timesPast2262AreWrittenAsTsharkWritesThem() throws Exception {
        Path file = dir.resolve("future.pcapng");
        List<RawFrame> frames = new ArrayList<>();
        String[] times = {"2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775808Z",
                "2300-01-01T00:00:00.123456789Z", "2554-07-21T23:34:33.709551615Z"};
        for (String t : times) {
            frames.add(new RawFrame(frames.size() + 1, Instant.parse(t), 4, new byte[] {1, 2, 3, 4}, USER0, 0, "test0"));
        }
        try (PcapngWriter w = new PcapngWriter(file, USER0, "test0")) {
            for (RawFrame f : frames) w.write(f);
        }
        assertSameFrames(frames, file);
        assertTsharkSees(frames, file);
        Path theirs = dir.resolve("future-tshark.pcapng");
        run("tshark", "-r", file.toString(), "-F", "pcapng", "-w", theirs.toString());
        List<Long> ours = epbTimes(file);
        assertEquals(frames.size(), ours.size());
        assertEquals(epbTimes(theirs), ours);
        assertEquals(Long.MIN_VALUE, ours.get(1)); // 2^63 ns: a negative long, an unsigned time stamp
    }

    /** The 64-bit time stamp of each Enhanced Packet Block (little-endian files, as both write here). */
    private static List<Long> epbTimes(Path file) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>();
        for (int at = 0; at + 12 <= b.limit(); ) {
            int type = b.getInt(at);
            int length = b.getInt(at + 4);
            if (type == 6) out.add(((long) b.getInt(at + 12) << 32) | (b.getInt(at + 16) & 0xffffffffL));
            at += length;
        }
        return out;
    }

    private static void assertSameFrames(List<RawFrame> expected, Path file) throws CaptureException {
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            assertEquals(expected.get(0).linkType(), r.linkType());
            for (RawFrame e : expected) {
                RawFrame f = r.next();
                assertNotNull(f, "missing frame " + e.number());
                assertEquals(e.number(), f.number());
                assertEquals(e.time(), f.time(), "time of frame " + e.number());
                assertEquals(e.originalLength(), f.originalLength(), "length of frame " + e.number());
                assertArrayEquals(e.data(), f.data(), "bytes of frame " + e.number());
            }
            assertNull(r.next());
            assertNull(r.warning());
        }
    }

    private static void assertTsharkSees(List<RawFrame> frames, Path file) throws Exception {
        StringBuilder expected = new StringBuilder();
        for (RawFrame f : frames) {
            expected.append(f.number()).append('\t').append(epoch(f.time())).append('\t').append(f.originalLength())
                    .append('\t').append(f.data().length).append('\t').append(HexFormat.of().formatHex(f.data()))
                    .append('\n');
        }
        assertEquals(expected.toString(), tshark(file, "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch",
                "-e", "frame.len", "-e", "frame.cap_len", "-e", "data.data"));
    }

    /** tshark's frame.time_epoch: seconds, a dot, 9 digits. */
    private static String epoch(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    private static String tshark(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Table, no header: name, type, encapsulation, packets, first and last time (epoch). */
    private static String capinfos(Path file) throws Exception {
        return run("capinfos", "-T", "-r", "-t", "-E", "-c", "-a", "-e", "-S", "-M", file.toString()).strip();
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed");
        return new String(out, StandardCharsets.UTF_8);
    }
}
