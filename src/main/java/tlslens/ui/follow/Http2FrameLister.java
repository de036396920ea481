package tlslens.ui.follow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small HTTP/2 frame lister (RFC 9113 §4.1) for one direction of a decrypted connection: fed the
 * plaintext as it was sent, it returns a line per complete frame ("HEADERS stream 1 (HPACK, 31
 * bytes), END_HEADERS"), DATA as text when printable, else as a hex dump. The client's connection
 * preface is recognised first. Frames split across records wait for their rest; a frame length
 * above the protocol maximum (2^24-1) can't occur, but the buffer is still capped.
 */
public final class Http2FrameLister {
    public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] TYPES = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE",
            "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"};
    private static final String[] SETTINGS = {null, "HEADER_TABLE_SIZE", "ENABLE_PUSH", "MAX_CONCURRENT_STREAMS",
            "INITIAL_WINDOW_SIZE", "MAX_FRAME_SIZE", "MAX_HEADER_LIST_SIZE", null, "ENABLE_CONNECT_PROTOCOL"};
    private static final String[] ERRORS = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
            "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
            "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};
    /** More than a maximal frame plus a header is not buffered. */
    private static final int MAX_BUFFER = (1 << 24) + 9;

    private final boolean expectPreface;
    private ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean prefaceChecked;

    /** {@code client}: the client's direction, which starts with the connection preface. */
    public Http2FrameLister(boolean client) {
        this.expectPreface = client;
        this.prefaceChecked = !client;
    }

    /** True when {@code data} starts with (a prefix of) the client connection preface. */
    public static boolean startsWithPreface(byte[] data) {
        int n = Math.min(data.length, PREFACE.length);
        return n > 0 && Arrays.equals(data, 0, n, PREFACE, 0, n);
    }

    /** Adds the next plaintext of this direction; returns the frames it completed, one text each. */
    public List<String> feed(byte[] data) {
        List<String> out = new ArrayList<>();
        if (pending.size() + data.length > MAX_BUFFER) {
            out.add("(" + (pending.size() + data.length) + " bytes not listed: frame too long)");
            pending = new ByteArrayOutputStream();
            return out;
        }
        pending.writeBytes(data);
        byte[] b = pending.toByteArray();
        int pos = 0;
        if (!prefaceChecked) {
            if (b.length < PREFACE.length) {
                if (startsWithPreface(b)) return out;
            } else if (Arrays.equals(b, 0, PREFACE.length, PREFACE, 0, PREFACE.length)) {
                out.add("Connection preface (PRI * HTTP/2.0)");
                pos = PREFACE.length;
            }
            prefaceChecked = true;
        }
        while (b.length - pos >= 9) {
            int len = ((b[pos] & 0xff) << 16) | ((b[pos + 1] & 0xff) << 8) | (b[pos + 2] & 0xff);
            if (b.length - pos - 9 < len) break;
            out.add(describe(b, pos, len));
            pos += 9 + len;
        }
        pending = new ByteArrayOutputStream();
        pending.write(b, pos, b.length - pos);
        return out;
    }

    /** Bytes waiting for the rest of their frame. */
    public int pendingBytes() { return pending.size(); }

    static String typeName(int type) { return type < TYPES.length ? TYPES[type] : "Unknown type " + type; }

    private static String describe(byte[] b, int at, int len) {
        int type = b[at + 3] & 0xff;
        int flags = b[at + 4] & 0xff;
        long stream = ((b[at + 5] & 0x7fL) << 24) | ((b[at + 6] & 0xffL) << 16) | ((b[at + 7] & 0xffL) << 8)
                | (b[at + 8] & 0xffL);
        int p = at + 9;
        int end = p + len;
        StringBuilder sb = new StringBuilder(typeName(type)).append(" stream ").append(stream);
        switch (type) {
            case 0 -> sb.append(" (").append(len).append(len == 1 ? " byte)" : " bytes)");
            case 1, 5, 9 -> sb.append(" (HPACK, ").append(len).append(len == 1 ? " byte)" : " bytes)");
            case 3 -> { if (len >= 4) sb.append(": ").append(error(u32(b, p))); }
            case 4 -> {
                for (int s = p; s + 6 <= end; s += 6) {
                    int id = ((b[s] & 0xff) << 8) | (b[s + 1] & 0xff);
                    String name = id < SETTINGS.length && SETTINGS[id] != null ? SETTINGS[id] : "0x" + Integer.toHexString(id);
                    sb.append(s == p ? ": " : ", ").append(name).append('=').append(u32(b, s + 2));
                }
            }
            case 7 -> {
                if (len >= 8) sb.append(": last stream ").append(u32(b, p) & 0x7fffffffL).append(", ").append(error(u32(b, p + 4)));
            }
            case 8 -> { if (len >= 4) sb.append(": increment ").append(u32(b, p) & 0x7fffffffL); }
            default -> sb.append(" (").append(len).append(len == 1 ? " byte)" : " bytes)");
        }
        String f = flags(type, flags);
        if (!f.isEmpty()) sb.append(", ").append(f);
        if (type == 0 && len > 0) {
            int from = p;
            int to = end;
            if ((flags & 0x8) != 0) { // PADDED: pad length byte, then padding at the end
                int pad = b[p] & 0xff;
                from = p + 1;
                to = Math.max(from, end - pad);
            }
            sb.append('\n');
            sb.append(HexDump.isText(b, from, to) ? new String(b, from, to - from, StandardCharsets.ISO_8859_1)
                    : HexDump.of(b, from, to, 0));
        }
        return sb.toString();
    }

    private static String flags(int type, int flags) {
        List<String> names = new ArrayList<>();
        if ((type == 4 || type == 6) && (flags & 1) != 0) names.add("ACK");
        if ((type == 0 || type == 1) && (flags & 1) != 0) names.add("END_STREAM");
        if ((type == 1 || type == 5 || type == 9) && (flags & 4) != 0) names.add("END_HEADERS");
        if ((type == 0 || type == 1 || type == 5) && (flags & 8) != 0) names.add("PADDED");
        if (type == 1 && (flags & 0x20) != 0) names.add("PRIORITY");
        return String.join(", ", names);
    }

    private static long u32(byte[] b, int p) {
        return ((b[p] & 0xffL) << 24) | ((b[p + 1] & 0xffL) << 16) | ((b[p + 2] & 0xffL) << 8) | (b[p + 3] & 0xffL);
    }

    private static String error(long code) {
        return code < ERRORS.length ? ERRORS[(int) code] : "error 0x" + Long.toHexString(code);
    }
}
