package tlslens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * The TLS key log texts embedded in a pcapng file, in file order (empty for pcap files or none).
     * The walk reads only block headers through a memory-mapped view: it runs before the first
     * packet is shown, and seeking and reading each block header cost ~1.5 ms per 1,000 packets.
     */
    public static List<String> tlsKeyLogs(Path file) { return tlsKeyLogs(file, WINDOW); }

    /** As {@link #tlsKeyLogs(Path)}, mapping at most {@code window} (at least 16) bytes at a time. */
    static List<String> tlsKeyLogs(Path file, int window) {
        List<String> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            MappedByteBuffer view = null;
            long viewStart = 0;
            while (pos + 12 <= size) {
                if (view == null || pos + 16 > viewStart + view.capacity()) {
                    viewStart = pos;
                    view = ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(window, size - pos));
                }
                int at = (int) (pos - viewStart);
                int rawType = view.order(ByteOrder.BIG_ENDIAN).getInt(at);
                if (rawType == SHB) {
                    if (at + 12 > view.capacity()) break;
                    int magic = view.order(ByteOrder.LITTLE_ENDIAN).getInt(at + 8);
                    order = magic == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                } else if (pos == 0) {
                    return out; // not pcapng
                }
                view.order(order);
                int type = view.getInt(at);
                long len = view.getInt(at + 4) & 0xffffffffL;
                if (len < 12 || len % 4 != 0 || pos + len > size) break;
                if (type == BLOCK_TYPE && len >= 20 && at + 16 <= view.capacity()) {
                    int secretsType = view.getInt(at + 8);
                    long secretsLen = view.getInt(at + 12) & 0xffffffffL;
                    if (secretsType == TLS_KEY_LOG && secretsLen <= len - 20 && secretsLen <= MAX_SECRETS) {
                        ByteBuffer data = ByteBuffer.allocate((int) secretsLen);
                        long from = pos + 16;
                        while (data.hasRemaining() && ch.read(data, from + data.position()) > 0) { }
                        out.add(new String(data.array(), 0, data.position(), StandardCharsets.ISO_8859_1));
                    }
                }
                pos += len;
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable here means unreadable for the reader too; it reports it.
        }
        return out;
    }

    /** Bytes mapped at a time (a mapping's size is an int; big files are walked window by window). */
    private static final int WINDOW = 256 << 20;

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
