package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tlslens.dissect.FrameSummary;

/** The primitive columns give back every summary as it was put, whatever its Info text. */
class FrameSummariesTest {
    @Test
    void summariesComeBackEqual() {
        Random random = new Random(14);
        List<String> infos = new ArrayList<>(List.of("", "Client Hello (SNI=example.com)", "57322 → 44443 [ACK] Seq=1 Ack=1",
                "x".repeat((1 << 20) + 3), "y".repeat((1 << 20) - 5), "pair \uD83D\uDE00 ok", "lone \uD800 high", "lone \uDC00 low",
                "ünïcødé", "edges \u007F\u0080\u07FF\u0800\uFFFF ✓ 日本"));
        List<String> shortOnes = infos.stream().filter(i -> i.length() < 100).toList();
        infos.add(null);
        FrameSummaries columns = new FrameSummaries();
        List<FrameSummary> put = new ArrayList<>();
        for (int n = 1; n <= 5000; n++) {
            // The long texts once each (a chunk of their own, and one that just fits), then short ones at random.
            String info = n <= infos.size() ? infos.get(n - 1) : shortOnes.get(random.nextInt(shortOnes.size())) + n;
            FrameSummary s = new FrameSummary(n, Instant.ofEpochSecond(n), 60 + n % 1500, random.nextBoolean() ? null : "10.0.0." + n % 7,
                    "10.0.1." + n % 5, n % 3 == 0 ? "TLSv1.3" : "TCP", info,
                    n > 4000 ? 70_000 + n : n % 11 - 1, n * 31); // streams and flags past a char's range midway
            columns.put(n, s);
            put.add(s);
        }
        // Frames dissected again (new keys) get new columns in place.
        for (int n = 1; n <= 5000; n += 97) {
            FrameSummary s = put.get(n - 1);
            FrameSummary again = new FrameSummary(n, s.time(), s.length(), s.source(), s.destination(), "TLSv1.2",
                    "Application Data " + n, s.tcpStream(), s.flags() | 512);
            columns.put(n, again);
            put.set(n - 1, again);
        }
        for (FrameSummary s : put) {
            assertEquals(s, columns.get(s.number(), s.time(), s.length()));
            assertEquals(s.info(), columns.info(s.number()));
            assertEquals(s.tcpStream(), columns.tcpStream(s.number()));
        }
    }

    /**
     * Once chunks of Info text fill they are deflated on a thread of their own: every text reads back
     * as put, from packed chunks (in any order: each is inflated again when it is not one of the last
     * two read), from the chunk still filling, and after frames were put again; the packed text
     * takes a fraction of its raw size.
     */
    @Test
    void infoTextReadsBackFromPackedChunks() {
        Random random = new Random(16);
        FrameSummaries columns = new FrameSummaries();
        List<String> infos = new ArrayList<>();
        long raw = 0;
        for (int n = 1; n <= 120_000; n++) { // about 6 MB of text: several chunks
            String info = random.nextInt(3) == 0 ? "Application Data"
                    : (40000 + n % 2000) + " → 443 [ACK] Seq=" + random.nextInt(100000) + " Ack=" + n + " Win=65536 Len=0 ünï";
            columns.put(n, new FrameSummary(n, Instant.ofEpochSecond(n), 60, "10.0.0.1", "10.0.0.2", "TCP", info, n % 50, 0));
            infos.add(info);
            raw += info.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        tlslens.Await.until("Info chunks packed", java.time.Duration.ofSeconds(60), columns::packedAll);
        long footprint = columns.footprint() - 16L * 131_072; // less the per-frame columns (arrays grown to 2^17)
        org.junit.jupiter.api.Assertions.assertTrue(footprint < raw / 2, "Info text kept in " + footprint + " bytes of " + raw);
        for (int n = 1; n <= 120_000; n += 997) { // put again (new keys): the new text goes to the chunk filling
            String again = "Application Data, frame " + n;
            columns.put(n, new FrameSummary(n, Instant.ofEpochSecond(n), 60, "10.0.0.1", "10.0.0.2", "TLSv1.3", again, n % 50, 0));
            infos.set(n - 1, again);
        }
        for (int n = 1; n <= infos.size(); n++) assertEquals(infos.get(n - 1), columns.info(n), "frame " + n);
        for (int i = 0; i < 2000; i++) {
            int n = 1 + random.nextInt(infos.size());
            assertEquals(infos.get(n - 1), columns.info(n), "frame " + n + ", read at random");
        }
    }
}
