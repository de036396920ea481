package tlslens.ui.timeline;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.ProtoNode;
import tlslens.ui.model.LadderRow;

/**
 * Finds the detail-tree node of a ladder arrow in its frame's dissection: the n-th "Handshake
 * Protocol: NAME" item, or for records the n-th TLS record of the arrow's content type
 * (ChangeCipherSpec 20, alert 21, TLS 1.3's encrypted handshake records 23, its opaque type). The n counts the
 * frame's arrows of the same kind and name, which appear in the tree in the same order.
 */
public final class HandshakeNodeFinder {
    private static final String HANDSHAKE = "tls.handshake";
    private static final String RECORD = "tls.record";
    private static final String CONTENT_TYPE = "tls.record.content_type";
    /** TLS 1.3's encrypted records say "Opaque Type" instead. */
    private static final String OPAQUE_TYPE = "tls.record.opaque_type";

    private HandshakeNodeFinder() {}

    /** The node, or null when the frame's tree has no such item. */
    public static ProtoNode find(ProtoNode root, LadderRow row, int ordinal) {
        if (root == null || row == null || row.ghost()) return null;
        List<ProtoNode> candidates = switch (row.kind()) {
            case CHANGE_CIPHER_SPEC -> records(root, 20);
            case ALERT -> records(root, 21);
            case EARLY_DATA -> records(root, 23);
            case MESSAGE, ENCRYPTED -> {
                List<ProtoNode> h = handshakes(root, row.label());
                yield h.size() > ordinal || row.kind() == LadderRow.Kind.MESSAGE ? h : records(root, 23);
            }
            case GHOST -> List.of();
        };
        return ordinal >= 0 && ordinal < candidates.size() ? candidates.get(ordinal) : null;
    }

    private static List<ProtoNode> handshakes(ProtoNode root, String name) {
        List<ProtoNode> out = new ArrayList<>();
        String text = "Handshake Protocol: " + name;
        root.walk(n -> {
            if (n.field != null && HANDSHAKE.equals(n.field.abbrev) && !n.hidden()
                    && (n.text().equals(text) || n.text().startsWith(text + " "))) {
                out.add(n);
            }
        });
        return out;
    }

    private static List<ProtoNode> records(ProtoNode root, int contentType) {
        List<ProtoNode> out = new ArrayList<>();
        root.walk(n -> {
            if (n.field == null || !RECORD.equals(n.field.abbrev) || n.hidden()) return;
            for (ProtoNode c : n.children()) {
                if (c.field != null && (CONTENT_TYPE.equals(c.field.abbrev) || OPAQUE_TYPE.equals(c.field.abbrev))
                        && c.value() instanceof Long v && v == contentType) {
                    out.add(n);
                    return;
                }
            }
        });
        return out;
    }
}
