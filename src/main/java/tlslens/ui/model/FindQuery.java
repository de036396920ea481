package tlslens.ui.model;

import java.io.ByteArrayOutputStream;
import java.util.BitSet;
import java.util.function.BooleanSupplier;

import tlslens.capture.RawFrame;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;
import tlslens.engine.CaptureIndex;

/**
 * Edit > Find Packet: by display filter, by a string in the Info column, or by a hex byte
 * sequence in the frame. {@link #parse} checks the text; {@link #find} runs off the FX thread.
 */
public final class FindQuery {
    public enum Mode {
        DISPLAY_FILTER("Display filter"), STRING("String in Info"), HEX("Hex bytes");
        private final String label;
        Mode(String label) { this.label = label; }
        @Override public String toString() { return label; }
    }

    private final Mode mode;
    private final String text;
    private final DisplayFilter filter;
    private final byte[] bytes;

    private FindQuery(Mode mode, String text, DisplayFilter filter, byte[] bytes) {
        this.mode = mode;
        this.text = text;
        this.filter = filter;
        this.bytes = bytes;
    }

    public Mode mode() { return mode; }

    /** @throws IllegalArgumentException with a message for the user */
    public static FindQuery parse(Mode mode, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("Nothing to find.");
        switch (mode) {
            case DISPLAY_FILTER -> {
                try {
                    return new FindQuery(mode, t, DisplayFilter.compile(t), null);
                } catch (FilterException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }
            case HEX -> { return new FindQuery(mode, t, null, parseHex(t)); }
            default -> { return new FindQuery(mode, t, null, null); }
        }
    }

    /** "16 03 01", "16:03:01", "160301", "0x16 0x03" -> bytes. */
    static byte[] parseHex(String t) {
        String s = t.replaceAll("0[xX]", "").replaceAll("[\\s:.,-]", "");
        if (s.isEmpty() || (s.length() & 1) != 0 || !s.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("\"" + t + "\" isn't a valid byte string (hex digits in pairs, e.g. 16 03 01).");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i += 2) out.write(Integer.parseInt(s.substring(i, i + 2), 16));
        return out.toByteArray();
    }

    /**
     * The position in {@code order} (frame numbers in table order) of the first match after
     * {@code from}, wrapping around; -1 if none.
     */
    public int find(CaptureIndex index, int[] order, int from, BooleanSupplier cancelled) {
        BitSet filterHits = null;
        if (mode == Mode.DISPLAY_FILTER) {
            filterHits = new BitSet();
            for (int n : index.matching(filter, cancelled)) filterHits.set(n);
        }
        int size = order.length;
        for (int k = 1; k <= size; k++) {
            if (cancelled.getAsBoolean()) return -1;
            int pos = Math.floorMod(from + k, size);
            int n = order[pos];
            boolean hit = switch (mode) {
                case DISPLAY_FILTER -> filterHits.get(n);
                case STRING -> index.info(n).toLowerCase().contains(text.toLowerCase());
                case HEX -> contains(index.frame(n), bytes);
            };
            if (hit) return pos;
        }
        return -1;
    }

    static boolean contains(RawFrame f, byte[] needle) {
        byte[] h = f.data();
        outer:
        for (int i = 0; i + needle.length <= h.length; i++) {
            for (int j = 0; j < needle.length; j++) if (h[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
