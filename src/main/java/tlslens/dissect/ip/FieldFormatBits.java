package tlslens.dissect.ip;

/** Bit pictures for labels that Wireshark words differently from the plain field format. */
final class FieldFormatBits {
    private FieldFormatBits() {}

    /** ".... 0101" for the low nibble of a byte. */
    static String nibbleLow(int b) {
        String bits = String.format("%4s", Integer.toBinaryString(b & 0x0f)).replace(' ', '0');
        return ".... " + bits;
    }
}
