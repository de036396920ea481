package tlslens.ui.controls;

import tlslens.dissect.FieldType;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.column.ColumnSpec;

/**
 * Wireshark's "Apply as Column" on a tree item: a custom column showing the item's field in every
 * packet, titled with the field's name ("Server Name" for tls.handshake.extensions_server_name).
 */
public final class ApplyAsColumn {
    private ApplyAsColumn() {}

    /** The column for this item, or null when it has no field with values (a text line, a subtree label). */
    public static ColumnSpec columnFor(ProtoNode node) {
        if (node == null || node.field == null || node.field.type == FieldType.NONE) return null;
        return ColumnSpec.custom(node.field.name, node.field.abbrev);
    }
}
