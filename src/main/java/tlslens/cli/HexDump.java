package tlslens.cli;

import java.util.ArrayList;
import java.util.List;

/** tshark's hex dump lines: "0000  16 03 01 ...  ascii" (print.c's print_hex_data_buffer). */
final class HexDump {
    private HexDump() {}

    static List<String> lines(byte[] data, int start, int length) {
        List<String> out = new ArrayList<>();
        if (length <= 0) return out;
        int last = length - 1;
        int digits = (last & 0xF0000000) != 0 ? 8 : (last & 0x0F000000) != 0 ? 7 : (last & 0x00F00000) != 0 ? 6
                : (last & 0x000F0000) != 0 ? 5 : 4;
        for (int off = 0; off < length; off += 16) {
            int n = Math.min(16, length - off);
            StringBuilder sb = new StringBuilder(80);
            String hexOff = Integer.toHexString(off);
            for (int i = hexOff.length(); i < digits; i++) sb.append('0');
            sb.append(hexOff).append("  ");
            StringBuilder ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    int c = data[start + off + i] & 0xff;
                    sb.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16)).append(' ');
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append("  ").append(ascii);
            out.add(sb.toString());
        }
        return out;
    }
}
