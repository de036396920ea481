package tlslens.analysis;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A connection's handshake steps held as codes in primitive arrays, each {@link HandshakeStep} made
 * when asked for (equal each time, not the same object): a record and a boxed time per step cost
 * some 700 bytes per connection, which a window on tens of thousands of connections keeps for as
 * long as the capture is open. Steps carried by QUIC CRYPTO frames keep their list of frames.
 */
final class StepList extends AbstractList<HandshakeStep> implements RandomAccess {
    private static final int FROM_CLIENT = 1, ENCRYPTED = 2, WIRE_ENCRYPTED = 4, RETRANSMISSION = 8, NO_TIME = 16;
    private static final int KIND_SHIFT = 5; // 5 flags, then the kind (6 kinds): a byte
    private static final HandshakeStep.Kind[] KINDS = HandshakeStep.Kind.values();
    /** Per step: frame (ints while every frame number fits one, as a capture's do; else {@link #longFrames}). */
    private final int[] frames;
    private final long[] longFrames;
    /**
     * Per step, packed while every code fits a byte ({@link #pack}): flags and kind, then content type,
     * handshake type and QUIC packet type each plus one; then bytes. Otherwise {@link #WIDE} ints per step:
     * flags and kind, content type, handshake type, bytes, QUIC packet type.
     */
    private final int[] codes;
    private final boolean packed;
    private static final int WIDE = 5;
    private final double[] times;
    /** Per step its CRYPTO frames; null when no step has any (TCP, DTLS). */
    private final List<Long>[] cryptoFrames;

    @SuppressWarnings("unchecked")
    private StepList(List<HandshakeStep> steps) {
        int n = steps.size();
        boolean small = true, narrow = true;
        for (HandshakeStep s : steps) {
            small &= fits(s.contentType()) && fits(s.handshakeType()) && fits(s.quicPacketType());
            narrow &= s.frame() >= Integer.MIN_VALUE && s.frame() <= Integer.MAX_VALUE;
        }
        packed = small;
        frames = narrow ? new int[n] : null;
        longFrames = narrow ? null : new long[n];
        codes = new int[(packed ? 2 : WIDE) * n];
        times = new double[n];
        List<Long>[] crypto = null;
        for (int i = 0; i < n; i++) {
            HandshakeStep s = steps.get(i);
            if (narrow) frames[i] = (int) s.frame();
            else longFrames[i] = s.frame();
            int flags = (s.fromClient() ? FROM_CLIENT : 0) | (s.encrypted() ? ENCRYPTED : 0)
                    | (s.wireEncrypted() ? WIRE_ENCRYPTED : 0) | (s.retransmission() ? RETRANSMISSION : 0)
                    | (s.timeMs() == null ? NO_TIME : 0) | s.kind().ordinal() << KIND_SHIFT;
            if (packed) {
                codes[2 * i] = flags | pack(s.contentType()) << 8 | pack(s.handshakeType()) << 16
                        | pack(s.quicPacketType()) << 24;
                codes[2 * i + 1] = s.bytes();
            } else {
                codes[WIDE * i] = flags;
                codes[WIDE * i + 1] = s.contentType();
                codes[WIDE * i + 2] = s.handshakeType();
                codes[WIDE * i + 3] = s.bytes();
                codes[WIDE * i + 4] = s.quicPacketType();
            }
            times[i] = s.timeMs() == null ? 0 : s.timeMs();
            if (!s.cryptoFrames().isEmpty()) {
                if (crypto == null) crypto = new List[n];
                crypto[i] = s.cryptoFrames();
            }
        }
        cryptoFrames = crypto;
    }

    /** Whether a code (-1 for none, else a byte on the wire) packs into a byte as itself plus one. */
    private static boolean fits(int code) { return code >= -1 && code < 255; }

    private static int pack(int code) { return code + 1; }

    private static int unpack(int packedCodes, int shift) { return (packedCodes >>> shift & 0xff) - 1; }

    /** The same steps, compact and read-only (the shared empty list when there are none). */
    static List<HandshakeStep> of(List<HandshakeStep> steps) {
        return steps.isEmpty() ? List.of() : new StepList(steps);
    }

    @Override public HandshakeStep get(int i) {
        List<Long> crypto = cryptoFrames == null || cryptoFrames[i] == null ? List.of() : cryptoFrames[i];
        long frame = frames != null ? frames[i] : longFrames[i];
        int flags, contentType, handshakeType, bytes, quicPacketType;
        if (packed) {
            int c = codes[2 * i];
            flags = c & 0xff;
            contentType = unpack(c, 8);
            handshakeType = unpack(c, 16);
            quicPacketType = unpack(c, 24);
            bytes = codes[2 * i + 1];
        } else {
            flags = codes[WIDE * i];
            contentType = codes[WIDE * i + 1];
            handshakeType = codes[WIDE * i + 2];
            bytes = codes[WIDE * i + 3];
            quicPacketType = codes[WIDE * i + 4];
        }
        return new HandshakeStep(frame, (flags & FROM_CLIENT) != 0, KINDS[flags >>> KIND_SHIFT], contentType, handshakeType,
                bytes, (flags & NO_TIME) != 0 ? null : times[i], (flags & ENCRYPTED) != 0, (flags & WIRE_ENCRYPTED) != 0,
                quicPacketType, crypto, (flags & RETRANSMISSION) != 0);
    }

    @Override public int size() { return times.length; }
}
