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
    private static final int KIND_SHIFT = 8;
    private static final HandshakeStep.Kind[] KINDS = HandshakeStep.Kind.values();
    /** Per step: frame. */
    private final long[] frames;
    /** Per step: flags and kind, content type, handshake type, bytes, QUIC packet type. */
    private final int[] codes;
    private final double[] times;
    /** Per step its CRYPTO frames; null when no step has any (TCP, DTLS). */
    private final List<Long>[] cryptoFrames;

    @SuppressWarnings("unchecked")
    private StepList(List<HandshakeStep> steps) {
        int n = steps.size();
        frames = new long[n];
        codes = new int[5 * n];
        times = new double[n];
        List<Long>[] crypto = null;
        for (int i = 0; i < n; i++) {
            HandshakeStep s = steps.get(i);
            frames[i] = s.frame();
            int flags = (s.fromClient() ? FROM_CLIENT : 0) | (s.encrypted() ? ENCRYPTED : 0)
                    | (s.wireEncrypted() ? WIRE_ENCRYPTED : 0) | (s.retransmission() ? RETRANSMISSION : 0)
                    | (s.timeMs() == null ? NO_TIME : 0);
            codes[5 * i] = flags | s.kind().ordinal() << KIND_SHIFT;
            codes[5 * i + 1] = s.contentType();
            codes[5 * i + 2] = s.handshakeType();
            codes[5 * i + 3] = s.bytes();
            codes[5 * i + 4] = s.quicPacketType();
            times[i] = s.timeMs() == null ? 0 : s.timeMs();
            if (!s.cryptoFrames().isEmpty()) {
                if (crypto == null) crypto = new List[n];
                crypto[i] = s.cryptoFrames();
            }
        }
        cryptoFrames = crypto;
    }

    /** The same steps, compact and read-only (the shared empty list when there are none). */
    static List<HandshakeStep> of(List<HandshakeStep> steps) {
        return steps.isEmpty() ? List.of() : new StepList(steps);
    }

    @Override public HandshakeStep get(int i) {
        int flags = codes[5 * i];
        List<Long> crypto = cryptoFrames == null || cryptoFrames[i] == null ? List.of() : cryptoFrames[i];
        return new HandshakeStep(frames[i], (flags & FROM_CLIENT) != 0, KINDS[flags >>> KIND_SHIFT], codes[5 * i + 1],
                codes[5 * i + 2], codes[5 * i + 3], (flags & NO_TIME) != 0 ? null : times[i], (flags & ENCRYPTED) != 0,
                (flags & WIRE_ENCRYPTED) != 0, codes[5 * i + 4], crypto, (flags & RETRANSMISSION) != 0);
    }

    @Override public int size() { return frames.length; }
}
