package tlslens.explain;

import java.util.ArrayList;
import java.util.List;

import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.dtls.DtlsFields;
import tlslens.dissect.quic.QuicFields;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.base.ExtensionFields;
import tlslens.dissect.tls.base.TlsFields;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.Grease;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * Finds the notes for an item of a frame's tree (its field's note, and those of the extension, message
 * or record around it) and for a ladder arrow, and adds what it means in its connection from the
 * connection model ({@link ContextNotes}). The model may be empty (no context then, notes still).
 * Read-only after construction: safe to share between threads.
 */
public final class Explainer {
    private static final String KEY_SHARE_GROUP = "tls.handshake.extensions_key_share_group";
    private static final String KEY_SHARE_LENGTH = "tls.handshake.extensions_key_share_key_exchange_length";
    private static final String SELECTED_GROUP = "tls.handshake.extensions_key_share_selected_group";
    private static final String TCP_SEGMENT_COUNT = "tcp.segment.count";

    private final Notes notes = Notes.get();
    private final List<Connection> connections;
    private final tlslens.analysis.ConnectionLookup byStream;

    /** With the capture's connection model ({@link tlslens.analysis.ConnectionAnalyzer}); empty for notes alone. */
    public Explainer(List<Connection> connections) {
        this.connections = List.copyOf(connections);
        byStream = tlslens.analysis.ConnectionLookup.of(this.connections, Connection::index);
    }

    /** The connection of tcp.stream {@code index}, or null. */
    public Connection connection(int index) { return byStream.get(index); }

    /** The notes of a tree item and of what encloses it, and the enclosing message's meaning in its connection. */
    public Explanation explain(FrameDissection fd, ProtoNode node) {
        if (node == null) return Explanation.NONE;
        Connection c = fd == null ? null : byStream.get(fd.tcpStream());
        List<Note> out = new ArrayList<>();
        Note field = null;
        for (ProtoNode n = node; n != null && field == null; n = n.parent()) {
            if (element(n, c) != null) break; // the field is inside this element; its own note comes next
            if (n.field != null) field = greaseValue(n) ? notes.topic(Notes.GREASE) : notes.field(n.field.abbrev);
        }
        if (field != null) out.add(field);
        ProtoNode message = null;
        for (ProtoNode n = node; n != null; n = n.parent()) {
            Note e = element(n, c);
            if (e == null) continue;
            boolean record = e.kind() == Note.Kind.CONTENT || e.kind() == Note.Kind.TOPIC;
            // A record's note only when nothing inside it was: the message says more than "a handshake record".
            if (!record || out.isEmpty()) out.add(e);
            if (message == null && (e.kind() == Note.Kind.HANDSHAKE || e.kind() == Note.Kind.ALERT || record)) {
                message = n;
            }
            if (e.kind() != Note.Kind.EXTENSION) break;
        }
        List<String> context = message == null || fd == null ? List.of() : context(fd, message, c);
        return new Explanation(List.copyOf(out), context);
    }

    /** The note a tree item carries itself (its field's, or its message's, extension's, record's), or null. */
    public Note ownNote(FrameDissection fd, ProtoNode node) {
        Connection c = fd == null ? null : byStream.get(fd.tcpStream());
        Note e = element(node, c);
        if (e != null) return e;
        if (node.field == null) return null;
        return greaseValue(node) ? notes.topic(Notes.GREASE) : notes.field(node.field.abbrev);
    }

    /** The in-context sentences for a message, record or alert item of the tree; empty for others. */
    public List<String> contextOf(FrameDissection fd, ProtoNode node) {
        Connection c = fd == null ? null : byStream.get(fd.tcpStream());
        Note e = element(node, c);
        if (e == null || e.kind() == Note.Kind.EXTENSION || (e.kind() == Note.Kind.CONTENT
                && node.first(TlsFields.HANDSHAKE.abbrev) != null)) {
            return List.of();
        }
        return context(fd, node, c);
    }

    /** A ladder arrow: its message's note and its meaning in the connection. */
    public Explanation explain(Connection c, HandshakeStep step) {
        if (step == null) return Explanation.NONE;
        Note n = switch (step.kind()) {
            case MESSAGE -> step.encrypted() ? notes.contentType(ContentTypes.APPLICATION_DATA) : notes.handshake(step.handshakeType());
            case CHANGE_CIPHER_SPEC -> tls13(c) ? notes.topic(Notes.TLS13_CHANGE_CIPHER_SPEC)
                    : notes.contentType(ContentTypes.CHANGE_CIPHER_SPEC);
            case ENCRYPTED_HANDSHAKE_RECORD -> notes.contentType(ContentTypes.APPLICATION_DATA);
            case EARLY_DATA -> notes.extension(tlslens.dissect.tls.names.ExtensionTypes.EARLY_DATA);
            case RETRY -> notes.quicPacket(QuicPacketTypes.RETRY);
            case VERSION_NEGOTIATION -> notes.quicPacket(QuicPacketTypes.VERSION_NEGOTIATION);
        };
        return new Explanation(n == null ? List.of() : List.of(n), ContextNotes.forStep(c, step, connections));
    }

    /** A ladder's alert arrow. */
    public Explanation explain(Connection c, AlertEvent a) {
        if (a == null) return Explanation.NONE;
        Note n = a.encrypted() ? notes.contentType(ContentTypes.ALERT) : notes.alert(a.descriptionCode());
        return new Explanation(n == null ? List.of() : List.of(n), ContextNotes.forAlert(c, a));
    }

    // ---- the tree -----------------------------------------------------------------------------

    /** The note of an extension, handshake message, alert or record item; null for any other item. */
    private Note element(ProtoNode n, Connection c) {
        Note udp = udpElement(n);
        if (udp != null) return udp;
        if (n.field == TlsFields.HANDSHAKE) {
            int type = handshakeType(n);
            return type < 0 ? null : notes.handshake(type);
        }
        if (n.field == TlsFields.ALERT_MESSAGE) {
            ProtoNode d = child(n, TlsFields.ALERT_DESCRIPTION.abbrev);
            return d == null ? notes.contentType(ContentTypes.ALERT) : notes.alert(intValue(d));
        }
        if (n.field == TlsFields.RECORD) {
            ProtoNode t = child(n, TlsFields.RECORD_CONTENT_TYPE.abbrev);
            if (t == null) return null;
            int type = intValue(t);
            if (type == ContentTypes.CHANGE_CIPHER_SPEC && tls13(c)) return notes.topic(Notes.TLS13_CHANGE_CIPHER_SPEC);
            return notes.contentType(type);
        }
        if (n.field == null) {
            ProtoNode t = child(n, ExtensionFields.TYPE.abbrev);
            if (t != null) {
                int type = intValue(t);
                return Grease.isGrease(type) ? notes.topic(Notes.GREASE) : notes.extension(type);
            }
        }
        return null;
    }

    /**
     * QUIC and DTLS items: a QUIC packet (by its type), a QUIC frame, a DTLS record (its content
     * type; a DTLS 1.3 record still encrypted: its unified header), a DTLS handshake message, ACK or alert.
     */
    private Note udpElement(ProtoNode n) {
        if (n.field == null) return null;
        if (n.field == QuicFields.QUIC) {
            int type = quicPacketType(n);
            return type < 0 ? null : notes.quicPacket(type);
        }
        if (n.field == QuicFields.FRAME) {
            ProtoNode t = child(n, QuicFields.FRAME_TYPE.abbrev);
            return t != null && t.value() instanceof Number v ? notes.quicFrame(v.longValue()) : null;
        }
        if (n.field == DtlsFields.RECORD) {
            ProtoNode t = child(n, DTLS_CONTENT_TYPE);
            if (t != null) return notes.contentType(intValue(t));
            return child(n, DtlsFields.UNIFIED_HEADER.abbrev) != null ? notes.topic(Notes.DTLS13_UNIFIED_HEADER) : null;
        }
        if (n.field == DtlsFields.ACK_MESSAGE) return notes.contentType(ContentTypes.ACK);
        if (n.field.abbrev.equals(DTLS_HANDSHAKE)) {
            ProtoNode t = child(n, DTLS_HANDSHAKE_TYPE);
            // Without a type: an encrypted handshake message (a Finished without keys), a handshake record's note.
            return t == null ? notes.contentType(ContentTypes.HANDSHAKE) : notes.handshake(intValue(t));
        }
        if (n.field.abbrev.equals(DTLS_ALERT)) {
            ProtoNode d = child(n, DTLS_ALERT_DESCRIPTION);
            return d == null ? notes.contentType(ContentTypes.ALERT) : notes.alert(intValue(d));
        }
        return null;
    }

    private static final String DTLS_CONTENT_TYPE = "dtls.record.content_type";
    private static final String DTLS_HANDSHAKE = "dtls.handshake";
    private static final String DTLS_HANDSHAKE_TYPE = "dtls.handshake.type";
    private static final String DTLS_ALERT = "dtls.alert_message";
    private static final String DTLS_ALERT_DESCRIPTION = "dtls.alert_message.desc";

    /** A QUIC packet item's {@link QuicPacketTypes} code: short header 1-RTT, version 0 VN, else the long type. */
    private static int quicPacketType(ProtoNode quic) {
        if (child(quic, QuicFields.SHORT.abbrev) != null) return QuicPacketTypes.ONE_RTT;
        if (child(quic, QuicFields.VN_UNUSED.abbrev) != null) return QuicPacketTypes.VERSION_NEGOTIATION;
        ProtoNode t = child(quic, QuicFields.LONG_PACKET_TYPE.abbrev);
        if (t != null && t.field == QuicFields.LONG_PACKET_TYPE) return intValue(t);
        t = child(quic, QuicFields.LONG_PACKET_TYPE_V2.abbrev);
        return t == null ? -1 : (intValue(t) + 3) % 4; // RFC 9369 3.2: v2 renumbers the long packet types
    }

    /** The message's type; a ServerHello that names a selected group is a HelloRetryRequest. */
    private static int handshakeType(ProtoNode message) {
        ProtoNode t = child(message, TlsFields.HANDSHAKE_TYPE.abbrev);
        if (t == null || t.field != TlsFields.HANDSHAKE_TYPE) return -1; // an SSLv2 message type has other codes
        int type = intValue(t);
        if (type == HandshakeTypes.SERVER_HELLO && message.first(SELECTED_GROUP) != null) return HandshakeTypes.HELLO_RETRY_REQUEST;
        return type;
    }

    private List<String> context(FrameDissection fd, ProtoNode element, Connection c) {
        if (c == null) return List.of();
        if (element.field == TlsFields.ALERT_MESSAGE) {
            for (AlertEvent a : c.alerts()) if (a.frame() == fd.number) return ContextNotes.forAlert(c, a);
            return List.of();
        }
        if (element.field == TlsFields.RECORD) {
            ProtoNode t = child(element, TlsFields.RECORD_CONTENT_TYPE.abbrev);
            if (t == null || intValue(t) != ContentTypes.CHANGE_CIPHER_SPEC) return List.of();
            for (HandshakeStep s : c.handshake()) {
                if (s.frame() == fd.number && s.kind() == HandshakeStep.Kind.CHANGE_CIPHER_SPEC) {
                    return ContextNotes.forStep(c, s, connections);
                }
            }
            return List.of();
        }
        int type = handshakeType(element);
        HandshakeStep step = step(fd, element, c, type);
        if (step == null) return List.of();
        if (type != HandshakeTypes.CLIENT_HELLO) return ContextNotes.forStep(c, step, connections);
        return ContextNotes.forStep(c, step, connections, shares(element), segments(fd));
    }

    /** The step of this message: the n-th message of its type in the frame is the n-th such step of the frame. */
    private static HandshakeStep step(FrameDissection fd, ProtoNode message, Connection c, int type) {
        int nth = 0;
        for (ProtoNode m : fd.root.find(TlsFields.HANDSHAKE.abbrev)) {
            if (m == message) break;
            if (m.field == TlsFields.HANDSHAKE && handshakeType(m) == type) nth++;
        }
        for (HandshakeStep s : c.handshake()) {
            if (s.frame() == fd.number && s.kind() == HandshakeStep.Kind.MESSAGE && !s.encrypted()
                    && s.handshakeType() == type && nth-- == 0) {
                return s;
            }
        }
        return null;
    }

    private static List<ContextNotes.Share> shares(ProtoNode clientHello) {
        List<ContextNotes.Share> out = new ArrayList<>();
        List<ProtoNode> groups = clientHello.find(KEY_SHARE_GROUP);
        List<ProtoNode> lengths = clientHello.find(KEY_SHARE_LENGTH);
        for (int i = 0; i < groups.size() && i < lengths.size(); i++) {
            out.add(new ContextNotes.Share(intValue(groups.get(i)), intValue(lengths.get(i))));
        }
        return out;
    }

    private static int segments(FrameDissection fd) {
        ProtoNode n = fd.root.first(TCP_SEGMENT_COUNT);
        return n == null ? 0 : intValue(n);
    }

    /** A 16-bit GREASE value in a list of suites, groups, versions, signature schemes... */
    private static boolean greaseValue(ProtoNode n) {
        return n.field.type == tlslens.dissect.FieldType.UINT16 && n.field.valueNames != null
                && n.value() instanceof Number v && Grease.isGrease(v.longValue());
    }

    private static boolean tls13(Connection c) { return c != null && c.versionCode() == TlsVersions.TLS13; }

    private static ProtoNode child(ProtoNode n, String abbrev) {
        for (ProtoNode ch : n.children()) if (ch.field != null && ch.field.abbrev.equals(abbrev)) return ch;
        return null;
    }

    private static int intValue(ProtoNode n) {
        return n.value() instanceof Number v ? v.intValue() : -1;
    }
}
