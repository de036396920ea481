package tlslens.ui.controls;

import tlslens.dissect.Expert;
import tlslens.dissect.Severity;

/**
 * One of the rows tshark -V prints for an expert note under the item it concerns:
 * <pre>
 *     [Expert Info (Warning/Sequence): Previous segment(s) not captured]
 *         [Previous segment(s) not captured]
 *         [Severity level: Warning]
 *         [Group: Sequence]
 * </pre>
 */
public record ExpertRow(Expert expert, Part part) {
    public enum Part { ITEM, MESSAGE, SEVERITY, GROUP }

    /** The row's label, brackets included (they are generated items). */
    public String text() {
        return "[" + value() + "]";
    }

    /** The label without brackets; what "Copy Value" gives. */
    public String value() {
        return switch (part) {
            case ITEM -> "Expert Info (" + severityName(expert.severity()) + "/" + expert.group() + "): " + expert.message();
            case MESSAGE -> expert.message();
            case SEVERITY -> "Severity level: " + severityName(expert.severity());
            case GROUP -> "Group: " + expert.group();
        };
    }

    /**
     * Wireshark's filter field for the row: _ws.expert and its sub-fields, except that the message
     * line is the note's own item (tcp.analysis.out_of_order), as tshark builds it.
     */
    public String fieldName() {
        return switch (part) {
            case ITEM -> "_ws.expert";
            case MESSAGE -> expert.def().abbrev();
            case SEVERITY -> "_ws.expert.severity";
            case GROUP -> "_ws.expert.group";
        };
    }

    /** Wireshark's severity names (expert_severity_vals). */
    public static String severityName(Severity s) {
        return switch (s) {
            case CHAT -> "Chat";
            case NOTE -> "Note";
            case WARN -> "Warning";
            case ERROR -> "Error";
        };
    }

    /** The CSS class that colours an item with a note of this severity. */
    public static String styleClass(Severity s) {
        return switch (s) {
            case CHAT -> "expert-chat";
            case NOTE -> "expert-note";
            case WARN -> "expert-warn";
            case ERROR -> "expert-error";
        };
    }
}
