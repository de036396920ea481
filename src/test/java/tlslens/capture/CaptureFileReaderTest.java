package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file reader on the files libpcap refused or misread (made at test time from our captures by
 * {@link CaptureFileReader}), on the formats' variants, on compressed files made by Debian's gzip,
 * zstd and lz4 commands, and on damage: every frame of the source comes out with its bytes and
 * time, and memory follows the bytes that are there, not the lengths claimed.
 */
class CaptureFileReaderTest {
    @TempDir static Path dir;
    private static Map<String, Path> variants;
    private static final Path PCAP = CaptureCraft.CAPTURES.resolve("tls12_session_id.pcap");
    private static final Path PCAPNG = CaptureCraft.CAPTURES.resolve("tls12_aead.pcapng");

    @BeforeAll
    static void craft() throws IOException {
        variants = CaptureCraft.variants(dir);
    }

    static List<RawFrame> readAll(Path file) throws CaptureException {
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            List<RawFrame> out = new ArrayList<>();
            RawFrame f;
            while ((f = r.next()) != null) out.add(f);
            assertNull(r.warning(), file + ": " + r.warning());
            return out;
        }
    }

    private static void assertSameFrames(List<RawFrame> expected, List<RawFrame> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": frames");
        for (int i = 0; i < expected.size(); i++) {
            RawFrame e = expected.get(i), a = actual.get(i);
            assertArrayEquals(e.data(), a.data(), what + ": bytes of frame " + (i + 1));
            assertEquals(e.originalLength(), a.originalLength(), what + ": length of frame " + (i + 1));
            assertEquals(e.time(), a.time(), what + ": time of frame " + (i + 1));
            assertEquals(e.linkType(), a.linkType(), what + ": link type of frame " + (i + 1));
        }
    }

    @Test
    void aMicrosecondsFieldOfAMillionOrMoreCarriesIntoTheSeconds() throws Exception {
        // pcap4j threw IllegalArgumentException (Timestamp.setNanos) here and ended the run.
        List<CaptureCraft.PcapRecord> src = CaptureCraft.pcapRecords(PCAP);
        List<RawFrame> frames = readAll(variants.get("usec_over_a_million.pcap"));
        assertEquals(src.size(), frames.size());
        assertEquals(Instant.ofEpochSecond(src.get(1).sec()).plusMillis(1500), frames.get(1).time());
        assertEquals(Instant.ofEpochSecond(src.get(3).sec()).plusSeconds(2), frames.get(3).time());
        assertEquals(Instant.ofEpochSecond(src.get(2).sec(), src.get(2).frac() * 1000), frames.get(2).time());
    }

    @Test
    void anyPcapMinorVersionIsRead() throws Exception {
        // libpcap refused version 2.5 ("unsupported pcap savefile version").
        List<RawFrame> plain = readAll(PCAP);
        assertSameFrames(plain, readAll(variants.get("minor_version_5.pcap")), "2.5");
        assertSameFrames(plain, readAll(variants.get("minor_version_3.pcap")), "2.3");
    }

    @Test
    void aRecordLongerThanTheSnapshotLengthIsReadWhole() throws Exception {
        // libpcap cut it to the 100-byte snaplen: the Client Hello was lost.
        List<RawFrame> plain = readAll(PCAP);
        assertTrue(plain.stream().anyMatch(f -> f.data().length > 100), "the capture has frames over 100 bytes");
        assertSameFrames(plain, readAll(variants.get("caplen_over_snaplen.pcap")), "snaplen 100");
    }

    @Test
    void anIfTsresolOfTheWrongLengthIsIgnoredAsByWiretap() throws Exception {
        // libpcap refused the whole file; wiretap ignores the option and reads microseconds.
        List<RawFrame> plain = readAll(PCAPNG);
        List<RawFrame> frames = readAll(variants.get("if_tsresol_wrong_length.pcapng"));
        assertEquals(plain.size(), frames.size());
        for (int i = 0; i < plain.size(); i++) {
            Instant t = plain.get(i).time();
            assertEquals(t.minusNanos(t.getNano() % 1000), frames.get(i).time(), "frame " + (i + 1));
            assertArrayEquals(plain.get(i).data(), frames.get(i).data());
        }
    }

    @Test
    void formatVariantsGiveTheSameFrames() throws Exception {
        List<RawFrame> pcap = readAll(PCAP);
        for (String v : List.of("big_endian.pcap", "nanoseconds_big_endian.pcap", "modified_kuznetzov.pcap")) {
            assertSameFrames(pcap, readAll(variants.get(v)), v);
        }
        List<RawFrame> ng = readAll(PCAPNG);
        for (String v : List.of("big_endian.pcapng", "obsolete_packet_blocks.pcapng")) {
            assertSameFrames(ng, readAll(variants.get(v)), v);
        }
        // 2^-30 s units and an if_tsoffset of 3600 s: the same instants an hour later (to the unit).
        List<RawFrame> shifted = readAll(variants.get("binary_resolution_and_offset.pcapng"));
        assertEquals(ng.size(), shifted.size());
        for (int i = 0; i < ng.size(); i++) {
            long diff = Duration.between(ng.get(i).time().plusSeconds(3600), shifted.get(i).time()).toNanos();
            assertTrue(diff <= 0 && diff > -2, "frame " + (i + 1) + " is off by " + diff + " ns");
        }
    }

    @Test
    void severalSectionsKeepTheirInterfacesAndIds() throws Exception {
        // libpcap read the first section only.
        List<RawFrame> first = readAll(PCAPNG);
        List<RawFrame> second = readAll(CaptureCraft.CAPTURES.resolve("jdk_tls.pcapng"));
        try (CaptureFileReader r = CaptureFileReader.open(variants.get("two_sections.pcapng"))) {
            List<RawFrame> all = new ArrayList<>();
            RawFrame f;
            while ((f = r.next()) != null) all.add(f);
            assertNull(r.warning());
            assertEquals(first.size() + second.size(), all.size());
            assertSameFrames(second, all.subList(first.size(), all.size()), "second section");
            assertEquals(1, all.get(0).section());
            assertEquals(2, all.get(all.size() - 1).section());
            assertEquals(0, all.get(all.size() - 1).interfaceId());
            List<CaptureInterface> ifs = r.interfaces();
            assertEquals(2, ifs.size());
            assertNotNull(CaptureInterface.find(ifs, 2, 0));
            assertEquals("lo", CaptureInterface.find(ifs, 2, 0).name());
        }
    }

    @Test
    void compressedFilesMadeByGzipZstdAndLz4ReadAsThePlainOnes() throws Exception {
        for (Path src : List.of(PCAP, PCAPNG)) {
            List<RawFrame> plain = readAll(src);
            Path copy = dir.resolve("c-" + src.getFileName());
            Files.copy(src, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            CaptureCraft.run("gzip", "-kf", copy.toString());
            CaptureCraft.run("zstd", "-qf", copy.toString(), "-o", copy + ".zst");
            CaptureCraft.run("lz4", "-qf", copy.toString(), copy + ".lz4");
            for (String ext : List.of(".gz", ".zst", ".lz4")) {
                Path c = Path.of(copy + ext);
                assertSameFrames(plain, readAll(c), c.getFileName().toString());
                try (CaptureFileReader r = CaptureFileReader.open(c)) {
                    assertEquals(Map.of(".gz", "gzip", ".zst", "zstd", ".lz4", "lz4").get(ext), r.compression());
                }
                // Cut short inside the compressed data: the frames before, then tshark's warning.
                byte[] whole = Files.readAllBytes(c);
                Path cut = dir.resolve("cut-" + c.getFileName());
                Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
                // gzip decodes as bytes come; zstd and lz4 a block at a time (128 kB, 4 MB): a small
                // file is one block, and a cut block gives nothing, which is said when opening.
                String problem;
                int n = 0;
                try (CaptureFileReader r = CaptureFileReader.open(cut)) {
                    RawFrame f;
                    while ((f = r.next()) != null) {
                        assertArrayEquals(plain.get(n).data(), f.data());
                        n++;
                    }
                    problem = r.warning();
                } catch (CaptureException e) {
                    problem = e.getMessage();
                }
                assertTrue(n < plain.size() && (n > 0 || !ext.equals(".gz")), cut + ": " + n + " frames");
                assertNotNull(problem, cut.toString());
                assertTrue(problem.contains("cut short"), problem);
            }
        }
    }

    @Test
    void aStreamReadsAsTheFile() throws Exception {
        for (Path src : List.of(PCAP, PCAPNG, variants.get("two_sections.pcapng"))) {
            List<RawFrame> plain = readAll(src);
            try (CaptureFileReader r = CaptureFileReader.open(new ByteArrayInputStream(Files.readAllBytes(src)), "-", null)) {
                List<RawFrame> got = new ArrayList<>();
                RawFrame f;
                while ((f = r.next()) != null) got.add(f);
                assertSameFrames(plain, got, "stream of " + src.getFileName());
            }
        }
    }

    /** Bytes this thread allocated while {@code r} ran. */
    private static long allocated(IOAction r) throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        r.run();
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    interface IOAction {
        void run() throws Exception;
    }

    @Test
    void lengthClaimsAreCappedAndAllocateNothingLarge() throws Exception {
        List<CaptureCraft.PcapRecord> src = CaptureCraft.pcapRecords(PCAP);
        // pcap: five good records, then one that claims 4 GiB.
        List<CaptureCraft.PcapRecord> recs = new ArrayList<>(src.subList(0, 5));
        recs.add(new CaptureCraft.PcapRecord(src.get(5).sec(), 0, 0xFFFFFFFFL, 0xFFFFFFFFL, new byte[64]));
        Path huge = dir.resolve("huge-claim.pcap");
        CaptureCraft.writePcap(huge, ByteOrder.LITTLE_ENDIAN, 0xa1b2c3d4, 4, 262144, 1, recs);
        long bytes = allocated(() -> {
            try (CaptureFileReader r = CaptureFileReader.open(huge)) {
                int n = 0;
                while (r.next() != null) n++;
                assertEquals(5, n);
                assertTrue(r.warning().contains("damaged or corrupt") && r.warning().contains("4294967295")
                        && r.warning().contains(String.valueOf(CaptureFileReader.MAX_PACKET))
                        && r.warning().endsWith("5 packets were read."), r.warning());
            }
        });
        assertTrue(bytes < 8 << 20, "allocated " + bytes + " bytes");

        // pcapng: a Decryption Secrets Block and an unknown block claiming ~60 MB in a small file,
        // and an interface description claiming 4 GiB.
        List<CaptureCraft.Block> blocks = CaptureCraft.pcapngBlocks(PCAPNG);
        byte[] head = CaptureCraft.blocks(ByteOrder.LITTLE_ENDIAN, blocks.subList(0, 3));
        for (int type : new int[] {DecryptionSecrets.BLOCK_TYPE, 0x0BAD, 1}) {
            ByteBuffer claim = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            claim.putInt(type).putInt(type == 1 ? 0xFFFFFFFC : 60 << 20).putInt(DecryptionSecrets.TLS_KEY_LOG).putInt(60 << 20);
            Path f = dir.resolve("claim-" + type + ".pcapng");
            Files.write(f, concat(head, claim.array()));
            long b = allocated(() -> {
                try (CaptureFileReader r = CaptureFileReader.open(f)) {
                    int n = 0;
                    while (r.next() != null) n++;
                    assertEquals(1, n, f.toString()); // the one packet block before the claim
                    assertNotNull(r.warning(), f.toString());
                    assertEquals(List.of(), r.decryptionSecrets().stream().filter(s -> s.length() > 1000).toList());
                }
            });
            assertTrue(b < 8 << 20, f + ": allocated " + b + " bytes");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void embeddedSecretsAreFoundInCompressedFiles() throws Exception {
        // A pcapng with a Decryption Secrets Block, then gzip: the secrets come from the stream.
        Path withKeys = dir.resolve("keys.pcapng");
        List<CaptureCraft.Block> blocks = new ArrayList<>(CaptureCraft.pcapngBlocks(PCAPNG));
        String keyLog = Files.readString(CaptureCraft.CAPTURES.resolve("tls12_aead.keylog"));
        byte[] dsb = DecryptionSecrets.tlsKeyLogBlock(keyLog);
        blocks.add(2, new CaptureCraft.Block(DecryptionSecrets.BLOCK_TYPE, Arrays.copyOfRange(dsb, 8, dsb.length - 4)));
        Files.write(withKeys, CaptureCraft.blocks(ByteOrder.LITTLE_ENDIAN, blocks));
        CaptureCraft.run("gzip", "-kf", withKeys.toString());
        try (CaptureFileReader plain = CaptureFileReader.open(withKeys);
             CaptureFileReader gz = CaptureFileReader.open(Path.of(withKeys + ".gz"))) {
            assertEquals(List.of(keyLog), plain.decryptionSecrets());
            assertEquals(plain.decryptionSecrets(), gz.decryptionSecrets());
        }
        assertEquals(List.of(keyLog), DecryptionSecrets.tlsKeyLogs(Path.of(withKeys + ".gz")));
    }
}
