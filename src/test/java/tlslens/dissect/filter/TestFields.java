package tlslens.dissect.filter;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.Fields;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/** Fields of every type under the made-up protocol "fltest", so the filter tests need no dissector. */
final class TestFields {
    static final FieldDef PROTO = Fields.protocol("fltest", "Filter Test Protocol");
    static final FieldDef LABEL = Fields.label("fltest.label", "A label");
    static final FieldDef U8 = Fields.field("fltest.u8", "Content Type", FieldType.UINT8, Base.DEC, TestFields::contentType);
    static final FieldDef U16 = Fields.field("fltest.u16", "Port", FieldType.UINT16, Base.DEC);
    static final FieldDef U32 = Fields.field("fltest.u32", "Length", FieldType.UINT32, Base.DEC);
    static final FieldDef U64 = Fields.field("fltest.u64", "Big", FieldType.UINT64, Base.HEX);
    static final FieldDef FLAG = Fields.flag("fltest.flag", "Syn", 16, 0x0002);
    static final FieldDef BOOL = Fields.field("fltest.bool", "Plain boolean", FieldType.BOOLEAN);
    static final FieldDef BYTES = Fields.field("fltest.bytes", "Payload", FieldType.BYTES);
    static final FieldDef STR = Fields.field("fltest.str", "Server Name", FieldType.STRING);
    static final FieldDef IP4 = Fields.field("fltest.ip4", "Source", FieldType.IPV4);
    static final FieldDef IP6 = Fields.field("fltest.ip6", "Source", FieldType.IPV6);
    static final FieldDef ETH = Fields.field("fltest.eth", "Address", FieldType.ETHER);
    static final FieldDef REL = Fields.field("fltest.rel", "Time since first frame", FieldType.RELATIVE_TIME);
    static final FieldDef ABS = Fields.field("fltest.abs", "Arrival Time", FieldType.ABSOLUTE_TIME);
    static final FieldDef DBL = Fields.field("fltest.dbl", "Ratio", FieldType.DOUBLE);
    static final FieldDef FRAMENUM = Fields.field("fltest.frame", "Frame", FieldType.FRAMENUM, Base.DEC);
    /** Only its sub-field is registered: "fltest2" is a protocol known by prefix. */
    static final FieldDef SUB = Fields.field("fltest2.sub", "Sub", FieldType.UINT8, Base.DEC);

    private TestFields() {}

    static String contentType(long v) {
        return switch ((int) v) {
            case 20 -> "Change Cipher Spec";
            case 21 -> "Alert";
            case 22 -> "Handshake";
            case 23 -> "Application Data";
            default -> null;
        };
    }

    /** A node with a value and no bytes behind it. */
    static ProtoNode node(FieldDef f, Object value) {
        return new ProtoNode(f, value, null, 0, 0, 0);
    }

    /** A root holding the given nodes. */
    static ProtoNode tree(ProtoNode... nodes) {
        ProtoNode root = ProtoNode.root();
        for (ProtoNode n : nodes) root.child(n);
        return root;
    }

    /** A node read from bytes like a dissector adds it. */
    static ProtoNode read(ProtoNode parent, FieldDef f, Tvb tvb, int off, int len) {
        return parent.add(f, tvb, off, len);
    }
}
