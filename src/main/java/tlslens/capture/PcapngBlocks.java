package tlslens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds pcapng blocks of given types in a plain (uncompressed) file, e.g. every Decryption Secrets
 * Block before the reader reaches them, by walking only block headers read a megabyte at a time: it runs
 * before the first packet is shown, and seeking and reading each header cost ~1.5 ms per 1,000
 * packets. Every length is checked; a damaged file just ends the walk.
 */
final class PcapngBlocks {
    static final int SHB = 0x0A0D0D0A;
    /** Bytes read at a time (the window tests may make it smaller). */
    static final int WINDOW = 256 << 20;
    private static final int READ = 1 << 20;

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
            // Read, not mapped: a mapping's first touch of each page faulted (a quarter of a second on 212 MB).
            ByteBuffer view = ByteBuffer.allocate(Math.max(16, Math.min(window, READ))).order(order);
            long viewStart = 0;
            int viewLength = 0;
            while (pos + 12 <= size) {
                if (pos + 16 > viewStart + viewLength) {
                    viewStart = pos;
                    view.clear();
                    while (view.hasRemaining() && ch.read(view, viewStart + view.position()) > 0) { }
                    viewLength = view.position();
                    if (viewLength < 12) break;
                }
                int at = (int) (pos - viewStart);
                // The section header's type reads the same in either byte order (0A 0D 0D 0A): the buffer's
                // order changes only at a section header, not twice for each of a million blocks.
                int type = view.getInt(at);
                if (type == SHB) {
                    if (at + 12 > viewLength) break;
                    int magic = view.order(ByteOrder.LITTLE_ENDIAN).getInt(at + 8);
                    order = magic == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                    view.order(order);
                    section++;
                } else if (pos == 0) {
                    return out; // not pcapng
                }
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
