package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import tlslens.dissect.FrameSummary;

/**
 * The table model keeps no row object per frame (RowStore, FrameRows): the rows it makes on demand
 * are those a materialised model held, and its changes rebuild the same list for a listener that
 * mirrors them (as the packet table does), whatever the loader, filters, recolours and rekeys do.
 */
class RowsOnDemandTest {
    /** The index: a frame's Info says which dissection of it this is. */
    private final Map<Integer, Integer> dissections = new HashMap<>();
    private final PacketRow.Source source = new PacketRow.Source() {
        @Override public FrameSummary summary(int n) {
            return new FrameSummary(n, Instant.EPOCH, 60, "a", "b", "TCP", info(n), -1);
        }

        @Override public int tcpStream(int n) { return -1; }

        @Override public String info(int n) { return "dissection " + dissections.getOrDefault(n, 0); }

        @Override public long relativeNanos(int n) { return n * 1000L; }
    };

    /** What a materialised model would show: every row, its colour and match as last given. */
    private record Expected(short colour, Object filter, boolean matches) {}

    @Test
    void rowsMadeOnDemandAreThoseAMaterialisedModelHeld() {
        Random random = new Random(14);
        PacketTableModel m = new PacketTableModel();
        List<PacketRow> mirror = new ArrayList<>();
        m.shown().addListener((ListChangeListener<PacketRow>) c -> {
            while (c.next()) {
                mirror.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                mirror.addAll(c.getFrom(), c.getList().subList(c.getFrom(), c.getTo()));
            }
        });
        List<Expected> all = new ArrayList<>();
        Object filter = null;
        BitSet passMatches = null;
        int passScanned = 0;
        boolean filtering = false;
        Object[] filters = {new Object(), new Object()};
        for (int step = 0; step < 1500; step++) {
            int op = random.nextInt(10);
            if (op < 5) { // the loader's rows, tested against the filter it has (sometimes an old one)
                List<PacketRow> batch = new ArrayList<>();
                Object f = random.nextInt(5) == 0 ? filters[random.nextInt(2)] : filter;
                for (int i = random.nextInt(80); i > 0; i--) {
                    int n = all.size() + 1;
                    short colour = (short) random.nextInt(3);
                    boolean matches = f == null || random.nextBoolean();
                    batch.add(new PacketRow(source, n, colour, f, matches));
                    all.add(new Expected(colour, f, matches));
                }
                m.append(batch);
            } else if (op == 5) { // a filter applied: the pass's matches among the frames so far
                filter = random.nextInt(3) == 0 ? null : filters[random.nextInt(2)];
                m.beginFilter(filter);
                filtering = filter != null;
                passMatches = null;
                passScanned = 0;
                if (filter != null && random.nextBoolean()) {
                    passMatches = new BitSet();
                    passScanned = all.size();
                    for (int n = 1; n <= passScanned; n++) if (random.nextBoolean()) passMatches.set(n);
                    m.finishFilter(filter, passMatches.stream().toArray(), passScanned);
                    filtering = false;
                }
            } else if (op == 6) { // recolour
                short[] colours = new short[all.size() + 1];
                for (int n = 1; n < colours.length; n++) {
                    colours[n] = (short) random.nextInt(3);
                    Expected e = all.get(n - 1);
                    all.set(n - 1, new Expected(colours[n], e.filter(), e.matches()));
                }
                m.recolour(colours);
            } else if (!all.isEmpty()) { // frames dissected again
                List<PacketRow> again = new ArrayList<>();
                for (int i = random.nextInt(5); i >= 0; i--) {
                    int n = 1 + random.nextInt(all.size());
                    dissections.merge(n, 1, Integer::sum);
                    boolean matches = filter == null || random.nextBoolean();
                    again.add(new PacketRow(source, n, all.get(n - 1).colour(), filter, matches));
                    all.set(n - 1, new Expected(all.get(n - 1).colour(), filter, matches));
                    if (passMatches != null && n <= passScanned && filter != null && !filtering) passMatches.set(n, matches);
                }
                PacketRow before = m.row(again.get(0).number());
                m.replace(again);
                assertNotEquals(before, m.row(again.get(0).number()), "a frame dissected again has a row of its own");
            }
            // (by frame: a recolour changes rows in place without a change, the table redraws them)
            assertEquals(numbers(m.shown()), numbers(mirror), "the changes rebuild the list, after step " + step);
            assertEquals(all.size(), m.total());
            List<Integer> shown = numbers(m.shown());
            if (!filtering) {
                List<Integer> expected = new ArrayList<>();
                for (int n = 1; n <= all.size(); n++) {
                    Expected e = all.get(n - 1);
                    boolean in = filter == null || (passMatches != null && n <= passScanned ? passMatches.get(n)
                            : e.filter() == filter && e.matches());
                    if (in) expected.add(n);
                }
                assertEquals(expected, shown, "the rows shown after step " + step);
            }
            if (step % 25 != 0) continue;
            for (PacketRow r : m.shown()) {
                Expected e = all.get(r.number() - 1);
                assertEquals(e.colour(), r.colour());
                assertEquals("dissection " + dissections.getOrDefault(r.number(), 0), r.info());
                assertEquals(r, m.row(r.number()), "a row read twice is equal");
            }
        }
        assertEquals(m.shown().size(), mirror.size());
        assertTrue(all.size() > 20_000, "rows enough for more than one of the store's chunks: " + all.size());
    }

    private static List<Integer> numbers(List<PacketRow> rows) { return rows.stream().map(PacketRow::number).toList(); }
}
