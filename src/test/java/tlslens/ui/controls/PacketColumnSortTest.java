package tlslens.ui.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tlslens.dissect.FrameSummary;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketRow;

/**
 * {@link PacketColumn#sort} puts rows in the order the column's comparator gives (ties by frame
 * number, descending as the comparator reversed) while reading each text cell once, in the rows'
 * order: the window's Info text is kept packed, and a comparator reading cells per comparison
 * unpacked a chunk for nearly every one of them.
 */
class PacketColumnSortTest {
    /** Rows whose columns come from a source that counts the summaries asked for, as the window's rows do. */
    private static final class CountingSource implements PacketRow.Source {
        final List<FrameSummary> frames = new ArrayList<>();
        int reads;

        @Override public FrameSummary summary(int number) {
            reads++;
            return frames.get(number - 1);
        }

        @Override public int tcpStream(int number) { return frames.get(number - 1).tcpStream(); }

        @Override public String info(int number) {
            reads++;
            return frames.get(number - 1).info();
        }

        @Override public long relativeNanos(int number) { return number * 1000L; }
    }

    @Test
    void everyColumnSortsAsItsComparatorAndReadsEachTextCellOnce() {
        CountingSource src = new CountingSource();
        Random random = new Random(14);
        List<PacketRow> rows = new ArrayList<>();
        String[] infos = {"Client Hello (SNI=a.example)", "Server Hello", "Application Data", "", "443 → 50000 [ACK]"};
        String[] protocols = {"TCP", "TLSv1.2", "TLSv1.3", "QUIC"};
        for (int n = 1; n <= 2000; n++) {
            // few distinct texts: most comparisons are ties the frame number breaks
            src.frames.add(new FrameSummary(n, Instant.ofEpochSecond(1000, n), 60 + random.nextInt(40),
                    "10.0.0." + random.nextInt(5), "10.0.1." + random.nextInt(5), protocols[random.nextInt(protocols.length)],
                    random.nextInt(10) == 0 ? null : infos[random.nextInt(infos.length)], 0));
            rows.add(new PacketRow(src, n, ColouringRules.NONE, null, true));
        }
        Collections.shuffle(rows, random);
        for (PacketColumn c : PacketColumn.defaults()) {
            for (boolean ascending : new boolean[] {true, false}) {
                List<PacketRow> expected = new ArrayList<>(rows);
                expected.sort(ascending ? c.order() : c.order().reversed());
                List<PacketRow> sorted = new ArrayList<>(rows);
                src.reads = 0;
                c.sort(sorted, ascending);
                assertEquals(numbers(expected), numbers(sorted), c + (ascending ? " ascending" : " descending"));
                if (c == PacketColumn.INFO || c == PacketColumn.SOURCE || c == PacketColumn.PROTOCOL) {
                    assertEquals(rows.size(), src.reads, c + ": text cells read once each");
                }
            }
        }
    }

    private static List<Integer> numbers(List<PacketRow> rows) {
        List<Integer> out = new ArrayList<>();
        for (PacketRow r : rows) out.add(r.number());
        return out;
    }
}
