package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --connections} on 300,000 connections that are only a SYN (a 17 MB scan) ran out of memory:
 * every connection carried its reassembly buffers, record framers and analysis state from the start,
 * and the JSON was built whole. Now a direction's buffers are made when it carries data and the JSON is
 * written connection by connection: the run fits a 512 MiB heap (about 1.2 KB per such connection, was 2.3 KB).
 */
class ConnectionsFootprintTest {
    static final int CONNECTIONS = 300_000;
    @TempDir Path dir;

    /** One SYN from 10.x.y.z (a different client per connection) to 10.255.0.1:443. */
    static Path synScan(Path out) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + CONNECTIONS * (16 + 40)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(101);
        for (int i = 0; i < CONNECTIONS; i++) {
            b.putInt(1_700_000_000 + i / 1000).putInt((i % 1000) * 1000).putInt(40).putInt(40);
            ByteBuffer p = ByteBuffer.allocate(40); // network order
            p.put((byte) 0x45).put((byte) 0).putShort((short) 40).putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0);
            p.put((byte) 10).put((byte) (i >> 16)).put((byte) (i >> 8)).put((byte) i).put(new byte[] {10, (byte) 255, 0, 1});
            p.putShort((short) (40000 + i % 20000)).putShort((short) 443).putInt(i).putInt(0);
            p.put((byte) 0x50).put((byte) 0x02).putShort((short) 65535).putInt(0);
            b.put(p.array());
        }
        Files.write(out, b.array());
        return out;
    }

    @Test
    void threeHundredThousandSynOnlyConnectionsFitHalfAGigabyte() throws Exception {
        assertEquals(CONNECTIONS, run(Pattern.compile("    \"index\": \\d+,?")));
    }

    /** The text table is written line by line too (it was built whole: rows, then one string of them all). */
    @Test
    void theTextTableOfThemFitsHalfAGigabyte() throws Exception {
        assertEquals(CONNECTIONS, run(Pattern.compile("\\d+ +tcp +10\\.\\d+\\.\\d+\\.\\d+:\\d+ +10\\.255\\.0\\.1:443( .*)?"),
                "--format", "text"));
    }

    /** Runs --connections on the scan in a 512 MiB JVM; returns how many output lines match {@code row}. */
    private long run(Pattern row, String... options) throws Exception {
        Path file = synScan(dir.resolve("syn-scan.pcap"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "tlslens.Main", "-r", file.toString(), "--connections"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        long connections = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (row.matcher(line).matches()) connections++;
        }
        assertEquals(0, p.waitFor(), "ran out of memory?");
        return connections;
    }
}
