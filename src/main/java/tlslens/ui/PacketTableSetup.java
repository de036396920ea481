package tlslens.ui;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.PacketTableModel;
import tlslens.ui.model.RowKind;

/** Columns, row colours and the follow-newest behaviour of the packet table. */
final class PacketTableSetup {
    static final double ROW_HEIGHT = 22;
    private static final Map<RowKind, PseudoClass> KIND = new EnumMap<>(RowKind.class);

    static {
        for (RowKind k : RowKind.values()) KIND.put(k, PseudoClass.getPseudoClass(k.styleClass()));
    }

    private PacketTableSetup() {}

    @SuppressWarnings("unchecked")
    static void configure(TableView<PacketRow> table, PacketTableModel model) {
        table.setFixedCellSize(ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN); // Info takes the rest
        var cols = table.getColumns();
        TableColumn<PacketRow, Integer> no = (TableColumn<PacketRow, Integer>) (TableColumn<?, ?>) cols.get(0);
        TableColumn<PacketRow, Long> time = (TableColumn<PacketRow, Long>) (TableColumn<?, ?>) cols.get(1);
        TableColumn<PacketRow, String> src = (TableColumn<PacketRow, String>) (TableColumn<?, ?>) cols.get(2);
        TableColumn<PacketRow, String> dst = (TableColumn<PacketRow, String>) (TableColumn<?, ?>) cols.get(3);
        TableColumn<PacketRow, String> proto = (TableColumn<PacketRow, String>) (TableColumn<?, ?>) cols.get(4);
        TableColumn<PacketRow, Integer> len = (TableColumn<PacketRow, Integer>) (TableColumn<?, ?>) cols.get(5);
        TableColumn<PacketRow, String> info = (TableColumn<PacketRow, String>) (TableColumn<?, ?>) cols.get(6);
        value(no, PacketRow::number);
        value(time, PacketRow::relativeNanos);
        value(src, r -> r.summary().source());
        value(dst, r -> r.summary().destination());
        value(proto, r -> r.summary().protocol());
        value(len, r -> r.summary().length());
        value(info, r -> r.summary().info());
        no.setComparator(Comparator.naturalOrder());
        len.setComparator(Comparator.naturalOrder());
        time.setComparator(Comparator.naturalOrder());
        no.setCellFactory(c -> textCell(String::valueOf, Pos.CENTER_RIGHT));
        len.setCellFactory(c -> textCell(String::valueOf, Pos.CENTER_RIGHT));
        time.setCellFactory(c -> textCell(PacketRow::formatSeconds, Pos.CENTER_RIGHT));

        table.setRowFactory(t -> new TableRow<>() {
            private RowKind kind;

            @Override protected void updateItem(PacketRow r, boolean empty) {
                super.updateItem(r, empty);
                RowKind k = empty || r == null ? null : r.kind();
                if (k == kind) return;
                if (kind != null) pseudoClassStateChanged(KIND.get(kind), false);
                if (k != null) pseudoClassStateChanged(KIND.get(k), true);
                kind = k;
            }
        });

        // Following stops when the user looks above the newest row and resumes at the bottom.
        Runnable userMoved = () -> {
            VirtualFlow<?> flow = flow(table);
            if (flow == null || flow.getLastVisibleCell() == null) return;
            model.viewportMoved(flow.getLastVisibleCell().getIndex(), table.getItems().size());
        };
        table.addEventFilter(ScrollEvent.SCROLL, e -> javafx.application.Platform.runLater(userMoved));
        table.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> javafx.application.Platform.runLater(userMoved));
        table.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> javafx.application.Platform.runLater(userMoved));
        table.addEventFilter(KeyEvent.KEY_RELEASED, e -> javafx.application.Platform.runLater(userMoved));
    }

    static VirtualFlow<?> flow(TableView<?> table) {
        return table.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }

    private static <T> void value(TableColumn<PacketRow, T> col, Function<PacketRow, T> f) {
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
    }

    private static <T> TableCell<PacketRow, T> textCell(Function<T, String> fmt, Pos pos) {
        TableCell<PacketRow, T> cell = new TableCell<>() {
            @Override protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : fmt.apply(v));
            }
        };
        cell.setAlignment(pos);
        return cell;
    }
}
