package tlslens.dissect;

import static tlslens.dissect.FieldType.*;

/**
 * Wireshark's "_ws.expert" fields: the subtree tshark prints under an item for each of its expert
 * notes. Our trees keep notes as {@link Expert} data on the node, not as child items; the printers
 * and the display filter present them under these names.
 */
public final class ExpertFields {
    public static final FieldDef EXPERT = Fields.protocol("_ws.expert", "Expert Info");
    public static final FieldDef MESSAGE = Fields.field("_ws.expert.message", "Message", STRING);
    public static final FieldDef GROUP = Fields.field("_ws.expert.group", "Group", UINT32, Base.NONE,
            ExpertGroup::nameOf);
    public static final FieldDef SEVERITY = Fields.field("_ws.expert.severity", "Severity level", UINT32, Base.NONE,
            Severity::nameOf);

    private ExpertFields() {}

    /** The values {@link #SEVERITY} or {@link #GROUP} can take (for filters that name them); none for other fields. */
    public static long[] codes(FieldDef f) {
        if (f == SEVERITY) return java.util.Arrays.stream(Severity.values()).mapToLong(s -> s.code).toArray();
        if (f == GROUP) return java.util.Arrays.stream(ExpertGroup.values()).mapToLong(g -> g.code).toArray();
        return new long[0];
    }

    /** The label of a note's item: "Expert Info (Warning/Sequence): message". */
    public static String label(Expert e) {
        return "Expert Info (" + e.severity().label + "/" + e.group() + "): " + e.message();
    }
}
