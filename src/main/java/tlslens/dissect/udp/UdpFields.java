package tlslens.dissect.udp;

import static tlslens.dissect.FieldType.*;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;

/** UDP's fields, as Wireshark names them. */
public final class UdpFields {
    public static final FieldDef UDP = Fields.protocol("udp", "User Datagram Protocol");
    public static final FieldDef SRCPORT = Fields.field("udp.srcport", "Source Port", UINT16, Base.DEC);
    public static final FieldDef DSTPORT = Fields.field("udp.dstport", "Destination Port", UINT16, Base.DEC);
    public static final FieldDef PORT = Fields.field("udp.port", "Source or Destination Port", UINT16, Base.DEC);
    public static final FieldDef LENGTH = Fields.field("udp.length", "Length", UINT16, Base.DEC);
    public static final FieldDef CHECKSUM = Fields.field("udp.checksum", "Checksum", UINT16, Base.HEX);
    public static final FieldDef CHECKSUM_STATUS = Fields.field("udp.checksum.status", "Checksum Status", UINT8,
            Base.NONE, tlslens.dissect.Checksums::statusName);
    public static final FieldDef STREAM = Fields.field("udp.stream", "Stream index", UINT32, Base.DEC);
    public static final FieldDef TIMESTAMPS = Fields.label("udp.timestamps", "Timestamps");
    public static final FieldDef TIME_RELATIVE = Fields.field("udp.time_relative", "Time since first frame", RELATIVE_TIME);
    public static final FieldDef TIME_DELTA = Fields.field("udp.time_delta", "Time since previous frame", RELATIVE_TIME);
    public static final FieldDef PAYLOAD = Fields.field("udp.payload", "Payload", BYTES);

    private UdpFields() {}
}
