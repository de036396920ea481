package tlslens.flow;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PduAssemblerTest {
    /** Toy framing: a 2-byte big-endian length then the body; lengths over 1000 are not headers. */
    private static final PduAssembler.Framer FRAMER = new PduAssembler.Framer() {
        @Override public int length(byte[] b, int off, int avail) {
            if (avail < 2) return 0;
            int len = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
            return len > 1000 ? -1 : len + 2;
        }

        @Override public int resync(byte[] b, int from, int end) {
            for (int i = from; i + 1 < end; i++) if (b[i] == 0 && (b[i + 1] & 0xff) > 0 && (b[i + 1] & 0xff) < 8) return i;
            return -1;
        }
    };

    private static byte[] pdus(int... lens) {
        int total = 0;
        for (int l : lens) total += l + 2;
        byte[] b = new byte[total];
        int p = 0;
        for (int l : lens) {
            b[p] = (byte) (l >> 8);
            b[p + 1] = (byte) l;
            for (int i = 0; i < l; i++) b[p + 2 + i] = (byte) (l + i);
            p += l + 2;
        }
        return b;
    }

    @Test
    void splitsAndJoinsPdusAcrossSegmentsWithProvenance() {
        byte[] s = pdus(3, 10, 500, 1);
        PduAssembler a = new PduAssembler();
        List<PduAssembler.Out> out = new ArrayList<>();
        int[] cuts = {0, 4, 9, 200, 400, s.length};
        long off = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            a.feed(new StreamBytes(i + 1, s, cuts[i], cuts[i + 1] - cuts[i], 100 + cuts[i], off), FRAMER, out);
            off += cuts[i + 1] - cuts[i];
        }
        assertEquals(4, out.size());
        int[] expected = {5, 12, 502, 3};
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            PduAssembler.Pdu p = (PduAssembler.Pdu) out.get(i);
            assertEquals(expected[i], p.length());
            for (int j = 0; j < p.length(); j++) assertEquals(s[pos + j], p.data()[p.offset() + j]);
            int covered = 0;
            for (Piece pc : p.pieces()) {
                assertEquals(pc.pduOffset(), covered, "pieces are contiguous");
                // frameOffset = 100 + absolute stream position in this test
                assertEquals(100 + pos + pc.pduOffset(), pc.frameOffset());
                covered += pc.length();
            }
            assertEquals(p.length(), covered);
            pos += p.length();
        }
        assertEquals(2, ((PduAssembler.Pdu) out.get(1)).pieces().size(), "PDU 2 spans frames 1..3");
        assertEquals(0, a.pendingLength());
    }

    @Test
    void resynchronisesAfterAGap() {
        byte[] s = pdus(3, 10, 5);
        PduAssembler a = new PduAssembler();
        List<PduAssembler.Out> out = new ArrayList<>();
        a.feed(new StreamBytes(1, s, 0, 7, 0, 0), FRAMER, out); // first PDU + 2 bytes of the second
        a.gap(4);
        a.feed(new StreamBytes(2, s, 11, s.length - 11, 11, 11), FRAMER, out); // rest of second, then third
        assertEquals(3, out.size());
        assertTrue(out.get(1) instanceof PduAssembler.Skipped sk && sk.afterGap());
        assertEquals(7, ((PduAssembler.Pdu) out.get(2)).length());
    }

    @Test
    void garbageHeaderIsSkippedNotBuffered() {
        byte[] junk = {(byte) 0xff, (byte) 0xff, 1, 2, 3, 0, 3, 9, 9, 9};
        PduAssembler a = new PduAssembler();
        List<PduAssembler.Out> out = new ArrayList<>();
        a.feed(new StreamBytes(1, junk, 0, junk.length, 0, 0), FRAMER, out);
        assertEquals(2, out.size());
        assertEquals(5, ((PduAssembler.Skipped) out.get(0)).length());
        assertEquals(5, ((PduAssembler.Pdu) out.get(1)).length());
    }
}
