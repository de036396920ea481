package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.dissect.tls.ExtensionBytes.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.dissect.tls.ExtensionBytes.Message;
import tlslens.dissect.tls.SyntheticCapture;

/**
 * Expert notes are filterable like fields: {@code -Y} on a note's name finds the frames that carry it,
 * and {@code -e} shows the note and its message, severity and group, the same as tshark. The capture is
 * built here: ClientHellos whose vectors break their {@code <min..max>} bounds, in the hello itself
 * (cipher suites, compression methods) and in an extension (ALPN), and one well-formed hello.
 */
class ExpertFilterAgreementTest {
    @TempDir static Path dir;
    static Path pcap;

    @BeforeAll
    static void writeCapture() throws Exception {
        GoldenSupport.requireTshark();
        byte[] random = new byte[32];
        byte[] alpn = ext(16, vec16(vec8(ascii("h2"))));
        // 1: one byte of cipher suites (minimum 2)
        byte[] shortSuites = cat(u16(0x0303), random, u8(0), vec16(u8(0x13)), vec8(u8(0)), block(alpn));
        // 2: well formed
        byte[] good = clientHello(block(alpn));
        // 3: no compression methods (minimum 1)
        byte[] noCompression = cat(u16(0x0303), random, u8(0), vec16(u16(0x1301)), vec8(new byte[0]), block(alpn));
        // 4: an ALPN list whose one name is a single byte long in a list of one byte (minimum 2)
        byte[] badAlpn = clientHello(block(ext(16, "0001 01 61")));
        pcap = dir.resolve("vectors.pcap");
        writePcap(pcap, List.of(new Message(true, 1, shortSuites), new Message(true, 1, good),
                new Message(true, 1, noCompression), new Message(true, 1, badAlpn)));
    }

    private static List<String> fieldsArgs(Path capture, String filter, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString(), "-Y", filter, "-T", "fields",
                "-E", "occurrence=a"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        return args;
    }

    /** Runs tshark and us with the same -Y and -e; returns our output, which must be tshark's. */
    private static String assertSameAsTshark(Path capture, String filter, String... fields) throws Exception {
        List<String> args = fieldsArgs(capture, filter, fields);
        GoldenSupport.TsharkRun want = GoldenSupport.tshark(args);
        CliRunner.Result got = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, want.exitCode(), "tshark " + args);
        assertEquals("", got.err());
        assertEquals(want.out(), got.out(), "-Y " + filter);
        return got.out();
    }

    @Test
    void vectorLengthNotesAreFoundByTheirNameWithTsharksWording() throws Exception {
        String[] fields = {"frame.number", "tls.malformed.vector_length", "_ws.expert.message",
                "_ws.expert.severity", "_ws.expert.group"};
        String out = assertSameAsTshark(pcap, "tls.malformed.vector_length", fields);
        // Not vacuous: the hello and the extension notes are there, as Protocol (0x09000000) warnings (0x00600000).
        assertTrue(out.startsWith("1\t1\tVector length 1 is smaller than minimum 2,1 trailing byte was unprocessed\t"
                + "6291456,6291456\t150994944,150994944\n"), out);
        assertTrue(out.contains("Vector length 0 is smaller than minimum 1"), out);
        assertEquals(List.of("1", "3", "4"), out.lines().map(l -> l.split("\t")[0]).toList());
    }

    @Test
    void notesAreFoundByTheirMessageSeverityAndGroup() throws Exception {
        assertSameAsTshark(pcap, "_ws.expert.severity == \"Warning\" && _ws.expert.group == \"Protocol\"", "frame.number");
        assertSameAsTshark(pcap, "_ws.expert.message contains \"smaller than minimum\"", "frame.number");
        assertSameAsTshark(pcap, "count(tls.malformed.vector_length) == 1", "frame.number");
        assertSameAsTshark(pcap, "!_ws.expert", "frame.number");
    }

    /**
     * TLS notes whose group and severity come from Wireshark's registration (tls.unexpected_message,
     * tls.ignored_unknown_record, tls.record.length.invalid): a TLS 1.3 session that sends a heartbeat
     * record and an oversized record, and a TLS 1.2 session with a record of an unknown type.
     */
    @Test
    void tlsNotesCarryWiresharksGroupAndSeverity() throws Exception {
        byte[] sh13 = handshake(2, serverHello(block(ext(43, "0304"), ext(51, cat(u16(0x1d), vec16(new byte[32])))),
                false));
        Path tls13 = new SyntheticCapture(40001, 443)
                .send(0, record(22, handshake(1, clientHello(block(ext(43, "020304"))))))
                .send(1, record(22, sh13))
                .send(1, record(24, hex("0100030102031111111111111111111111111111")))
                .send(1, record(23, new byte[(1 << 14) + 300]))
                .write(dir, "tls13.pcap");
        Path tls12 = new SyntheticCapture(40002, 443)
                .send(0, record(22, handshake(1, clientHello(block()))))
                .send(1, record(22, handshake(2, serverHello(block(), false))))
                .send(1, cat(hex("63 0303 0002 0000"), record(21, hex("0100"))))
                .write(dir, "tls12.pcap");
        String filter = "tls.unexpected_message || tls.ignored_unknown_record || tls.record.length.invalid";
        String[] fields = {"frame.number", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group"};
        // Our message for the unknown record says more than tshark's ("7 bytes do not form a TLS record;
        // skipped to ..."), as we resynchronise where tshark stops: only its group and severity are compared.
        String[] kindOnly = {"frame.number", "_ws.expert.severity", "_ws.expert.group"};
        long found = 0;
        found += assertSameAsTshark(tls13, filter, fields).lines().count();
        found += assertSameAsTshark(tls12, filter, kindOnly).lines().count();
        assertEquals(3, found, "frames with the notes in the two captures");
    }

    private static byte[] record(int type, byte[] body) { return cat(u8(type), u16(0x0303), u16(body.length), body); }

    @Test
    void theGlossaryListsNotesAsTsharkDoes() throws Exception {
        String ours = CliRunner.run("-G", "fields").out();
        String theirs = GoldenSupport.tshark(List.of("-G", "fields")).out();
        for (String abbrev : List.of("tls.malformed.vector_length", "tls.malformed.buffer_too_small",
                "tls.malformed.trailing_data", "tcp.analysis.retransmission", "_ws.malformed.expert")) {
            assertEquals(line(theirs, abbrev), line(ours, abbrev), abbrev);
        }
    }

    /** The -G fields line of a field, without the parent column (ours names _ws.malformed's as "_ws"). */
    private static String line(String glossary, String abbrev) {
        return glossary.lines().filter(l -> l.split("\t")[2].equals(abbrev))
                .map(l -> l.replaceFirst("^(F\t[^\t]*\t[^\t]*\t[^\t]*)\t[^\t]*", "$1"))
                .findFirst().orElse("(missing " + abbrev + ")");
    }
}
