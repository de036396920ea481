package tlslens.dissect;

/**
 * An expert note attached to the node it concerns. Malformed input is reported this way,
 * never by an exception leaving the dissector. Every note is of a declared kind ({@link ExpertDef}),
 * which gives its filter name, group and severity.
 */
public record Expert(ExpertDef def, String message) {
    public Severity severity() { return def.severity; }

    /** Wireshark's group name: "Malformed", "Sequence", "Protocol", "Reassemble", ... */
    public String group() { return def.group.label; }

    /**
     * True when {@code n} is the item this note was added as (ProtoNode.addExpert, Wireshark's
     * proto_tree_add_expert): the note's field is then already in the tree as that item.
     */
    public boolean isOwnItem(ProtoNode n) { return n.field == def.field; }
}
