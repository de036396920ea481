package tlslens.cli;

import java.time.Instant;

import tlslens.capture.RawFrame;
import tlslens.dissect.Base;
import tlslens.dissect.ExpertDef;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.Fields;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.FrameFields;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;
import tlslens.dissect.Tvb;

/** A hand-built frame whose tree has every kind of item the printers treat differently. */
final class SyntheticFrame {
    static final FieldDef PROTO = Fields.protocol("clitest", "CLI Test Protocol");
    static final ExpertDef ODD = Fields.expert("clitest.odd", ExpertGroup.PROTOCOL, Severity.WARN, "Something odd");
    static final FieldDef OTHER = Fields.protocol("clitest2", "Other Protocol");
    static final FieldDef TYPE = Fields.field("clitest.type", "Type", FieldType.UINT8, Base.DEC,
            v -> v == 22 ? "Handshake" : null);
    static final FieldDef VERSION = Fields.field("clitest.version", "Version", FieldType.UINT16, Base.HEX);
    static final FieldDef LIST = Fields.label("clitest.list", "Item List");
    static final FieldDef ITEM = Fields.field("clitest.item", "Item", FieldType.UINT16, Base.HEX);
    static final FieldDef DATA = Fields.field("clitest.data", "Data", FieldType.BYTES);
    static final FieldDef NAME = Fields.field("clitest.name", "Name", FieldType.STRING);

    static final byte[] BYTES = {22, 3, 3, 0, 1, 0, 2, 'a', '\t', 'b'};
    static final Instant T0 = Instant.parse("2021-05-11T22:37:32.430127Z");

    private SyntheticFrame() {}

    static RawFrame raw(int number, Instant time) {
        return new RawFrame(number, time, 60, BYTES, 1, 0, null);
    }

    /**
     * <pre>
     * Frame 1                        (frame protocol, explicit text)
     *     Frame Number: 1
     * CLI Test Protocol              (no explicit text: -e gives "clitest")
     *     Type: Handshake (22)
     *     Version: 0x0303
     *     Item List                  (FT_NONE with children)
     *         Item: 0x0001
     *         Item: 0x0002
     *     [hidden Item: 0x0002]
     *     Items (2 items)            (text only, generated, empty)
     *     Data: <MISSING>            (empty bytes)
     *     Name: a\tb
     *     [Expert Info (Warning/Protocol): Something odd]
     * Other Protocol, Len: 3         (explicit text)
     *     Version: 0x0300
     * </pre>
     */
    static FrameDissection build(int number) {
        FrameDissection fd = new FrameDissection(number, T0, BYTES);
        Tvb tvb = fd.frameTvb();
        ProtoNode frame = fd.root.addValue(FrameFields.FRAME, tvb, 0, BYTES.length, null, "Frame " + number);
        frame.addValue(FrameFields.NUMBER, tvb, 0, 0, (long) number);
        ProtoNode p = fd.root.addValue(PROTO, tvb, 0, BYTES.length, null);
        p.add(TYPE, tvb, 0, 1);
        p.add(VERSION, tvb, 1, 2);
        ProtoNode list = p.add(LIST, tvb, 3, 4);
        list.add(ITEM, tvb, 3, 2);
        list.add(ITEM, tvb, 5, 2);
        p.add(ITEM, tvb, 5, 2).setHidden(true);
        p.addText("Items (2 items)", tvb, 3, 4).setGenerated(true);
        p.add(DATA, tvb, 7, 0);
        p.add(NAME, tvb, 7, 3);
        p.expert(ODD.note());
        ProtoNode o = fd.root.addValue(OTHER, tvb, 1, 2, null, "Other Protocol, Len: 3");
        o.add(VERSION, tvb, 2, 2);
        fd.setProtocol("TEST");
        fd.setInfo("Client Hello");
        fd.context().addresses("192.168.100.70", "10.0.0.1");
        return fd;
    }
}
