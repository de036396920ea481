package tlslens.dissect.tls.names;

/**
 * Names of QUIC transport parameters and QUIC versions as tshark 4.0 prints them
 * (packet-tls-utils.c quic_transport_parameter_id, packet-quic.c quic_version_vals).
 */
public final class QuicTransportParameterNames {
    private QuicTransportParameterNames() {}

    /** tshark 4.0's name of a transport parameter id, or null. */
    public static String name(long id) {
        if (id == 0x00) return "original_destination_connection_id";
        if (id == 0x01) return "max_idle_timeout";
        if (id == 0x02) return "stateless_reset_token";
        if (id == 0x03) return "max_udp_payload_size";
        if (id == 0x04) return "initial_max_data";
        if (id == 0x05) return "initial_max_stream_data_bidi_local";
        if (id == 0x06) return "initial_max_stream_data_bidi_remote";
        if (id == 0x07) return "initial_max_stream_data_uni";
        if (id == 0x08) return "initial_max_streams_bidi";
        if (id == 0x09) return "initial_max_streams_uni";
        if (id == 0x0a) return "ack_delay_exponent";
        if (id == 0x0b) return "max_ack_delay";
        if (id == 0x0c) return "disable_active_migration";
        if (id == 0x0d) return "preferred_address";
        if (id == 0x0e) return "active_connection_id_limit";
        if (id == 0x0f) return "initial_source_connection_id";
        if (id == 0x10) return "retry_source_connection_id";
        if (id == 0x11) return "version_information";
        if (id == 0x20) return "max_datagram_frame_size";
        if (id == 0x1000) return "cibir_encoding";
        if (id == 0x1057) return "loss_bits";
        if (id == 0x2ab2) return "grease_quic_bit";
        if (id == 0x7157) return "enable_time_stamp";
        if (id == 0x7158) return "enable_time_stamp_v2";
        if (id == 0xde1aL) return "min_ack_delay";
        if (id == 0x3129) return "google_user_agent";
        if (id == 0x312b) return "google_key_update_not_yet_supported";
        if (id == 0x4752) return "google_quic_version";
        if (id == 0x3127) return "google_initial_rtt";
        if (id == 0x312a) return "google_support_handshake_done";
        if (id == 0x4751) return "google_quic_params";
        if (id == 0x3128) return "google_connection_options";
        if (id == 0xff00) return "facebook_partial_reliability";
        if (id == 0xff03de1aL) return "min_ack_delay";
        return null;
    }

    /** Reserved ids of the form 31 * N + 27 (RFC 9000 section 18.1), in unsigned 64-bit arithmetic. */
    public static boolean isGrease(long id) {
        // Below 27 there is no N (ids 0x00-0x1a are RFC 9000's own: max_ack_delay is 0x0b).
        return Long.compareUnsigned(id, 27) >= 0 && Long.remainderUnsigned(id - 27, 31) == 0;
    }

    /** The Type item's text: "initial_max_data (0x04)", "GREASE (0x...)", "Unknown (0x...)". */
    public static String typeLabel(long id) {
        String label;
        if (isGrease(id)) label = "GREASE";
        else if (Long.compareUnsigned(id, 0xffffffffL) > 0) label = "Unknown";
        else {
            String n = name(id);
            label = n == null ? "Unknown" : n;
        }
        return label + " (0x" + hex(id, 2) + ")";
    }

    /** The name part of a parameter subtree: "initial_max_data", "GREASE", "Unknown 0xff73db". */
    public static String treeName(long id) {
        if (isGrease(id)) return "GREASE";
        if (Long.compareUnsigned(id, 0xffffffffL) > 0) return "Unknown 0x" + hex(id, 8);
        String n = name(id);
        return n != null ? n : "Unknown 0x" + hex(id, 4);
    }

    public static String hex(long v, int minDigits) {
        String h = Long.toHexString(v);
        return h.length() >= minDigits ? h : "0".repeat(minDigits - h.length()) + h;
    }

    /** enable_time_stamp_v2 values (draft-huitema-quic-ts-03). */
    public static String timeStampV2(long v) {
        if (v == 1) return "I would like to receive TIME_STAMP frames";
        if (v == 2) return "I am able to generate TIME_STAMP frames";
        if (v == 3) return "I am able to generate TIME_STAMP frames and I would like to receive them";
        return null;
    }

    /** A QUIC version's name as in tshark 4.0's quic_version_vals, or null. */
    public static String quicVersion(long v) {
        v &= 0xffffffffL;
        if (v == 0) return "Version Negotiation";
        if (v == 1) return "1";
        if (v == 0x6b3343cfL) return "2";
        if (v == 0x709a50c4L) return "v2-draft-01";
        if (v == 0xff020000L) return "v2-draft-00";
        if (v >= 0x45474700L && v <= 0x454747ffL) return "Quant";
        if (v >= 0x50435130L && v <= 0x5043513fL) return "Picoquic internal";
        if (v == 0x50524f58L) return "Proxied QUIC (PROX)";
        if (v == 0x51303433L) return "Google Q043";
        if (v == 0x51303434L) return "Google Q044";
        if (v == 0x51303436L) return "Google Q046";
        if (v == 0x51303530L) return "Google Q050";
        if (v == 0x54303530L) return "Google T050";
        if (v == 0x54303531L) return "Google T051";
        if (v >= 0x91c17000L && v <= 0x91c170ffL) return "Quicly";
        if (v >= 0xabcd0000L && v <= 0xabcd000fL) return "MsQuic";
        if (v >= 0xf0f0f0f0L && v <= 0xf0f0f0ffL) return "ETH Z\u00fcrich (Measurability experiments)";
        if (v >= 0xf0f0f1f0L && v <= 0xf0f0f1ffL) return "Telecom Italia (Measurability experiments)";
        if (v >= 0xf123f0c0L && v <= 0xf123f0cfL) return "MozQuic";
        if (v == 0xfaceb001L) return "Facebook mvfst (draft-22)";
        if (v == 0xfaceb002L) return "Facebook mvfst (draft-27)";
        if (v == 0xfaceb00eL) return "Facebook mvfst (Experimental)";
        if (v >= 0xfaceb003L && v <= 0xfaceb00fL) return "Facebook mvfst";
        if (v >= 0xff000004L && v <= 0xff000022L) return "draft-" + String.format("%02d", v - 0xff000000L);
        return null;
    }

    /** "1 (0x00000001)", with " (GREASE)" after reserved versions as tshark appends it. */
    public static String versionLabel(long v) {
        String n = quicVersion(v);
        String s = (n == null ? "Unknown" : n) + " (0x" + hex(v & 0xffffffffL, 8) + ")";
        if ((v & 0x0f0f0f0fL) == 0x0a0a0a0aL) s += " (GREASE)";
        return s;
    }
}
