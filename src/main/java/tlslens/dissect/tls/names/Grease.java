package tlslens.dissect.tls.names;

/** GREASE (RFC 8701): reserved 16-bit values 0x0a0a, 0x1a1a, ... 0xfafa that peers must ignore. */
public final class Grease {
    /** The label Wireshark gives every GREASE value. */
    public static final String NAME = "Reserved (GREASE)";

    private Grease() {}

    /** True for 16-bit codes of the form 0x?a?a whose two bytes are equal. */
    public static boolean isGrease(long code) {
        return (code & ~0xffffL) == 0 && (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
    }
}
