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
                "ünïcødé"));
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
}
