package tlslens.ui.controls;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javafx.css.PseudoClass;

import javafx.scene.control.TreeCell;
import javafx.scene.layout.Region;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;

/**
 * A row of the detail tree: the item's tshark label; an item with expert notes (and its
 * "[Expert Info ...]" rows) coloured by severity with a marker, malformed items standing out.
 */
final class DetailCell extends TreeCell<ProtoNode> {
    private static final List<String> STATES = List.of("expert-chat", "expert-note", "expert-warn", "expert-error",
            "has-expert", "expert-info", "malformed", "generated");
    private final FrameInspector inspector;
    private final Region marker = new Region();
    /** The states this cell and its marker show; pseudo-classes, so a new frame restyles nothing else. */
    private final Set<String> shown = new HashSet<>();
    private String markerState;

    DetailCell(FrameInspector inspector) {
        this.inspector = inspector;
        getStyleClass().add("detail-cell");
        marker.getStyleClass().add("expert-marker");
    }

    @Override
    protected void updateItem(ProtoNode node, boolean empty) {
        super.updateItem(node, empty);
        Set<String> want = new HashSet<>();
        String markWith = null;
        DetailRows rows = inspector.rows();
        if (empty || node == null || rows == null) {
            setText(null);
            setGraphic(null);
        } else {
            setText(node.text());
            ExpertRow expert = rows.expertRow(node);
            // Wireshark colours the item and its "[Expert Info ...]" line, not the lines below that.
            Severity s = expert == null || expert.part() == ExpertRow.Part.ITEM ? rows.severity(node) : null;
            if (s != null) {
                markWith = ExpertRow.styleClass(s);
                want.add(markWith);
                want.add(expert != null ? "expert-info" : "has-expert");
            }
            if (DetailRows.isMalformed(node)) want.add("malformed");
            if (node.generated() || expert != null) want.add("generated");
            // The marker goes on the item the note is about, not on its "[Expert Info]" rows.
            setGraphic(s != null && expert == null ? marker : null);
        }
        for (String st : STATES) {
            boolean on = want.contains(st);
            if (on != shown.contains(st)) {
                pseudoClassStateChanged(PseudoClass.getPseudoClass(st), on);
                if (on) shown.add(st);
                else shown.remove(st);
            }
        }
        if (!java.util.Objects.equals(markWith, markerState)) {
            if (markerState != null) marker.pseudoClassStateChanged(PseudoClass.getPseudoClass(markerState), false);
            if (markWith != null) marker.pseudoClassStateChanged(PseudoClass.getPseudoClass(markWith), true);
            markerState = markWith;
        }
    }

    /** Whether the cell shows this state ("expert-warn", "malformed", ...); for tests. */
    boolean shows(String state) { return shown.contains(state); }
}
