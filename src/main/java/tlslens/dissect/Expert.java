package tlslens.dissect;

/**
 * An expert note attached to the node it concerns. Malformed input is reported this way,
 * never by an exception leaving the dissector.
 *
 * @param group  Wireshark's expert group: "Malformed", "Sequence", "Protocol", "Reassemble", ...
 */
public record Expert(Severity severity, String group, String message) {
    public static Expert malformed(String message) { return new Expert(Severity.ERROR, "Malformed", message); }
    public static Expert warn(String group, String message) { return new Expert(Severity.WARN, group, message); }
    public static Expert note(String group, String message) { return new Expert(Severity.NOTE, group, message); }
    public static Expert chat(String group, String message) { return new Expert(Severity.CHAT, group, message); }
}
