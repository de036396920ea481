package tlslens.dissect.dtls;

import static tlslens.dissect.FieldType.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;
import tlslens.dissect.tls.base.ExtensionFields;
import tlslens.dissect.tls.base.TlsFields;
import tlslens.dissect.tls.names.SignatureAndHashFields;

/**
 * DTLS's fields. Wireshark registers the TLS message and extension fields a second time under
 * "dtls." (ssl-utils' shared hf list): those are made here from TLS's, for exactly the names tshark
 * 4.0 has ({@code tshark-4.0-dtls-fields.txt}, from {@code tshark -G fields}); the record and
 * handshake headers, which differ, are declared below.
 */
public final class DtlsFields {
    public static final FieldDef DTLS = Fields.protocol("dtls", "Datagram Transport Layer Security");
    public static final FieldDef RECORD = Fields.label("dtls.record", "Record Layer");
    public static final FieldDef EPOCH = Fields.field("dtls.record.epoch", "Epoch", UINT16, Base.DEC);
    public static final FieldDef SEQUENCE_NUMBER = Fields.field("dtls.record.sequence_number", "Sequence Number",
            UINT64, Base.DEC);
    public static final FieldDef MESSAGE_SEQ = Fields.field("dtls.handshake.message_seq", "Message Sequence",
            UINT16, Base.DEC);
    public static final FieldDef FRAGMENT_OFFSET = Fields.field("dtls.handshake.fragment_offset", "Fragment Offset",
            UINT24, Base.DEC);
    public static final FieldDef FRAGMENT_LENGTH = Fields.field("dtls.handshake.fragment_length", "Fragment Length",
            UINT24, Base.DEC);
    public static final FieldDef COOKIE_LENGTH = Fields.field("dtls.handshake.cookie_length", "Cookie Length",
            UINT8, Base.DEC);
    public static final FieldDef COOKIE = Fields.field("dtls.handshake.cookie", "Cookie", BYTES);
    public static final FieldDef FRAGMENTS = Fields.label("dtls.fragments", "Message fragments");
    public static final FieldDef FRAGMENT = Fields.field("dtls.fragment", "Message fragment", FRAMENUM);
    public static final FieldDef FRAGMENT_COUNT = Fields.field("dtls.fragment.count", "Message fragment count",
            UINT32, Base.DEC);
    public static final FieldDef REASSEMBLED_IN = Fields.field("dtls.reassembled.in", "Reassembled in", FRAMENUM);
    public static final FieldDef REASSEMBLED_LENGTH = Fields.field("dtls.reassembled.length",
            "Reassembled DTLS length", UINT32, Base.DEC);
    /** Ours: a record whose handshake message this side already sent whole (a retransmitted flight). */
    public static final FieldDef RETRANSMISSION = Fields.field("dtls.handshake.retransmission",
            "Retransmission of the message first sent in frame", FRAMENUM);

    /** The application data record's bytes as sent (tshark names them so also when it decrypted them). */
    public static final FieldDef APP_DATA = Fields.field("dtls.app_data", "Encrypted Application Data", BYTES);
    /** tshark 4.0 registers DTLS's verify_data without a type: a label with no value. */
    public static final FieldDef VERIFY_DATA = Fields.label("dtls.handshake.verify_data", "Verify Data");

    // DTLS 1.3 (RFC 9147); tshark 4.0 has none of these: the names are Wireshark 4.2's.
    public static final FieldDef UNIFIED_HEADER = Fields.field("dtls.unified_header.bitmask", "Unified header bitmask",
            UINT8, Base.HEX);
    public static final FieldDef UH_FIXED = Fields.bits("dtls.unified_header.fixed", "Fixed bits", UINT8, Base.HEX,
            0xe0, null);
    public static final FieldDef UH_CID = Fields.flag("dtls.unified_header.cid_present", "CID field", 8, 0x10,
            v -> v != 0 ? "Present" : "Not present");
    public static final FieldDef UH_SEQ = Fields.flag("dtls.unified_header.seq_size", "Sequence number size", 8, 0x08,
            v -> v != 0 ? "16 bits" : "8 bits");
    public static final FieldDef UH_LENGTH = Fields.flag("dtls.unified_header.length", "Length field", 8, 0x04,
            v -> v != 0 ? "Present" : "Not present");
    public static final FieldDef UH_EPOCH = Fields.bits("dtls.unified_header.epoch_bits", "Epoch lowest-order bits",
            UINT8, Base.DEC, 0x03, null);
    public static final FieldDef CONNECTION_ID = Fields.field("dtls.record.connection_id", "Connection ID", BYTES);
    public static final FieldDef SEQUENCE_SUFFIX = Fields.field("dtls.record.sequence_suffix",
            "Sequence Number suffix", UINT16, Base.DEC);
    public static final FieldDef SEQUENCE_SUFFIX_DEC = Fields.field("dtls.record.sequence_suffix_dec",
            "Sequence Number suffix (decrypted)", UINT16, Base.DEC);
    public static final FieldDef ENC_CONTENT = Fields.field("dtls.enc_content", "Encrypted Record Content", BYTES);
    public static final FieldDef ACK_MESSAGE = Fields.label("dtls.ack_message", "Acknowledgement Message");
    public static final FieldDef ACK_LENGTH = Fields.field("dtls.ack.record_numbers_length", "Record Number Length",
            UINT16, Base.DEC);
    public static final FieldDef ACK_RECORD_NUMBERS = Fields.label("dtls.ack.record_numbers", "Record Numbers");

    /** TLS's field of each mirrored name → DTLS's. */
    private static final Map<FieldDef, FieldDef> MIRROR = new HashMap<>();

    static {
        // The TLS field holders must have registered their fields before they are mirrored.
        Object[] init = {TlsFields.TLS, ExtensionFields.COOKIE, SignatureAndHashFields.ALGORITHM};
        Set<String> names = tsharkNames();
        for (FieldDef f : Fields.registered()) {
            if (!f.abbrev.startsWith("tls.")) continue;
            String d = "d" + f.abbrev;
            if (!names.contains(d)) continue;
            FieldDef existing = Fields.registered(d);
            MIRROR.putIfAbsent(f, existing != null ? existing : Fields.renamed(f, d));
        }
    }

    private DtlsFields() {}

    /**
     * DTLS's field for a field of a TLS message body: its "dtls." twin, the field itself when it is
     * no TLS field (X.509's), null for a TLS field DTLS does not have (JA3, JA4).
     */
    public static FieldDef mirror(FieldDef tls) {
        if (!tls.abbrev.startsWith("tls.")) return tls;
        return MIRROR.get(tls);
    }

    private static Set<String> tsharkNames() {
        Set<String> s = new HashSet<>();
        try (InputStream in = DtlsFields.class.getResourceAsStream("tshark-4.0-dtls-fields.txt")) {
            if (in == null) throw new IllegalStateException("tshark-4.0-dtls-fields.txt is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) s.add(line.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }
}
