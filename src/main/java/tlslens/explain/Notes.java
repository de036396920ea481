package tlslens.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tlslens.dissect.FieldDef;
import tlslens.dissect.quic.QuicFields;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.registry.FieldRegistry;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;

/**
 * The notes, read once from {@code tlslens/explain/notes.txt}: the one place where what a message,
 * extension, record type, alert or lesson field is for is written down (adding one is one entry
 * there). Keys are the codes of {@code tlslens.dissect.tls.names} and Wireshark field names, as the
 * dissector carries them; titles are made from the names tables and the field registry.
 */
public final class Notes {
    static final String RESOURCE = "/tlslens/explain/notes.txt";
    /** The topic of a ChangeCipherSpec in a TLS 1.3 connection. */
    public static final String TLS13_CHANGE_CIPHER_SPEC = "tls13.change_cipher_spec";
    /** The topic of a GREASE value (RFC 8701) in a list or as an extension. */
    public static final String GREASE = "grease";

    private static final Map<String, String> TOPIC_TITLES = Map.of(
            TLS13_CHANGE_CIPHER_SPEC, "Change Cipher Spec in TLS 1.3",
            GREASE, "GREASE (a reserved value)",
            "dtls13.unified_header", "DTLS 1.3 unified header",
            "dtls.record", "DTLS record header (epoch and sequence number)");

    private static volatile Notes instance;

    private final Map<String, Note> byKey;

    private Notes(Map<String, Note> byKey) { this.byKey = byKey; }

    /** The notes shipped with the program. */
    public static Notes get() {
        Notes n = instance;
        if (n == null) {
            synchronized (Notes.class) {
                if (instance == null) instance = load();
                n = instance;
            }
        }
        return n;
    }

    public Note handshake(int type) { return byKey.get(id(Note.Kind.HANDSHAKE, Integer.toString(type))); }

    public Note extension(int type) { return byKey.get(id(Note.Kind.EXTENSION, Integer.toString(type))); }

    public Note contentType(int type) { return byKey.get(id(Note.Kind.CONTENT, Integer.toString(type))); }

    public Note alert(int description) { return byKey.get(id(Note.Kind.ALERT, Integer.toString(description))); }

    /** The note of the field with this Wireshark name, or null. */
    public Note field(String abbrev) { return byKey.get(id(Note.Kind.FIELD, abbrev)); }

    public Note topic(String name) { return byKey.get(id(Note.Kind.TOPIC, name)); }

    /** The note of a QUIC packet type (a {@link QuicPacketTypes} code: Initial, 0-RTT, Handshake, Retry, 1-RTT, VN). */
    public Note quicPacket(int type) { return byKey.get(id(Note.Kind.QUIC_PACKET, Integer.toString(type))); }

    /** The note of a QUIC frame type; the types of one frame (STREAM's 0x08-0x0f, ACK with ECN...) share it. */
    public Note quicFrame(long type) { return byKey.get(id(Note.Kind.QUIC_FRAME, Long.toString(frameNoteKey(type)))); }

    /** The first type of the frame's range: 0x08-0x0f STREAM, 0x02/0x03 ACK, 0x12/0x13, 0x16/0x17, 0x1c/0x1d, 0x30/0x31. */
    static long frameNoteKey(long type) {
        if (type >= 0x08 && type <= 0x0f) return 0x08;
        if (type == 0x03 || type == 0x13 || type == 0x17 || type == 0x1d || type == 0x31) return type - 1;
        return type;
    }

    /** The topic of a DTLS 1.3 record's unified header (RFC 9147 4). */
    public static final String DTLS13_UNIFIED_HEADER = "dtls13.unified_header";

    /** Every note, in the file's order. */
    public List<Note> all() { return List.copyOf(byKey.values()); }

    private static String id(Note.Kind kind, String key) { return kind + " " + key; }

    private static Notes load() {
        try (InputStream in = Notes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            return new Notes(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Entries: a line {@code == KIND KEY}, a line of references separated by ";", then the text (its lines
     * joined with spaces) up to the next entry. Lines starting with {@code #} are comments.
     */
    static Map<String, Note> parse(String text) {
        Map<String, Note> out = new LinkedHashMap<>();
        String[] head = null;
        List<String> refs = null;
        StringBuilder body = new StringBuilder();
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            for (String raw; (raw = r.readLine()) != null; ) {
                lineNo++;
                String line = raw.strip();
                if (line.startsWith("#")) continue;
                if (line.startsWith("==")) {
                    add(out, head, refs, body);
                    head = line.substring(2).strip().split("\\s+", 2);
                    if (head.length != 2) throw new IllegalArgumentException("notes line " + lineNo + ": expected '== KIND KEY'");
                    refs = null;
                    body.setLength(0);
                } else if (line.isEmpty()) {
                    continue;
                } else if (head == null) {
                    throw new IllegalArgumentException("notes line " + lineNo + ": text before the first entry");
                } else if (refs == null) {
                    refs = new ArrayList<>();
                    for (String ref : line.split(";")) if (!ref.isBlank()) refs.add(ref.strip());
                } else {
                    if (body.length() > 0) body.append(' ');
                    body.append(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        add(out, head, refs, body);
        return Collections.unmodifiableMap(out);
    }

    private static void add(Map<String, Note> out, String[] head, List<String> refs, StringBuilder body) {
        if (head == null) return;
        Note.Kind kind = switch (head[0]) {
            case "handshake" -> Note.Kind.HANDSHAKE;
            case "extension" -> Note.Kind.EXTENSION;
            case "content" -> Note.Kind.CONTENT;
            case "alert" -> Note.Kind.ALERT;
            case "field" -> Note.Kind.FIELD;
            case "topic" -> Note.Kind.TOPIC;
            case "quic-packet" -> Note.Kind.QUIC_PACKET;
            case "quic-frame" -> Note.Kind.QUIC_FRAME;
            default -> throw new IllegalArgumentException("notes: unknown kind " + head[0]);
        };
        String key = head[1];
        if (kind != Note.Kind.FIELD && kind != Note.Kind.TOPIC) {
            key = Long.toString(key.startsWith("0x") ? Long.parseLong(key.substring(2), 16) : Long.parseLong(key));
        }
        if (refs == null || body.length() == 0) throw new IllegalArgumentException("notes: " + kind + " " + key + " has no text");
        Note n = new Note(kind, key, title(kind, key), List.copyOf(refs), body.toString());
        if (out.putIfAbsent(id(kind, key), n) != null) throw new IllegalArgumentException("notes: " + kind + " " + key + " twice");
    }

    private static String title(Note.Kind kind, String key) {
        return switch (kind) {
            case HANDSHAKE -> HandshakeTypes.nameOrUnknown(Long.parseLong(key));
            case EXTENSION -> "Extension: " + ExtensionTypes.nameOrUnknown(Long.parseLong(key));
            case CONTENT -> ContentTypes.nameOrUnknown(Long.parseLong(key)) + " record";
            case ALERT -> "Alert: " + AlertDescriptions.nameOrUnknown(Long.parseLong(key));
            case FIELD -> {
                FieldDef f = FieldRegistry.byName(key);
                yield f == null ? key : f.name;
            }
            case TOPIC -> TOPIC_TITLES.getOrDefault(key, key);
            case QUIC_PACKET -> "QUIC " + QuicPacketTypes.name(Integer.parseInt(key)) + " packet";
            case QUIC_FRAME -> {
                String n = QuicFields.frameTypeName(Long.parseLong(key));
                yield "QUIC " + (n == null ? "frame 0x" + Long.toHexString(Long.parseLong(key)) : n + " frame");
            }
        };
    }
}
