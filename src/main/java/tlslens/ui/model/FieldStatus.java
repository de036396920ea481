package tlslens.ui.model;

import tlslens.dissect.ProtoNode;

/**
 * What the status bar says about the tree item selected, as Wireshark's does: the field's label,
 * its filter name and the bytes it covers ("Server Name (tls.handshake.extensions_server_name), 10 bytes").
 */
public final class FieldStatus {
    private FieldStatus() {}

    /** The text for {@code node}; empty for no node and for a text-only item (no field, nothing to filter on). */
    public static String of(ProtoNode node) {
        if (node == null || node.field == null) return "";
        StringBuilder sb = new StringBuilder(node.field.name).append(" (").append(node.field.abbrev).append(')');
        int n = node.length();
        if (n > 0) sb.append(", ").append(n).append(n == 1 ? " byte" : " bytes");
        return sb.toString();
    }
}
