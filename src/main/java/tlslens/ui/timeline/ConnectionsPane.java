package tlslens.ui.timeline;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import tlslens.analysis.Connection;
import tlslens.ui.model.ConnectionColumns;

/**
 * The "Handshake timeline" tab: the connections table on the left, the selected connection's
 * ladder on the right, and a small toolbar (side by side, export). Only lays out and binds; the
 * main window's {@code TimelineBridge} feeds it and links it to the packet table.
 */
public final class ConnectionsPane extends BorderPane {
    private final ObservableList<Connection> items = FXCollections.observableArrayList();
    private final TableView<Connection> table = new TableView<>(items);
    private final HandshakeLadder ladder = new HandshakeLadder();
    private final Label count = new Label("No connections");
    private final Button compareButton = new Button("Side by side");
    private final Button pngButton = new Button("Export PNG…");
    private final Button svgButton = new Button("Export SVG…");
    private final Button keyScheduleButton = new Button("Key schedule");
    private final SplitPane split = new SplitPane();

    public ConnectionsPane() {
        getStyleClass().add("connections-pane");
        String css = HandshakeLadder.stylesheet();
        if (css != null) getStylesheets().add(css);
        table.getStyleClass().add("connections-table");
        table.setId("connectionsTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No TCP connections yet"));
        table.getColumns().setAll(List.of(
                // What this pane is for first (was the session resumed, from where, how fast),
                // so it shows without scrolling; the cipher suite's long name after it.
                column("#", 64, ConnectionColumns::index),
                column("Client", 110, Connection::client),
                column("Server", 110, Connection::server),
                column("SNI", 72, ConnectionColumns::sni),
                column("Version", 56, ConnectionColumns::version),
                column("Resumption", 104, ConnectionColumns::resumption),
                column("Resumed from", 90, ConnectionColumns::resumedFrom),
                column("Handshake", 80, ConnectionColumns::handshakeTime),
                column("Cipher suite", 210, ConnectionColumns::suite),
                decryptionColumn()));
        ladder.setId("handshakeLadder");
        split.setOrientation(Orientation.HORIZONTAL);
        split.getItems().addAll(table, ladder);
        split.setDividerPositions(TABLE_SHARE);
        SplitPane.setResizableWithParent(table, false);
        // The pane is built before its tab is first shown: its first layout happens at some
        // interim width, and a table that keeps its width on resize would keep that one.
        split.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() < 600) return;
                split.setDividerPositions(TABLE_SHARE);
                split.widthProperty().removeListener(this);
            }
        });

        count.getStyleClass().add("connections-count");
        compareButton.setId("compareButton");
        compareButton.setTooltip(new Tooltip("Compare two connections side by side: select two rows, "
                + "or one resumed connection to compare it with its origin"));
        pngButton.setId("exportPngButton");
        pngButton.setTooltip(new Tooltip("Save the ladder of the selected connection as a PNG image"));
        svgButton.setId("exportSvgButton");
        svgButton.setTooltip(new Tooltip("Save the ladder of the selected connection as an SVG drawing"));
        keyScheduleButton.setId("keyScheduleButton");
        keyScheduleButton.setTooltip(new Tooltip("The secrets, keys and IVs of the selected connection, from its key log, "
                + "each step with its RFC section, and each Finished recomputed"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(count, gap, keyScheduleButton, compareButton, pngButton, svgButton);
        bar.getStyleClass().add("connections-toolbar");
        setTop(bar);
        setCenter(split);
    }

    /** The connections table's share of the pane's width when first shown (up to "Resumed from" in a 1500-pixel window; the ladder keeps the rest). */
    private static final double TABLE_SHARE = 0.40;

    private static TableColumn<Connection, String> column(String title, double width, Function<Connection, String> text) {
        TableColumn<Connection, String> c = new TableColumn<>(title);
        // Wide enough for its title (a header has no tooltip: "Resumed …" said nothing).
        c.setPrefWidth(Math.max(width, new javafx.scene.text.Text(title).getLayoutBounds().getWidth() + 28));
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue() == null ? "" : text.apply(f.getValue())));
        // A cut cell ("PSK (psk_dhe…", "? (ticke…") shows its whole text in a tooltip.
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final Tooltip tip = new Tooltip(); // one per cell, its text swapped

            @Override protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                tip.setText(empty || value == null ? "" : value);
                setTooltip(empty || value == null || value.isEmpty() ? null : tip);
            }
        });
        return c;
    }

    /** Decryption state per connection; the cell's tooltip says why ("no keys: ..."). */
    private static TableColumn<Connection, String> decryptionColumn() {
        TableColumn<Connection, String> c = column("Decryption", 110, ConnectionColumns::decryption);
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            // one tooltip per cell, its text swapped: a new Tooltip per update showed up in the profile
            private final Tooltip tip = new Tooltip();

            @Override protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                Connection conn = empty ? null : getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                String detail = conn == null ? "" : ConnectionColumns.decryptionDetail(conn);
                tip.setText(detail);
                setTooltip(detail.isEmpty() ? null : tip);
            }
        });
        return c;
    }

    public ObservableList<Connection> items() { return items; }

    public TableView<Connection> table() { return table; }

    public HandshakeLadder ladder() { return ladder; }

    public Label countLabel() { return count; }

    public Button compareButton() { return compareButton; }

    public Button pngButton() { return pngButton; }

    public Button keyScheduleButton() { return keyScheduleButton; }

    public Button svgButton() { return svgButton; }

    public SplitPane split() { return split; }
}
