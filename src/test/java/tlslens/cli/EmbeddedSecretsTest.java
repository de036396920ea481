package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.DecryptionSecrets;
import tlslens.capture.PcapngWriter;
import tlslens.capture.RawFrame;

/**
 * pcapng Decryption Secrets Blocks: a capture with the key log embedded by Wireshark's
 * {@code editcap --inject-secrets tls,KEYLOG} decrypts without --keylog (as tshark does) and gives
 * tshark's keys golden; what our PcapngWriter embeds on request reads back, with our reader and tshark's.
 */
class EmbeddedSecretsTest {
    @TempDir
    Path dir;

    @Test
    void editcapInjectedSecretsDecryptWithoutAKeyLogOption() throws Exception {
        for (String name : List.of("tls13_full_then_psk", "tls12_aead")) {
            Path cap = Files.list(CliRunner.CAPTURES).filter(p -> p.getFileName().toString().matches(
                    name + "\\.pcap(ng)?")).findFirst().orElseThrow();
            Path out = dir.resolve(name + ".dsb.pcapng");
            Process p = new ProcessBuilder("editcap", "--inject-secrets",
                    "tls," + CliRunner.CAPTURES.resolve(name + ".keylog"), cap.toString(), out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "editcap failed: " + log);
            assertEquals(1, DecryptionSecrets.tlsKeyLogs(out).size(), name + ": one DSB");
            List<String> fields = FieldAgreementKeysTest.keyFields();
            CliRunner.Result r = CliRunner.run(GoldenSupport.fieldsArgs(out, GoldenSupport.decodeAsFromManifest(cap),
                    fields));
            assertEquals(0, r.exitCode(), r.err());
            FieldComparison c = FieldComparison.compare(name, Files.readString(
                    CliRunner.GOLDEN.resolve(name + ".keys.fields.tsv")), r.out(), KnownDivergences.none());
            assertTrue(c.agrees(), "embedded secrets, no --keylog: " + c.describe());
        }
    }

    @Test
    void ourWriterEmbedsAKeyLogThatTsharkAndWeRead() throws Exception {
        Path cap = CliRunner.CAPTURES.resolve("tls13_full_then_psk.pcap");
        String keys = Files.readString(CliRunner.CAPTURES.resolve("tls13_full_then_psk.keylog"));
        Path out = dir.resolve("written.pcapng");
        try (CaptureFileReader r = CaptureFileReader.open(cap);
             PcapngWriter w = new PcapngWriter(out, r.linkType(), "lo")) {
            w.writeTlsKeyLog(keys);
            for (RawFrame f; (f = r.next()) != null; ) w.write(f);
        }
        List<String> embedded = DecryptionSecrets.tlsKeyLogs(out);
        assertEquals(List.of(keys), embedded);
        // tshark reads the block and decrypts with it: the Finished of frame 6 is visible.
        Process p = new ProcessBuilder("tshark", "-r", out.toString(), "-d", "tcp.port==44330,tls", "-T", "fields",
                "-e", "tls.handshake.type", "-Y", "frame.number==6").start();
        String ts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals("2,8,11,15,20", ts, "tshark with our Decryption Secrets Block");
        CliRunner.Result ours = CliRunner.run("-r", out.toString(), "-T", "fields", "-e", "tls.handshake.type",
                "-Y", "frame.number==6");
        assertEquals("2,8,11,15,20", ours.out().trim(), ours.err());
    }

    @Test
    void damagedOrPlainFilesHaveNoSecrets() throws Exception {
        assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(CliRunner.CAPTURES.resolve("tls13_hrr.pcap")));
        Path bad = dir.resolve("bad.pcapng");
        byte[] block = DecryptionSecrets.tlsKeyLogBlock("CLIENT_RANDOM x y\n");
        byte[] b = new byte[28 + block.length];
        // A section header block claiming a huge length, then a secrets block.
        b[0] = 0x0a; b[1] = 0x0d; b[2] = 0x0d; b[3] = 0x0a; b[4] = (byte) 0xff; b[5] = (byte) 0xff; b[6] = 0x7f;
        b[8] = 0x4d; b[9] = 0x3c; b[10] = 0x2b; b[11] = 0x1a;
        System.arraycopy(block, 0, b, 28, block.length);
        Files.write(bad, b);
        assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(bad));
        assertEquals(List.of(), DecryptionSecrets.tlsKeyLogs(dir.resolve("missing.pcapng")));
    }
}
