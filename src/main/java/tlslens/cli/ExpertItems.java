package tlslens.cli;

import tlslens.dissect.Expert;

/**
 * How tshark shows an expert note: a "[Expert Info (Chat/Sequence): ...]" subtree in the text
 * tree, an "_ws.expert" object in JSON, numeric severity and group codes (Wireshark's PI_* values).
 */
final class ExpertItems {
    static final String ABBREV = "_ws.expert";
    static final String MESSAGE = "_ws.expert.message";
    static final String SEVERITY = "_ws.expert.severity";
    static final String GROUP = "_ws.expert.group";

    private ExpertItems() {}

    static boolean isExpertField(String abbrev) {
        return abbrev.equals(ABBREV) || abbrev.equals(MESSAGE) || abbrev.equals(SEVERITY) || abbrev.equals(GROUP);
    }

    static String severityName(Expert e) {
        switch (e.severity()) {
            case CHAT: return "Chat";
            case NOTE: return "Note";
            case WARN: return "Warning";
            default: return "Error";
        }
    }

    static long severityCode(Expert e) {
        switch (e.severity()) {
            case CHAT: return 0x00200000L;
            case NOTE: return 0x00400000L;
            case WARN: return 0x00600000L;
            default: return 0x00800000L;
        }
    }

    static long groupCode(Expert e) {
        String g = e.group() == null ? "" : e.group();
        switch (g) {
            case "Checksum": return 0x01000000L;
            case "Sequence": return 0x02000000L;
            case "Response": return 0x03000000L;
            case "Request": return 0x04000000L;
            case "Undecoded": return 0x05000000L;
            case "Reassemble": return 0x06000000L;
            case "Malformed": return 0x07000000L;
            case "Debug": return 0x08000000L;
            case "Protocol": return 0x09000000L;
            case "Security": return 0x0a000000L;
            case "Comment": return 0x0b000000L;
            case "Decryption": return 0x0c000000L;
            case "Assumption": return 0x0d000000L;
            case "Deprecated": return 0x0e000000L;
            case "Receive": return 0x0f000000L;
            case "Interface": return 0x10000000L;
            case "Dissector bug": return 0x11000000L;
            default: return 0x09000000L;
        }
    }

    /** "Expert Info (Chat/Sequence): message" (shown in brackets, as it is a generated item). */
    static String label(Expert e) {
        return "Expert Info (" + severityName(e) + "/" + e.group() + "): " + e.message();
    }

    /** The -T fields cell of an expert sub-field. */
    static String cell(String abbrev, Expert e) {
        switch (abbrev) {
            case ABBREV: return label(e);
            case MESSAGE: return e.message();
            case SEVERITY: return Long.toString(severityCode(e));
            default: return Long.toString(groupCode(e));
        }
    }
}
