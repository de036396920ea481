package tlslens.ui;

import java.util.function.Consumer;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import tlslens.ui.controls.PacketColumn;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.PacketRow;
import tlslens.ui.model.PacketTableModel;

/** Binds the packet table to its model: rows, follow-newest, and the row context menu. */
final class PacketTableSetup {
    private PacketTableSetup() {}

    static void configure(PacketTable table, PacketTableModel model, Consumer<String> applyFilter) {
        table.setSource(model.shown());
        // The model decides following (a new file or capture resets it); the table reports user scrolls.
        table.followNewestProperty().bindBidirectional(model.followNewestProperty());
        table.setContextMenu(menu(table, applyFilter));
    }

    private static ContextMenu menu(PacketTable table, Consumer<String> applyFilter) {
        MenuItem copyRow = new MenuItem("Copy Row");
        copyRow.setOnAction(e -> copy(table, r -> {
            StringBuilder sb = new StringBuilder();
            for (PacketColumn c : table.getColumns()) {
                if (sb.length() > 0) sb.append('\t');
                sb.append(c.text(r));
            }
            return sb.toString();
        }));
        MenuItem copyInfo = new MenuItem("Copy Info");
        copyInfo.setOnAction(e -> copy(table, PacketRow::info));
        MenuItem stream = new MenuItem("Filter on This TCP Stream");
        stream.setOnAction(e -> {
            PacketRow r = table.getSelectedItem();
            if (r != null && r.tcpStream() >= 0) applyFilter.accept("tcp.stream == " + r.tcpStream());
        });
        ContextMenu menu = new ContextMenu(copyRow, copyInfo, new SeparatorMenuItem(), stream);
        menu.setOnShowing(e -> {
            PacketRow r = table.getSelectedItem();
            copyRow.setDisable(r == null);
            copyInfo.setDisable(r == null);
            stream.setDisable(r == null || r.tcpStream() < 0);
        });
        return menu;
    }

    private static void copy(PacketTable table, java.util.function.Function<PacketRow, String> text) {
        PacketRow r = table.getSelectedItem();
        if (r == null) return;
        ClipboardContent c = new ClipboardContent();
        c.putString(text.apply(r));
        Clipboard.getSystemClipboard().setContent(c);
    }
}
