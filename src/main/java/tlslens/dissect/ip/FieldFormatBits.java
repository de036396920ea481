package tlslens.dissect.ip;

/** Bit pictures for labels that Wireshark words differently from the plain field format. */
final class FieldFormatBits {
    private FieldFormatBits() {}

    /** ".... 0101" for the low nibble of a byte. */
    static String nibbleLow(int b) {
        char[] c = {'.', '.', '.', '.', ' ', '0', '0', '0', '0'};
        for (int i = 0; i < 4; i++) if ((b & (8 >> i)) != 0) c[5 + i] = '1';
        return new String(c);
    }
}
