package tlslens.ui.controls;

import java.util.List;

import javafx.scene.control.TreeCell;
import javafx.scene.layout.Region;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;

/**
 * A row of the detail tree: the item's tshark label; an item with expert notes (and its
 * "[Expert Info ...]" rows) coloured by severity with a marker, malformed items standing out.
 */
final class DetailCell extends TreeCell<ProtoNode> {
    private static final List<String> MANAGED = List.of("expert-chat", "expert-note", "expert-warn", "expert-error",
            "has-expert", "expert-info", "malformed", "generated");
    private final FrameInspector inspector;
    private final Region marker = new Region();

    DetailCell(FrameInspector inspector) {
        this.inspector = inspector;
        getStyleClass().add("detail-cell");
        marker.getStyleClass().add("expert-marker");
    }

    @Override
    protected void updateItem(ProtoNode node, boolean empty) {
        super.updateItem(node, empty);
        getStyleClass().removeAll(MANAGED);
        marker.getStyleClass().removeAll(MANAGED);
        DetailRows rows = inspector.rows();
        if (empty || node == null || rows == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        setText(node.text());
        ExpertRow expert = rows.expertRow(node);
        // Wireshark colours the item and its "[Expert Info ...]" line, not the lines below that.
        Severity s = expert == null || expert.part() == ExpertRow.Part.ITEM ? rows.severity(node) : null;
        if (s != null) {
            String cls = ExpertRow.styleClass(s);
            getStyleClass().addAll(cls, expert != null ? "expert-info" : "has-expert");
            marker.getStyleClass().add(cls);
        }
        if (DetailRows.isMalformed(node)) getStyleClass().add("malformed");
        if (node.generated() || expert != null) getStyleClass().add("generated");
        // The marker goes on the item the note is about, not on its "[Expert Info]" rows.
        setGraphic(s != null && expert == null ? marker : null);
    }
}
