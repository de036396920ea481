package tlslens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many decimals tshark shows in the Time column: the file's timestamp resolution (pcap magic,
 * or pcapng's if_tsresol of the first interface). A microsecond file prints "0.000013", a
 * nanosecond one "0.000013000".
 */
final class TimestampPrecision {
    static final int DEFAULT_DIGITS = 6;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_IDB = 1;
    private static final int IF_TSRESOL = 9;

    private TimestampPrecision() {}

    static int digits(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        } catch (IOException e) {
            return DEFAULT_DIGITS;
        }
        if (head.length < 4) return DEFAULT_DIGITS;
        int magicBe = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        switch (magicBe) {
            case 0xa1b2c3d4: case 0xd4c3b2a1: return 6;
            case 0xa1b23c4d: case 0x4d3cb2a1: return 9;
            case PCAPNG_SHB: return pcapngDigits(head);
            default: return DEFAULT_DIGITS;
        }
    }

    /** Walks the first blocks of a pcapng file up to the first Interface Description Block. */
    private static int pcapngDigits(byte[] head) {
        if (head.length < 12) return DEFAULT_DIGITS;
        ByteBuffer b = ByteBuffer.wrap(head);
        int bom = b.order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        b.order(bom == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int pos = 0;
        while (pos + 12 <= head.length) {
            int type = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (len < 12 || pos + len > head.length) return DEFAULT_DIGITS;
            if (type == PCAPNG_IDB) return idbDigits(b, pos + 16, pos + len - 4);
            if (type != PCAPNG_SHB && pos > 0) return DEFAULT_DIGITS; // packets before any IDB: give up
            pos += len;
        }
        return DEFAULT_DIGITS;
    }

    private static int idbDigits(ByteBuffer b, int opt, int end) {
        while (opt + 4 <= end) {
            int code = b.getShort(opt) & 0xffff;
            int len = b.getShort(opt + 2) & 0xffff;
            if (code == 0) break;
            if (code == IF_TSRESOL && len >= 1 && opt + 4 < end) {
                int v = b.get(opt + 4) & 0xff;
                // 10^-v, or 2^-v when the top bit is set (about 0.3 decimal digits per bit).
                int decimals = (v & 0x80) != 0 ? (int) Math.ceil((v & 0x7f) * Math.log10(2)) : v;
                return wiresharkPrecision(decimals);
            }
            opt += 4 + ((len + 3) & ~3);
        }
        return DEFAULT_DIGITS;
    }

    /** Wireshark keeps s, ds, cs, ms, us or ns precision: 4-5 decimals show as 6, 7-8 as 9. */
    private static int wiresharkPrecision(int decimals) {
        if (decimals <= 3) return Math.max(0, decimals);
        if (decimals <= 6) return 6;
        return 9;
    }
}
