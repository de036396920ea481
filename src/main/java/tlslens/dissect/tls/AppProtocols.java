package tlslens.dissect.tls;

import java.util.Map;

/**
 * The application protocol tshark names in "Application Data Protocol: ...": the one an ALPN
 * answer selects, else the one Wireshark's tls.port table associates with either port.
 */
final class AppProtocols {
    static final String HTTP = "Hypertext Transfer Protocol";
    static final String HTTP2 = "HyperText Transfer Protocol 2";

    /** tshark 4.0's "tls.port" associations (tshark -G decodes), as protocol long names. */
    private static final Map<Integer, String> BY_PORT = Map.ofEntries(
            Map.entry(324, "RPKI-Router Protocol"),
            Map.entry(443, HTTP),
            Map.entry(465, "Simple Mail Transfer Protocol"),
            Map.entry(636, "Lightweight Directory Access Protocol"),
            Map.entry(802, "Modbus/TCP"),
            Map.entry(853, "Domain Name System"),
            Map.entry(993, "Internet Message Access Protocol"),
            Map.entry(995, "Post Office Protocol"),
            Map.entry(1300, "Q.931"),
            Map.entry(2221, "EtherNet/IP (Industrial Protocol)"),
            Map.entry(2443, "Skinny Client Control Protocol"),
            Map.entry(3249, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"),
            Map.entry(3250, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"),
            Map.entry(3251, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"),
            Map.entry(3252, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"),
            Map.entry(3389, "TPKT - ISO on TCP - RFC1006"),
            Map.entry(3496, "DoIP (ISO13400) Protocol"),
            Map.entry(5061, "Session Initiation Protocol"),
            Map.entry(5671, "Advanced Message Queuing Protocol"),
            Map.entry(5684, "Constrained Application Protocol"),
            Map.entry(5868, "Diameter Protocol"),
            Map.entry(8883, "MQ Telemetry Transport Protocol"),
            Map.entry(11207, "Couchbase Protocol"),
            Map.entry(19999, "Distributed Network Protocol 3.0"),
            Map.entry(27017, "Mongo Wire Protocol"));

    /**
     * Protocols that switch to TLS in-band (STARTTLS and friends): tshark names them because the
     * cleartext dissector hands the conversation over; by port is the closest we get without it.
     */
    private static final Map<Integer, String> STARTTLS_PORTS = Map.ofEntries(
            Map.entry(21, "File Transfer Protocol (FTP)"),
            // HTTP CONNECT tunnels (proxies) hand over to TLS inside HTTP.
            Map.entry(80, HTTP),
            Map.entry(3128, HTTP),
            Map.entry(8080, HTTP),
            Map.entry(25, "Simple Mail Transfer Protocol"),
            Map.entry(110, "Post Office Protocol"),
            Map.entry(143, "Internet Message Access Protocol"),
            Map.entry(389, "Lightweight Directory Access Protocol"),
            Map.entry(587, "Simple Mail Transfer Protocol"),
            Map.entry(3306, "MySQL Protocol"),
            Map.entry(5222, "XMPP Protocol"),
            Map.entry(5269, "XMPP Protocol"),
            Map.entry(5432, "PostgreSQL"));

    /** Wireshark's "tls.alpn" registrations (exact protocol ids). */
    private static final Map<String, String> BY_ALPN = Map.ofEntries(
            Map.entry("http/1.1", HTTP),
            Map.entry("h2", HTTP2),
            Map.entry("imap", "Internet Message Access Protocol"),
            Map.entry("pop3", "Post Office Protocol"),
            Map.entry("ftp", "File Transfer Protocol (FTP)"),
            Map.entry("dot", "Domain Name System"),
            Map.entry("coap", "Constrained Application Protocol"),
            Map.entry("mqtt", "MQ Telemetry Transport Protocol"),
            Map.entry("stun.turn", "Session Traversal Utilities for NAT"),
            Map.entry("stun.nat-discovery", "Session Traversal Utilities for NAT"));

    private AppProtocols() {}

    static String byPort(int port) {
        String p = BY_PORT.get(port);
        return p != null ? p : STARTTLS_PORTS.get(port);
    }

    /** The protocol an ALPN protocol id selects, or null (Wireshark also matches the "h2-" draft prefix). */
    static String byAlpn(String id) {
        if (id == null) return null;
        String p = BY_ALPN.get(id);
        if (p == null && id.startsWith("h2-")) p = HTTP2;
        return p;
    }
}
