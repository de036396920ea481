package tlslens.ui.model;

import tlslens.dissect.FrameSummary;

/**
 * The row colours before colouring rules (the removed ui.model.RowKind), kept as the reference
 * that the default rules are compared with (DefaultColouringRulesTest): classified by searching
 * the Protocol and Info columns for words.
 */
enum InfoTextRowKind {
    ALERT("Alert"),
    TCP_PROBLEM("TCP problem"),
    RESUMED("Resumed handshake"),
    HANDSHAKE("Handshake"),
    APP_DATA("Application data"),
    TCP("TCP"),
    OTHER("Other");

    private final String label;

    InfoTextRowKind(String label) { this.label = label; }

    /** The legend's wording, which is also the name of the default rule for the kind. */
    String label() { return label; }

    static InfoTextRowKind classify(FrameSummary s) { return classify(s.protocol(), s.info()); }

    /**
     * The order of the tests is the order of importance: an alert or a TCP problem shows even
     * when the frame also carries handshake or application data.
     */
    static InfoTextRowKind classify(String protocol, String info) {
        String p = protocol == null ? "" : protocol;
        String i = info == null ? "" : info;
        boolean tls = p.startsWith("TLS") || p.startsWith("SSL");
        if (tls && i.contains("Alert")) return ALERT;
        if (isTcpProblem(i)) return TCP_PROBLEM;
        if (tls) {
            // An abbreviated TLS 1.2 handshake: the server resumes straight into Change Cipher Spec.
            if (i.contains("Server Hello") && i.contains("Change Cipher Spec") && !i.contains("Certificate")
                    && !i.contains("Application Data")) {
                return RESUMED;
            }
            if (i.contains("Hello") || i.contains("Certificate") || i.contains("Key Exchange")
                    || i.contains("Change Cipher Spec") || i.contains("Session Ticket") || i.contains("Finished")
                    || i.contains("Handshake") || i.contains("Key Update")) {
                return HANDSHAKE;
            }
            if (i.contains("Application Data") || i.contains("Early Data")) return APP_DATA;
            return OTHER;
        }
        if (p.equals("TCP")) return TCP;
        return OTHER;
    }

    /** tshark's TCP analysis notes that mean data went missing or was repeated. */
    private static boolean isTcpProblem(String info) {
        return info.contains("[TCP Retransmission]") || info.contains("[TCP Fast Retransmission]")
                || info.contains("[TCP Spurious Retransmission]") || info.contains("[TCP Previous segment not captured]")
                || info.contains("[TCP ACKed unseen segment]") || info.contains("[TCP Out-Of-Order]")
                || info.contains("[TCP Dup ACK") || info.contains("[TCP ZeroWindow") || info.contains("[TCP Window Full]")
                || info.contains("[TCP Lost") || info.contains("[Malformed");
    }
}
