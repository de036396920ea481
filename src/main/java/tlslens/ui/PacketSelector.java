package tlslens.ui;

import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.PacketRow;

/** Selects packets in the table by frame number, for the parts that point at a packet. */
final class PacketSelector {
    private final PacketTable table;

    PacketSelector(PacketTable table) { this.table = table; }

    PacketRow selected() { return table.getSelectedItem(); }

    /** Selects frame {@code number}, scrolled into view and focused, if shown; false if the filter hides it. */
    boolean select(int number) {
        var items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).number() == number) {
                show(i);
                table.requestFocus();
                return true;
            }
        }
        return false;
    }

    /** Selects {@code row} again after the rows shown changed, if it is still shown. */
    void reselect(PacketRow row) {
        if (row == null) return;
        int i = table.getItems().indexOf(row);
        if (i >= 0) show(i);
    }

    private void show(int index) {
        table.select(index);
        table.scrollTo(Math.max(0, index - 3));
    }
}
