package tlslens.ui.follow;

/** Wireshark's "Hex Dump" view of follow-stream data: offset, 16 bytes in hex, the printable ASCII. */
public final class HexDump {
    private HexDump() {}

    /** Lines like {@code 00000000  16 03 01 ...  ..."}, offsets counted from {@code base}. */
    public static String of(byte[] data, int from, int to, long base) {
        StringBuilder sb = new StringBuilder();
        for (int line = from; line < to; line += 16) {
            sb.append(String.format("%08x  ", base + line - from));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                int p = line + i;
                if (p < to) {
                    int b = data[p] & 0xff;
                    sb.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) sb.append(' ');
            }
            sb.append(' ').append(ascii).append('\n');
        }
        return sb.toString();
    }

    public static String of(byte[] data) { return of(data, 0, data.length, 0); }

    /** True when the bytes read as text: printable ASCII, tabs and line ends (HTTP/1.x, SMTP, ...). */
    public static boolean isText(byte[] data, int from, int to) {
        if (to <= from) return true;
        int bad = 0;
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xff;
            if (!(b >= 0x20 && b < 0x7f) && b != '\r' && b != '\n' && b != '\t') bad++;
        }
        return bad == 0;
    }
}
