package tlslens.dissect;

/**
 * The "_ws.malformed" field that marks a part of a packet we could not decode, and its notes
 * (Wireshark's ei_malformed, ei_malformed_dissector_bug, ei_malformed_reassembly).
 */
public final class Malformed {
    public static final FieldDef FIELD = Fields.label("_ws.malformed", "Malformed Packet");

    /** What Wireshark notes when a dissector runs out of data; ours carries the reason as its text. */
    public static final ExpertDef EXCEPTION = Fields.expert("_ws.malformed.expert", ExpertGroup.MALFORMED,
            Severity.ERROR, "Malformed Packet (Exception occurred)");
    public static final ExpertDef DISSECTOR_BUG = Fields.expert("_ws.malformed.dissector_bug", ExpertGroup.MALFORMED,
            Severity.ERROR, "Dissector bug");
    public static final ExpertDef REASSEMBLY = Fields.expert("_ws.malformed.reassembly", ExpertGroup.MALFORMED,
            Severity.ERROR, "Reassembly error");

    private Malformed() {}
}
