package tlslens.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.analysis.SkippedMessage;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.engine.Transport;

/**
 * --connections as JSON: an array with one object per connection (TCP, QUIC, DTLS: see "transport"). Values are JSON numbers,
 * booleans and nulls (unknown stays null); times are milliseconds with microsecond precision.
 * Pretty-printed with two spaces per level; small flat objects (handshake steps, alerts) on one
 * line each so that a handshake reads like a ladder.
 */
final class ConnectionJson {
    private ConnectionJson() {}

    static String write(List<Connection> connections) {
        List<Object> array = new ArrayList<>(connections.size());
        for (Connection c : connections) array.add(object(c));
        StringBuilder sb = new StringBuilder();
        value(sb, array, 0);
        return sb.append('\n').toString();
    }

    /**
     * As {@link #write(List)}, into {@code out} one connection at a time: a capture of 300,000
     * connections never holds its whole text (nor every connection's map) at once.
     */
    static void write(List<Connection> connections, java.io.PrintStream out) {
        if (connections.isEmpty()) {
            out.print("[]\n");
            return;
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < connections.size(); i++) {
            if (i > 0) sb.append(',');
            newline(sb, 1);
            value(sb, object(connections.get(i)), 1);
            out.append(sb);
            sb.setLength(0);
        }
        newline(sb, 0);
        out.append(sb.append("]\n"));
    }

    static Map<String, Object> object(Connection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", c.index());
        m.put("client", c.client());
        m.put("server", c.server());
        m.put("sni", c.sni());
        m.put("alpn", c.alpn());
        m.put("version", c.version());
        m.put("cipher_suite", c.cipherSuite());
        m.put("group", c.group());
        m.put("resumption", c.tls() ? c.resumption().label() : null);
        m.put("resumption_offered", c.tls() ? c.resumptionOffered() : null);
        m.put("early_data", c.earlyData());
        m.put("resumed_from", c.resumedFrom());
        m.put("resumed_from_reason", c.resumedFromReason());
        List<String> skippedNames = new ArrayList<>();
        List<Object> skippedDetail = new ArrayList<>();
        for (SkippedMessage s : c.skipped()) {
            skippedNames.add(s.message());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("message", s.message());
            d.put("from", s.from());
            d.put("bytes", s.bytes());
            skippedDetail.add(d);
        }
        m.put("skipped", skippedNames);
        List<Object> steps = new ArrayList<>();
        for (HandshakeStep s : c.handshake()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("frame", s.frame());
            d.put("from", s.from());
            d.put("message", s.message());
            // Issue 15: the message's tls.handshake.type as on the wire (a HelloRetryRequest is a ServerHello); null
            // for what is not a readable TLS handshake message.
            d.put("type", !s.kind().equals(HandshakeStep.Kind.MESSAGE) || s.encrypted()
                    || s.contentType() == tlslens.dissect.tls.HandshakeLog.SSL2_RECORD ? null
                    : s.handshakeType() == HandshakeTypes.HELLO_RETRY_REQUEST ? HandshakeTypes.SERVER_HELLO : s.handshakeType());
            d.put("bytes", s.bytes());
            d.put("time", millis(s.timeMs()));
            // Issue 12: travelled encrypted, whether or not a key log decrypted it; "decrypted" says which.
            d.put("encrypted", s.wireEncrypted());
            d.put("decrypted", s.decrypted());
            if (s.quic()) {
                // Issue 15: the packet type that carried it, and the frames whose CRYPTO frames held its bytes.
                d.put("packet_type", QuicPacketTypes.name(s.quicPacketType()));
                if (!s.cryptoFrames().isEmpty()) d.put("crypto_frames", new Raw(s.cryptoFrames().toString()));
            }
            if (s.retransmission()) d.put("retransmission", true);
            steps.add(d);
        }
        m.put("handshake", steps);
        m.put("handshake_ms", millis(c.handshakeMs()));
        m.put("round_trips", c.roundTrips());
        // Issue 15: tcp, quic or dtls; index is then tcp.stream, quic.connection.number or udp.stream.
        m.put("transport", c.transport().label());
        m.put("udp_stream", c.udpStream() < 0 ? null : c.udpStream());
        m.put("quic_version", c.quicVersion() < 0 ? null : c.quicVersion());
        m.put("retry", c.transport() == Transport.QUIC ? c.retry() : null);
        m.put("version_negotiation", c.transport() == Transport.QUIC ? c.versionNegotiation() : null);
        m.put("hello_verify_request", c.transport() == Transport.DTLS ? c.helloVerifyRequest() : null);
        m.put("retransmitted_messages", c.transport() == Transport.DTLS ? c.retransmittedMessages() : null);
        // Beyond issue 4's list: what a reader of the above wants next.
        m.put("established", c.tls() ? c.established() : null);
        m.put("alpn_offered", c.alpnOffered());
        m.put("psk_mode", c.pskMode());
        m.put("early_data_offered", c.tls() ? c.earlyDataOffered() : null);
        m.put("early_data_reason", c.earlyDataReason());
        m.put("hello_retry_request", c.tls() ? c.helloRetryRequest() : null);
        m.put("skipped_detail", skippedDetail);
        m.put("skipped_bytes", c.skippedBytes());
        m.put("round_trips_saved", c.roundTripsSaved());
        // Issue 5: "decrypted", "no keys: ...", "keys did not match: ..." (null when not TLS).
        m.put("decryption", c.decryption() == null ? null : c.decryption().describe());
        // Issue 13: with an RSA keys list, why the server's key did or did not open it (RSA_DECRYPTED,
        // FORWARD_SECRET_ECDHE, ...; null without RSA keys).
        m.put("rsa_key_verdict", c.decryption() == null || c.decryption().keyExchange() == null ? null
                : c.decryption().keyExchange().name());
        List<Object> alerts = new ArrayList<>();
        for (AlertEvent a : c.alerts()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("frame", a.frame());
            d.put("from", a.from());
            d.put("level", a.level());
            d.put("description", a.description());
            d.put("encrypted", a.wireEncrypted());
            d.put("decrypted", a.wireEncrypted() && !a.encrypted());
            d.put("time", millis(a.timeMs()));
            alerts.add(d);
        }
        m.put("alerts", alerts);
        m.put("findings", c.findings());
        m.put("first_frame", c.firstFrame());
        m.put("last_frame", c.lastFrame());
        m.put("bytes_client_to_server", c.bytesClientToServer());
        m.put("bytes_server_to_client", c.bytesServerToClient());
        return m;
    }

    /** Milliseconds as a JSON number with microsecond precision ("12.345"), or null. */
    private static Object millis(Double ms) {
        return ms == null ? null : new Raw(threeDecimals(ms));
    }

    /**
     * {@code String.format(Locale.ROOT, "%.3f", v)} without a Formatter (which looked up the locale's
     * symbols for every number: a tenth of --connections' JSON on 54,000 connections). The same
     * rounding: the shortest decimal digits of v, then half up.
     */
    static String threeDecimals(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.format(Locale.ROOT, "%.3f", v);
        String t = new java.math.BigDecimal(Double.toString(v)).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && t.charAt(0) != '-' ? "-" + t : t;
    }

    /** A number already formatted. */
    private record Raw(String text) {}

    private static void value(StringBuilder sb, Object v, int depth) {
        if (v == null) sb.append("null");
        else if (v instanceof Raw r) sb.append(r.text);
        else if (v instanceof Number || v instanceof Boolean) sb.append(v);
        else if (v instanceof String s) string(sb, s);
        else if (v instanceof Map<?, ?> m) object(sb, m, depth);
        else if (v instanceof List<?> l) array(sb, l, depth);
        else string(sb, v.toString());
    }

    private static void object(StringBuilder sb, Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        boolean inline = depth >= 2 && flat(m.values());
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) sb.append(inline ? ", " : ",");
            first = false;
            if (!inline) newline(sb, depth + 1);
            string(sb, e.getKey().toString());
            sb.append(": ");
            value(sb, e.getValue(), depth + 1);
        }
        if (!inline) newline(sb, depth);
        sb.append('}');
    }

    private static void array(StringBuilder sb, List<?> l, int depth) {
        if (l.isEmpty()) {
            sb.append("[]");
            return;
        }
        if (flat(l)) {
            // Short lists of names stay on one line.
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(", ");
                value(sb, l.get(i), depth + 1);
            }
            sb.append(']');
            return;
        }
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(',');
            newline(sb, depth + 1);
            value(sb, l.get(i), depth + 1);
        }
        newline(sb, depth);
        sb.append(']');
    }

    private static boolean flat(Iterable<?> values) {
        for (Object v : values) if (v instanceof Map || v instanceof List) return false;
        return true;
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        for (int i = 0; i < depth; i++) sb.append("  ");
    }

    private static void string(StringBuilder sb, String s) { JsonWriter.quote(sb, s); }
}
