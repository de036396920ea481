package tlslens.ui.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.HandshakeDissector;
import tlslens.dissect.tls.messages.HelloMessages;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.ui.model.LadderRow;

/**
 * Finds the detail-tree node of a ladder arrow in its frame's dissection, by the arrow's codes: the
 * n-th handshake message item of its type, or for records the n-th TLS record of the arrow's content
 * type (ChangeCipherSpec, alert, TLS 1.3's encrypted handshake records, its opaque type). The n counts
 * the frame's arrows of the same kind and codes, which appear in the tree in the same order.
 */
public final class HandshakeNodeFinder {
    private static final String HANDSHAKE = "tls.handshake";
    private static final String HANDSHAKE_TYPE = "tls.handshake.type";
    private static final String RANDOM = "tls.handshake.random";
    /** DTLS shows the same messages under its own names. */
    private static final String DTLS_HANDSHAKE = "dtls.handshake";
    private static final String DTLS_HANDSHAKE_TYPE = "dtls.handshake.type";
    private static final String DTLS_ENCRYPTED_ITEM = "Handshake Protocol";
    private static final String DTLS_RECORD = "dtls.record";
    private static final String DTLS_CONTENT_TYPE = "dtls.record.content_type";
    private static final String RECORD = "tls.record";
    private static final String CONTENT_TYPE = "tls.record.content_type";
    /** TLS 1.3's encrypted records say "Opaque Type" instead. */
    private static final String OPAQUE_TYPE = "tls.record.opaque_type";
    /**
     * The item of a message the dissector could not read carries no type field, only this text,
     * which the dissector itself wrote from {@link HandshakeDissector#ENCRYPTED_HANDSHAKE}.
     */
    private static final String ENCRYPTED_ITEM = "Handshake Protocol: " + HandshakeDissector.ENCRYPTED_HANDSHAKE;

    private HandshakeNodeFinder() {}

    /** The node, or null when the frame's tree has no such item. */
    public static ProtoNode find(ProtoNode root, LadderRow row, int ordinal) {
        if (root == null || row == null || row.ghost()) return null;
        if (row.quic() && row.kind() != LadderRow.Kind.MESSAGE) {
            List<ProtoNode> packets = quicPackets(root, row.quicPacketType());
            return ordinal >= 0 && ordinal < packets.size() ? packets.get(ordinal) : null;
        }
        List<ProtoNode> candidates = switch (row.kind()) {
            case CHANGE_CIPHER_SPEC -> records(root, ContentTypes.CHANGE_CIPHER_SPEC);
            case ALERT -> records(root, ContentTypes.ALERT);
            case EARLY_DATA -> records(root, ContentTypes.APPLICATION_DATA);
            case MESSAGE -> HandshakeTypes.wiresharkName(row.handshakeType()) != null
                    ? messages(root, row.handshakeType()) : unreadableMessages(root);
            case ENCRYPTED -> {
                List<ProtoNode> h = unreadableMessages(root);
                yield h.size() > ordinal ? h : records(root, ContentTypes.APPLICATION_DATA);
            }
            case GHOST, RETRY -> List.of();
        };
        return ordinal >= 0 && ordinal < candidates.size() ? candidates.get(ordinal) : null;
    }

    /** The complete messages of {@code type}, in tree order. */
    private static List<ProtoNode> messages(ProtoNode root, int type) {
        List<ProtoNode> out = new ArrayList<>();
        root.walk(n -> {
            if (isHandshake(n) && messageType(n) == type) out.add(n);
        });
        return out;
    }

    /**
     * Items of messages shown as "Encrypted Handshake Message" (encrypted, or of a type tshark does not know); in
     * DTLS an encrypted handshake record's bare "Handshake Protocol" item (tshark names nothing more).
     */
    private static List<ProtoNode> unreadableMessages(ProtoNode root) {
        List<ProtoNode> out = new ArrayList<>();
        root.walk(n -> {
            if (isHandshake(n) && (ENCRYPTED_ITEM.equals(n.text())
                    || DTLS_HANDSHAKE.equals(n.field.abbrev) && DTLS_ENCRYPTED_ITEM.equals(n.text()))) out.add(n);
        });
        return out;
    }

    private static boolean isHandshake(ProtoNode n) {
        return n.field != null && (HANDSHAKE.equals(n.field.abbrev) || DTLS_HANDSHAKE.equals(n.field.abbrev)) && !n.hidden();
    }

    /**
     * A QUIC packet's item of a {@link QuicPacketTypes} type, in tree order: by its long packet type (v1's
     * numbers), its short header (1-RTT) or a version of 0 (Version Negotiation).
     */
    private static List<ProtoNode> quicPackets(ProtoNode root, int type) {
        List<ProtoNode> out = new ArrayList<>();
        for (ProtoNode n : root.children()) {
            if (n.field == null || !"quic".equals(n.field.abbrev)) continue;
            int t = -1;
            for (ProtoNode c : n.children()) {
                if (c.field == null) continue;
                if (c.field.abbrev.equals("quic.long.packet_type") && c.value() instanceof Long v) t = v.intValue();
                if (c.field.abbrev.equals("quic.short")) t = QuicPacketTypes.ONE_RTT;
                if (c.field.abbrev.equals("quic.version") && c.value() instanceof Long v && v == 0) {
                    t = QuicPacketTypes.VERSION_NEGOTIATION;
                }
            }
            if (t == type) out.add(n);
        }
        return out;
    }

    /**
     * The message's type as the ladder counts it, -1 for an item without one (a fragment, an
     * encrypted message): a ServerHello with the HelloRetryRequest random is a HelloRetryRequest.
     */
    private static int messageType(ProtoNode hs) {
        int type = -1;
        boolean hrrRandom = false;
        for (ProtoNode c : hs.children()) {
            if (c.field == null) continue;
            if ((HANDSHAKE_TYPE.equals(c.field.abbrev) || DTLS_HANDSHAKE_TYPE.equals(c.field.abbrev))
                    && c.value() instanceof Long v) type = v.intValue();
            if (RANDOM.equals(c.field.abbrev) && c.value() instanceof byte[] b) {
                hrrRandom = Arrays.equals(b, HelloMessages.HRR_RANDOM);
            }
        }
        return type == HandshakeTypes.SERVER_HELLO && hrrRandom ? HandshakeTypes.HELLO_RETRY_REQUEST : type;
    }

    private static List<ProtoNode> records(ProtoNode root, int contentType) {
        List<ProtoNode> out = new ArrayList<>();
        root.walk(n -> {
            if (n.field == null || !(RECORD.equals(n.field.abbrev) || DTLS_RECORD.equals(n.field.abbrev)) || n.hidden()) return;
            for (ProtoNode c : n.children()) {
                if (c.field != null && (CONTENT_TYPE.equals(c.field.abbrev) || OPAQUE_TYPE.equals(c.field.abbrev)
                        || DTLS_CONTENT_TYPE.equals(c.field.abbrev))
                        && c.value() instanceof Long v && v == contentType) {
                    out.add(n);
                    return;
                }
            }
        });
        return out;
    }
}
