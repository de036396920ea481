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
        int i = table.indexOfFrame(number);
        if (i < 0) return false;
        show(i);
        table.requestFocus();
        return true;
    }

    /** Selects {@code row} again after the rows shown changed, if it is still shown. */
    void reselect(PacketRow row) {
        if (row == null) return;
        int i = table.indexOfFrame(row.number()); // rows are values, made on demand
        if (i >= 0) show(i);
    }

    private void show(int index) {
        table.select(index);
        table.scrollTo(Math.max(0, index - 3));
    }
}
