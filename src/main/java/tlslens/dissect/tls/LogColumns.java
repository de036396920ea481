package tlslens.dissect.tls;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * Entries of one kind of a {@link HandshakeLog} held as columns: the frame, and a few ints per entry;
 * an entry is made again when asked for (equal each time, not the same object). A record and its
 * reference cost 32-44 bytes per entry, and a capture's log holds one per handshake message and
 * early application_data record of every connection for as long as the capture is open.
 */
final class LogColumns<T> extends AbstractList<T> implements RandomAccess {
    /** How an entry is written to and read from its columns. */
    interface Codec<T> {
        long frame(T entry);

        /** Writes the entry's other values to {@code to[at .. at + width)}. */
        void write(T entry, int[] to, int at);

        T read(long frame, int[] from, int at);
    }

    private final int width;
    private final Codec<T> codec;
    private long[] frames = new long[0];
    private int[] values = new int[0];
    private int size;

    LogColumns(int width, Codec<T> codec) {
        this.width = width;
        this.codec = codec;
    }

    @Override public boolean add(T entry) {
        if (size == frames.length) {
            int capacity = Math.max(4, size + (size >> 1));
            frames = Arrays.copyOf(frames, capacity);
            values = Arrays.copyOf(values, capacity * width);
        }
        frames[size] = codec.frame(entry);
        codec.write(entry, values, size * width);
        size++;
        modCount++;
        return true;
    }

    @Override public T get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i);
        return codec.read(frames[i], values, i * width);
    }

    @Override public int size() { return size; }

    /** Lets the spare room go (the connection ended). */
    void trimToSize() {
        if (frames.length == size) return;
        frames = Arrays.copyOf(frames, size);
        values = Arrays.copyOf(values, size * width);
    }
}
