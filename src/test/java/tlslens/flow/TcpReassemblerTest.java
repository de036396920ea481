package tlslens.flow;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
    private static byte[] stream(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7 + 3);
        return b;
    }

    /** Collects delivered bytes and gaps (gaps as zero bytes, so offsets stay checkable). */
    private static final class Sink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<TcpReassembler.Gap> gaps = new ArrayList<>();
        long expectedOffset;

        void take(List<TcpReassembler.Event> evs) {
            for (TcpReassembler.Event e : evs) {
                if (e instanceof TcpReassembler.Data d) {
                    assertEquals(expectedOffset, d.bytes().streamOffset(), "stream offsets must be contiguous");
                    out.write(d.bytes().data(), d.bytes().offset(), d.bytes().length());
                    expectedOffset += d.bytes().length();
                } else {
                    TcpReassembler.Gap g = (TcpReassembler.Gap) e;
                    assertEquals(expectedOffset, g.streamOffset());
                    gaps.add(g);
                    out.write(new byte[(int) g.length()], 0, (int) g.length());
                    expectedOffset += g.length();
                }
            }
            evs.clear();
        }
    }

    @Test
    void shuffledDuplicatedOverlappingSegmentsComeOutInOrderAcrossSequenceWrap() {
        byte[] data = stream(50_000);
        long isn = 0xffffffffL - 20_000; // wraps inside the stream
        Random rnd = new Random(42);
        List<int[]> segs = new ArrayList<>();
        for (int off = 0; off < data.length; ) {
            int len = Math.min(data.length - off, 1 + rnd.nextInt(1500));
            segs.add(new int[] {off, len});
            off += len;
        }
        // Add retransmissions and overlapping re-segmentations, then shuffle locally.
        List<int[]> wire = new ArrayList<>(segs);
        for (int i = 0; i < 40; i++) {
            int[] s = segs.get(rnd.nextInt(segs.size()));
            wire.add(new int[] {s[0], Math.min(s[1] + 300, data.length - s[0])});
        }
        for (int i = 0; i < wire.size() - 3; i++) {
            if (rnd.nextInt(4) == 0) java.util.Collections.swap(wire, i, i + 1 + rnd.nextInt(3));
        }
        TcpReassembler r = new TcpReassembler();
        r.syn(isn);
        Sink sink = new Sink();
        List<TcpReassembler.Event> evs = new ArrayList<>();
        int frame = 1;
        for (int[] s : wire) {
            long seq = (isn + 1 + s[0]) & 0xffffffffL;
            r.segment(frame++, seq, data, s[0], s[1], evs);
            sink.take(evs);
        }
        r.finish(evs);
        sink.take(evs);
        assertTrue(sink.gaps.isEmpty(), "no bytes were missing");
        assertArrayEquals(data, sink.out.toByteArray());
    }

    @Test
    void classifiesRetransmissionOverlapAndOutOfOrder() {
        byte[] d = stream(300);
        TcpReassembler r = new TcpReassembler();
        r.syn(1000);
        List<TcpReassembler.Event> evs = new ArrayList<>();
        assertEquals(TcpReassembler.Kind.IN_ORDER, r.segment(1, 1001, d, 0, 100, evs));
        assertEquals(TcpReassembler.Kind.RETRANSMISSION, r.segment(2, 1001, d, 0, 100, evs));
        assertEquals(TcpReassembler.Kind.OUT_OF_ORDER, r.segment(3, 1201, d, 200, 100, evs));
        assertEquals(TcpReassembler.Kind.OVERLAP, r.segment(4, 1051, d, 50, 150, evs));
        Sink sink = new Sink();
        sink.take(evs);
        assertArrayEquals(d, sink.out.toByteArray());
        assertEquals(1, r.relative(1001));
        assertEquals(0, r.relative(1000));
    }

    @Test
    void bytesAcknowledgedButNeverSeenBecomeAGap() {
        byte[] d = stream(300);
        TcpReassembler r = new TcpReassembler();
        r.syn(0);
        List<TcpReassembler.Event> evs = new ArrayList<>();
        r.segment(1, 1, d, 0, 100, evs);
        r.segment(2, 201, d, 200, 100, evs); // 100..199 never captured
        Sink sink = new Sink();
        sink.take(evs);
        assertEquals(100, sink.out.size());
        r.acked(301, evs);
        sink.take(evs);
        assertEquals(1, sink.gaps.size());
        assertEquals(100, sink.gaps.get(0).streamOffset());
        assertEquals(100, sink.gaps.get(0).length());
        assertEquals(300, sink.out.size());
    }

    @Test
    void earlySegmentsAreBoundedAndGivenUpAsAGap() {
        TcpReassembler r = new TcpReassembler();
        r.syn(0);
        byte[] chunk = new byte[64 * 1024];
        List<TcpReassembler.Event> evs = new ArrayList<>();
        // A hole at the start, then far more early data than the buffer holds.
        long seq = 1 + 1000;
        int released = 0;
        for (int i = 0; i < 100; i++) {
            r.segment(i + 1, seq, chunk, 0, chunk.length, evs);
            seq += chunk.length;
            released += evs.size();
        }
        assertTrue(released > 0, "the buffer limit must force the hole to be given up");
        assertTrue(evs.get(0) instanceof TcpReassembler.Gap);
    }
}
