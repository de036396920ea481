package tlslens.ui.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class Http2FrameListerTest {
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(payload.length >> 16);
        o.write(payload.length >> 8);
        o.write(payload.length);
        o.write(type);
        o.write(flags);
        o.write(stream >>> 24);
        o.write(stream >> 16);
        o.write(stream >> 8);
        o.write(stream);
        o.writeBytes(payload);
        return o.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void prefaceAndFramesSplitAnywhereGiveTheSameList() {
        byte[] all = cat(Http2FrameLister.PREFACE,
                frame(4, 0, 0, new byte[] {0, 3, 0, 0, 0, 100, 0, 4, 0, 0x60, 0, 0}),
                frame(8, 0, 0, new byte[] {0, 0x3f, 0, 1}),
                frame(1, 5, 1, new byte[] {(byte) 0x82, (byte) 0x84}),
                frame(0, 1, 1, "hello\n".getBytes(StandardCharsets.US_ASCII)),
                frame(0, 9, 3, new byte[] {2, 'o', 'k', 0, 0}),
                frame(0, 0, 5, new byte[] {0, 1, 2, (byte) 0xff}),
                frame(7, 0, 0, new byte[] {0, 0, 0, 5, 0, 0, 0, 0x0b}),
                frame(3, 0, 7, new byte[] {0, 0, 0, 8}),
                frame(0x42, 0, 0, new byte[3]));
        List<String> whole = new Http2FrameLister(true).feed(all);
        assertEquals(List.of(
                "Connection preface (PRI * HTTP/2.0)",
                "SETTINGS stream 0: MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=6291456",
                "WINDOW_UPDATE stream 0: increment 4128769",
                "HEADERS stream 1 (HPACK, 2 bytes), END_STREAM, END_HEADERS",
                "DATA stream 1 (6 bytes), END_STREAM\nhello\n",
                "DATA stream 3 (5 bytes), END_STREAM, PADDED\nok",
                "DATA stream 5 (4 bytes)\n00000000  00 01 02 ff " + " ".repeat(38) + "....\n",
                "GOAWAY stream 0: last stream 5, ENHANCE_YOUR_CALM",
                "RST_STREAM stream 7: CANCEL",
                "Unknown type 66 stream 0 (3 bytes)"), whole);
        for (int cut = 1; cut < all.length; cut += 3) {
            Http2FrameLister l = new Http2FrameLister(true);
            List<String> parts = new ArrayList<>(l.feed(java.util.Arrays.copyOfRange(all, 0, cut)));
            parts.addAll(l.feed(java.util.Arrays.copyOfRange(all, cut, all.length)));
            assertEquals(whole, parts, "cut at " + cut);
            assertEquals(0, l.pendingBytes());
        }
    }

    @Test
    void serverSideHasNoPrefaceAndTruncatedFramesWait() {
        Http2FrameLister l = new Http2FrameLister(false);
        byte[] f = frame(6, 1, 0, new byte[8]);
        assertEquals(List.of(), l.feed(java.util.Arrays.copyOf(f, 10)));
        assertEquals(10, l.pendingBytes());
        assertEquals(List.of("PING stream 0 (8 bytes), ACK"), l.feed(java.util.Arrays.copyOfRange(f, 10, f.length)));
        assertTrue(Http2FrameLister.startsWithPreface("PRI * HT".getBytes(StandardCharsets.US_ASCII)));
    }
}
