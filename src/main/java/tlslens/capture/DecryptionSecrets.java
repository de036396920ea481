package tlslens.capture;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng Decryption Secrets Blocks (block type 0x0000000A, as written by {@code editcap
 * --inject-secrets}): reads the TLS key logs ({@code secrets type 0x544c534b "TLSK"}, NSS key
 * log text) a capture carries, and encodes such a block for writing the keys of chosen
 * connections into a pcapng file (only when the user asks). libpcap skips these blocks, so the
 * file is walked block by block here; every length is checked and a damaged file just ends the walk.
 */
public final class DecryptionSecrets {
    public static final int BLOCK_TYPE = 0x0000000A;
    public static final int TLS_KEY_LOG = 0x544c534b;
    private static final int SHB = 0x0A0D0D0A;
    /** A secrets block larger than this is not believed. */
    private static final int MAX_SECRETS = 64 << 20;

    private DecryptionSecrets() {}

    /** The TLS key log texts embedded in a pcapng file, in file order (empty for pcap files or none). */
    public static List<String> tlsKeyLogs(Path file) {
        List<String> out = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            long pos = 0;
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            byte[] head = new byte[16];
            while (pos + 12 <= size) {
                f.seek(pos);
                f.readFully(head, 0, (int) Math.min(16, size - pos));
                ByteBuffer b = ByteBuffer.wrap(head);
                int rawType = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
                if (rawType == SHB) {
                    int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(8);
                    order = magic == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                } else if (pos == 0) {
                    return out; // not pcapng
                }
                b.order(order);
                int type = b.getInt(0);
                long len = b.getInt(4) & 0xffffffffL;
                if (len < 12 || len % 4 != 0 || pos + len > size) break;
                if (type == BLOCK_TYPE && len >= 20) {
                    int secretsType = b.getInt(8);
                    long secretsLen = b.getInt(12) & 0xffffffffL;
                    if (secretsType == TLS_KEY_LOG && secretsLen <= len - 20 && secretsLen <= MAX_SECRETS) {
                        byte[] data = new byte[(int) secretsLen];
                        f.seek(pos + 16);
                        f.readFully(data);
                        out.add(new String(data, StandardCharsets.ISO_8859_1));
                    }
                }
                pos += len;
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable here means unreadable for libpcap too; the reader reports it.
        }
        return out;
    }

    /** A little-endian Decryption Secrets Block holding an NSS key log text (no options). */
    public static byte[] tlsKeyLogBlock(String nssKeyLog) {
        byte[] data = nssKeyLog.getBytes(StandardCharsets.ISO_8859_1);
        int padded = (data.length + 3) & ~3;
        int len = 20 + padded;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(BLOCK_TYPE).putInt(len).putInt(TLS_KEY_LOG).putInt(data.length).put(data);
        b.position(16 + padded);
        b.putInt(len);
        return b.array();
    }
}
