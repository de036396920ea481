package tlslens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds pcapng blocks of given types in a plain (uncompressed) file, e.g. every Decryption Secrets
 * Block before the reader reaches them, by walking only block headers through a memory-mapped view: it runs
 * before the first packet is shown, and seeking and reading each header cost ~1.5 ms per 1,000
 * packets. Every length is checked; a damaged file just ends the walk.
 */
final class PcapngBlocks {
    static final int SHB = 0x0A0D0D0A;
    /** Bytes mapped at a time (a mapping's size is an int; big files are walked window by window). */
    static final int WINDOW = 256 << 20;

    /** A block: its type, where it starts, its total length, its section's byte order and number (1-based). */
    record Block(int type, long position, long length, ByteOrder order, int section) {}

    private PcapngBlocks() {}

    /** The blocks of {@code types} in file order (empty for pcap files or unreadable ones). */
    static List<Block> find(Path file, Set<Integer> types, int window) { return find(file, types, Set.of(), window); }

    /** As above, stopping at the first block of {@code stopTypes} (e.g. the first packet, after the interfaces). */
    static List<Block> find(Path file, Set<Integer> types, Set<Integer> stopTypes, int window) {
        List<Block> out = new ArrayList<>();
        // As int arrays: a set's contains boxed each of a million blocks' types (5 % of a -Y run's samples).
        int[] wanted = types.stream().mapToInt(Integer::intValue).toArray();
        int[] stops = stopTypes.stream().mapToInt(Integer::intValue).toArray();
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            long pos = 0;
            int section = 0;
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
                    int magic = view.order(ByteOrder.LITTLE_ENDIAN).getInt(at + 8);
                    order = magic == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                    section++;
                } else if (pos == 0) {
                    return out; // not pcapng
                }
                view.order(order);
                int type = view.getInt(at);
                long len = view.getInt(at + 4) & 0xffffffffL;
                if (len < 12 || len % 4 != 0 || pos + len > size) break;
                if (contains(wanted, type)) out.add(new Block(type, pos, len, order, section));
                if (contains(stops, type)) break;
                pos += len;
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable here means unreadable for the reader too; it reports it.
        }
        return out;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }

    /** {@code length} bytes at {@code position} of the file, in {@code order}; fewer at its end. */
    static ByteBuffer read(Path file, long position, int length, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        try (FileChannel ch = FileChannel.open(file)) {
            while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) { }
        }
        return b.flip().order(order);
    }
}
