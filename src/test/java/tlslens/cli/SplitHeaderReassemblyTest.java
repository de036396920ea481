package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.CaptureFrames;
import tlslens.capture.PcapWriter;
import tlslens.capture.RawFrame;

/**
 * Issue 12, item 17: a TLS record whose header (or whose handshake message header) is cut across
 * two TCP segments is reassembled. A real handshake (tls13_two_tickets: Ethernet, IPv4, port 443)
 * is rewritten at test time with one segment's payload split in two segments at every byte
 * offset; each variant must dissect into the same records and handshake messages as the
 * original, and for the offsets inside the headers tshark must agree frame by frame.
 */
class SplitHeaderReassemblyTest {
    private static final Path CAPTURE = Path.of(CliRunner.capture("tls13_two_tickets.pcap"));
    /** The ClientHello (first data segment of the client) and the ServerHello flight (the server's). */
    private static final int CLIENT_HELLO_FRAME = 4;
    private static final int SERVER_HELLO_FRAME = 6;
    private static final String[] FIELDS = {"-T", "fields", "-e", "frame.number", "-e", "tls.record.length", "-e",
            "tls.handshake.type", "-E", "occurrence=a"};

    @TempDir
    Path dir;

    @Test
    void everySplitOfTheClientHelloSegmentReassembles() throws Exception {
        List<RawFrame> frames = CaptureFrames.read(CAPTURE);
        int payload = payloadLength(frames.get(CLIENT_HELLO_FRAME - 1));
        assertTrue(payload > 200, "a real ClientHello");
        List<String> unsplit = values(dissect(CAPTURE));
        assertTrue(unsplit.contains("handshake 1"), "the unsplit capture has its ClientHello: " + unsplit);
        for (int k = 1; k < payload; k++) {
            Path variant = split(frames, CLIENT_HELLO_FRAME, k, "ch" + k);
            assertEquals(unsplit, values(dissect(variant)), "ClientHello segment cut after " + k + " bytes");
        }
    }

    @Test
    void everySplitOfTheServerHeadersReassembles() throws Exception {
        List<RawFrame> frames = CaptureFrames.read(CAPTURE);
        List<String> unsplit = values(dissect(CAPTURE));
        int payload = payloadLength(frames.get(SERVER_HELLO_FRAME - 1));
        // The ServerHello's record and handshake headers and the next records' headers lie in the first 200 bytes.
        for (int k = 1; k < Math.min(payload, 200); k++) {
            Path variant = split(frames, SERVER_HELLO_FRAME, k, "sh" + k);
            assertEquals(unsplit, values(dissect(variant)), "ServerHello segment cut after " + k + " bytes");
        }
    }

    /** Inside the record header (1-4), at its end (5), inside the handshake header (6-8), and later: as tshark. */
    @Test
    void tsharkAgreesOnSplitHeaders() throws Exception {
        GoldenSupport.requireTshark();
        List<RawFrame> frames = CaptureFrames.read(CAPTURE);
        for (int k : new int[] {1, 2, 3, 4, 5, 6, 8, 9, 100}) {
            Path variant = split(frames, CLIENT_HELLO_FRAME, k, "t" + k);
            List<String> args = new ArrayList<>(List.of("-r", variant.toString()));
            args.addAll(List.of(FIELDS));
            GoldenSupport.TsharkRun theirs = GoldenSupport.tshark(args);
            assertEquals(0, theirs.exitCode());
            assertTrue(theirs.out().contains("\t1\n") || theirs.out().contains(",1\n") || theirs.out().contains("\t1,"),
                    "tshark finds the ClientHello after a cut at " + k + ":\n" + theirs.out());
            assertEquals(theirs.out(), dissect(variant), "ClientHello segment cut after " + k + " bytes");
        }
    }

    private static String dissect(Path capture) {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString()));
        args.addAll(List.of(FIELDS));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    /** Every record length, then every handshake type, in capture order, whatever frames carry them. */
    private static List<String> values(String fieldsOutput) {
        List<String> lengths = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (String line : fieldsOutput.split("\n")) {
            String[] cells = line.split("\t", -1);
            if (cells.length > 1 && !cells[1].isEmpty()) lengths.addAll(List.of(cells[1].split(",")));
            if (cells.length > 2 && !cells[2].isEmpty()) types.addAll(List.of(cells[2].split(",")));
        }
        List<String> out = new ArrayList<>();
        for (String l : lengths) out.add("record " + l);
        for (String t : types) out.add("handshake " + t);
        return out;
    }


    private static final int ETH = 14;

    private static int payloadLength(RawFrame f) {
        byte[] b = f.data();
        int ihl = (b[ETH] & 0x0f) * 4;
        int total = ((b[ETH + 2] & 0xff) << 8) | (b[ETH + 3] & 0xff);
        int thl = ((b[ETH + ihl + 12] & 0xff) >> 4) * 4;
        return total - ihl - thl;
    }

    /** The capture with frame {@code number}'s TCP payload sent as two segments, cut after {@code k} bytes. */
    private Path split(List<RawFrame> frames, int number, int k, String name) throws IOException {
        Path out = dir.resolve(name + ".pcap");
        RawFrame f = frames.get(number - 1);
        assertNotNull(f);
        try (PcapWriter w = new PcapWriter(out, f.linkType())) {
            for (RawFrame g : frames) {
                if (g != f) {
                    w.write(g);
                    continue;
                }
                byte[] b = g.data();
                int ihl = (b[ETH] & 0x0f) * 4;
                int thl = ((b[ETH + ihl + 12] & 0xff) >> 4) * 4;
                int headers = ETH + ihl + thl;
                int payload = payloadLength(g);
                long seq = u32(b, ETH + ihl + 4);
                w.write(segment(g, b, headers, ihl, headers, k, seq));
                w.write(segment(g, b, headers, ihl, headers + k, payload - k, seq + k));
            }
        }
        assertTrue(Files.size(out) > 0);
        return out;
    }

    /** A copy of frame g's headers with {@code len} payload bytes from {@code from} and sequence number seq. */
    private static RawFrame segment(RawFrame g, byte[] b, int headers, int ihl, int from, int len, long seq) {
        byte[] d = new byte[headers + len];
        System.arraycopy(b, 0, d, 0, headers);
        System.arraycopy(b, from, d, headers, len);
        int total = ihl + (headers - ETH - ihl) + len;
        d[ETH + 2] = (byte) (total >> 8);
        d[ETH + 3] = (byte) total;
        d[ETH + 10] = 0;
        d[ETH + 11] = 0;
        int sum = 0;
        for (int i = 0; i < ihl; i += 2) sum += ((d[ETH + i] & 0xff) << 8) | (d[ETH + i + 1] & 0xff);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        sum = ~sum & 0xffff;
        d[ETH + 10] = (byte) (sum >> 8);
        d[ETH + 11] = (byte) sum;
        int s = ETH + ihl + 4;
        d[s] = (byte) (seq >> 24);
        d[s + 1] = (byte) (seq >> 16);
        d[s + 2] = (byte) (seq >> 8);
        d[s + 3] = (byte) seq;
        return new RawFrame(g.number(), g.time(), d.length, d, g.linkType(), g.interfaceId(), g.interfaceName());
    }

    private static long u32(byte[] b, int o) {
        return ((long) (b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }
}
