package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static tlslens.dissect.tls.ExtensionBytes.ascii;
import static tlslens.dissect.tls.ExtensionBytes.block;
import static tlslens.dissect.tls.ExtensionBytes.cat;
import static tlslens.dissect.tls.ExtensionBytes.clientHello;
import static tlslens.dissect.tls.ExtensionBytes.ext;
import static tlslens.dissect.tls.ExtensionBytes.serverHello;
import static tlslens.dissect.tls.ExtensionBytes.u16;
import static tlslens.dissect.tls.ExtensionBytes.u8;
import static tlslens.dissect.tls.ExtensionBytes.vec16;
import static tlslens.dissect.tls.ExtensionBytes.vec24;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.fuzz.CraftedCaptures;

/**
 * A record longer than 2^14 + 2048 bytes used to turn the whole connection into plain TCP without a
 * note; tshark reassembles and dissects it, flags its length (tls.record.length.invalid, "TLSCiphertext
 * length MUST NOT exceed 2^14 + 2048") and goes on with the next record. Compared with tshark on a
 * capture made here: the 20,000-byte record spans 15 segments and a normal record follows it.
 */
class OversizedRecordTest {
    @TempDir static Path dir;
    static Path file;

    @BeforeAll
    static void craft() throws Exception {
        byte[] ch = cat(u8(1), vec24(clientHello(block(ext(0, vec16(cat(u8(0), vec16(ascii("example.com")))))))));
        byte[] sh = cat(u8(2), vec24(serverHello(block(), false)));
        byte[] big = new byte[20_000];
        Arrays.fill(big, (byte) 0xab);
        byte[] after = new byte[100];
        byte[] data = cat(u8(23), u16(0x0303), vec16(big), u8(23), u16(0x0303), vec16(after));
        List<byte[]> segments = new ArrayList<>();
        segments.add(CraftedCaptures.from(0, cat(u8(22), u16(0x0303), vec16(ch))));
        segments.add(CraftedCaptures.from(1, cat(u8(22), u16(0x0303), vec16(sh))));
        for (int i = 0; i < data.length; i += 1400) {
            segments.add(CraftedCaptures.from(1, Arrays.copyOfRange(data, i, Math.min(data.length, i + 1400))));
        }
        file = CraftedCaptures.connection(dir.resolve("big-record.pcap"), segments.toArray(byte[][]::new));
    }

    static void sameAsTshark(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-r", file.toString()));
        a.addAll(Arrays.asList(args));
        GoldenSupport.TsharkRun theirs = GoldenSupport.tshark(a);
        assertEquals(0, theirs.exitCode());
        CliRunner.Result ours = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, ours.exitCode(), ours.err());
        assertFalse(theirs.out().isBlank());
        assertEquals(theirs.out().lines().toList(), ours.out().lines().toList(), String.join(" ", args));
    }

    @Test
    void theRecordIsDissectedAndFlaggedAsByTshark() throws Exception {
        sameAsTshark("-T", "fields", "-e", "frame.number", "-e", "tls.record.content_type", "-e", "tls.record.length");
        sameAsTshark("-Y", "tls.record.length.invalid", "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message");
        sameAsTshark("-Y", "tls", "-T", "fields", "-e", "frame.number", "-e", "_ws.col.Info");
    }
}
