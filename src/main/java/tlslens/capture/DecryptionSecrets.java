package tlslens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * pcapng Decryption Secrets Blocks (block type 0x0000000A, as written by {@code editcap
 * --inject-secrets}): reads the TLS key logs ({@code secrets type 0x544c534b "TLSK"}, NSS key
 * log text) a capture carries, and encodes such a block for writing the keys of chosen
 * connections into a pcapng file (only when the user asks). In a plain file PcapngBlocks finds
 * them all before the first packet is read (a DSB may come after packets); in a compressed one
 * the reader streams through the file.
 */
public final class DecryptionSecrets {
    public static final int BLOCK_TYPE = 0x0000000A;
    public static final int TLS_KEY_LOG = 0x544c534b;
    /** A secrets block larger than this is not believed. */
    private static final int MAX_SECRETS = 64 << 20;

    private DecryptionSecrets() {}

    /**
     * The TLS key log texts embedded in a pcapng file, in file order (empty for pcap files or none).
     * The walk reads only block headers (PcapngBlocks): it runs before the first
     * packet is shown, and seeking and reading each block header cost ~1.5 ms per 1,000 packets.
     */
    public static List<String> tlsKeyLogs(Path file) {
        // A FIFO or pipe is read once, by its CaptureFileReader (whose decryptionSecrets() has the blocks
        // met before the first packet): opened again it would wait for a writer that has gone, or take
        // bytes from the stream that reader reads.
        if (!java.nio.file.Files.isRegularFile(file)) return List.of();
        if (isCompressed(file)) return streamed(file);
        return tlsKeyLogs(file, PcapngBlocks.WINDOW);
    }

    private static boolean isCompressed(Path file) {
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 8)) {
            return CaptureSource.sniff(in) != CaptureSource.Compression.NONE;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A compressed file: read it through, keeping the blocks' key logs. */
    private static List<String> streamed(Path file) {
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            while (r.next() != null) {
                // only the secrets blocks are wanted
            }
            return r.secretsRead();
        } catch (CaptureException e) {
            return List.of(); // the reader reports an unreadable file
        }
    }

    /** As {@link #tlsKeyLogs(Path)}, reading at most {@code window} (at least 16) bytes at a time. */
    static List<String> tlsKeyLogs(Path file, int window) {
        List<String> out = new ArrayList<>();
        for (PcapngBlocks.Block b : PcapngBlocks.find(file, Set.of(BLOCK_TYPE), window)) {
            if (b.length() < 20) continue;
            try {
                ByteBuffer head = PcapngBlocks.read(file, b.position() + 8, 8, b.order());
                if (head.remaining() < 8) continue;
                int secretsType = head.getInt(0);
                long secretsLen = head.getInt(4) & 0xffffffffL;
                if (secretsType != TLS_KEY_LOG || secretsLen > b.length() - 20 || secretsLen > MAX_SECRETS) continue;
                ByteBuffer data = PcapngBlocks.read(file, b.position() + 16, (int) secretsLen, b.order());
                out.add(new String(data.array(), 0, data.limit(), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                break; // the reader reports an unreadable file
            }
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
