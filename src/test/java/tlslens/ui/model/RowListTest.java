package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** A RowList reports the same rows and the same changes as FXCollections' list, whatever is done to it. */
class RowListTest {
    @Test
    void behavesAsTheObservableArrayList() {
        Random random = new Random(14);
        ObservableList<Integer> fx = FXCollections.observableArrayList();
        ObservableList<Integer> ours = new RowList<>();
        List<String> fxChanges = record(fx);
        List<String> ourChanges = record(ours);
        for (int step = 0; step < 2000; step++) {
            List<Integer> batch = new ArrayList<>();
            for (int i = random.nextInt(4) == 0 ? 0 : random.nextInt(50); i > 0; i--) batch.add(random.nextInt(1000));
            int op = random.nextInt(7);
            int value = random.nextInt(1000);
            Consumer<ObservableList<Integer>> change = switch (op) {
                case 0 -> l -> l.setAll(batch);
                case 1 -> ObservableList::clear;
                case 2 -> l -> l.add(value);
                case 3 -> l -> { if (!l.isEmpty()) l.set(l.size() / 2, -1); };
                case 4 -> l -> { if (!l.isEmpty()) l.remove(l.size() - 1); };
                case 5 -> l -> l.setAll(new ArrayList<>(l)); // every row again (a filter cleared)
                default -> l -> l.addAll(batch);
            };
            change.accept(fx);
            change.accept(ours);
            assertEquals(fx, ours, "after step " + step + " (operation " + op + ")");
            assertEquals(fxChanges, ourChanges, "changes after step " + step + " (operation " + op + ")");
            assertEquals(List.of(fx.toArray()), List.of(ours.toArray()));
            assertEquals(List.of(fx.toArray(new Integer[0])), List.of(ours.toArray(new Integer[0])));
        }
    }

    private static List<String> record(ObservableList<Integer> list) {
        List<String> out = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) c -> {
            StringBuilder b = new StringBuilder();
            while (c.next()) {
                b.append('[').append(c.getFrom()).append(',').append(c.getTo()).append(" removed ").append(c.getRemoved())
                        .append(" added ").append(c.getAddedSubList()).append(c.wasPermutated() ? " permutated" : "")
                        .append(c.wasUpdated() ? " updated" : "").append(c.wasAdded() ? " +" : "").append(c.wasRemoved() ? " -" : "")
                        .append(c.wasReplaced() ? " replaced" : "").append(c.getAddedSize()).append('/').append(c.getRemovedSize())
                        .append(']');
            }
            out.add(b.toString());
        });
        return out;
    }
}
