package tlslens.dissect;

/** Value types of fields, after Wireshark's ftypes (FT_UINT8, FT_BYTES, ...). */
public enum FieldType {
    /** A protocol or subtree label; has no value of its own. */
    NONE(0),
    PROTOCOL(0),
    UINT8(1), UINT16(2), UINT24(3), UINT32(4), UINT64(8),
    BOOLEAN(1),
    BYTES(0),
    STRING(0),
    IPV4(4), IPV6(16), ETHER(6),
    /** Absolute time, value is an {@link java.time.Instant}. */
    ABSOLUTE_TIME(0),
    /** Relative time in nanoseconds, value is a Long. */
    RELATIVE_TIME(0),
    FRAMENUM(4),
    DOUBLE(0);

    /** Width in bytes of unsigned integer types (used for hex padding), 0 otherwise. */
    public final int width;

    FieldType(int width) { this.width = width; }

    public boolean isInteger() {
        return this == UINT8 || this == UINT16 || this == UINT24 || this == UINT32 || this == UINT64
                || this == FRAMENUM || this == BOOLEAN;
    }
}
