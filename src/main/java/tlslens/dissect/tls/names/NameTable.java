package tlslens.dissect.tls.names;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable code-to-name table parsed from a compact text block, one entry a line:
 * {@code CODE NAME}, CODE in decimal or 0x-hex, NAME the rest of the line. A line that starts
 * with {@code *} is an entry tshark 4.0 does not know (IANA or a later Wireshark has it), so that
 * {@link #wiresharkName} can still reproduce tshark's "Unknown" for it. A line {@code =CODE NAME} gives
 * IANA's name for a code that Wireshark 4.0 assigns to something else ({@link #ianaName}). Blank lines
 * and lines starting with {@code #} are ignored.
 *
 * <p>{@link #name} gives Wireshark 4.0's name where tshark has the code and the IANA name otherwise;
 * {@link #wiresharkName} gives exactly what tshark 4.0 prints (null for its "Unknown"), which is what
 * tshark-compatible tree labels and columns need.
 */
public final class NameTable {
    private final Map<Long, String> names;
    private final Set<Long> notInWireshark;
    private final Map<Long, String> ianaNames;
    private final int width;
    private final boolean grease;
    private final boolean greaseInWireshark;
    /**
     * The codes sorted, with their names and tshark's (null where it says "Unknown") at the same index:
     * name and wiresharkName run for many items of every handshake, and a map of Long boxed each code.
     */
    private final long[] sortedCodes;
    private final String[] sortedNames;
    private final String[] sortedWiresharkNames;

    private NameTable(Map<Long, String> names, Set<Long> notInWireshark, Map<Long, String> ianaNames, int width,
                      boolean grease, boolean greaseInWireshark) {
        this.names = names;
        this.ianaNames = ianaNames;
        this.notInWireshark = notInWireshark;
        this.width = width;
        this.grease = grease;
        this.greaseInWireshark = greaseInWireshark;
        sortedCodes = names.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        sortedNames = new String[sortedCodes.length];
        sortedWiresharkNames = new String[sortedCodes.length];
        for (int i = 0; i < sortedCodes.length; i++) {
            sortedNames[i] = names.get(sortedCodes[i]);
            sortedWiresharkNames[i] = notInWireshark.contains(sortedCodes[i]) ? null : sortedNames[i];
        }
    }

    /** A table of {@code widthBytes}-byte codes without GREASE names. */
    public static NameTable parse(int widthBytes, String text) {
        return parse(widthBytes, false, false, text);
    }

    /**
     * A table whose 16-bit GREASE codes read "Reserved (GREASE)"; {@code greaseInWireshark} says
     * whether tshark 4.0's table for this registry names them too.
     */
    public static NameTable parse(int widthBytes, boolean grease, boolean greaseInWireshark, String text) {
        Map<Long, String> names = new LinkedHashMap<>();
        Set<Long> extra = new HashSet<>();
        Map<Long, String> iana = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            boolean star = line.startsWith("*");
            boolean other = line.startsWith("=");
            if (star || other) line = line.substring(1).strip();
            int sp = line.indexOf(' ');
            if (sp < 0) throw new IllegalArgumentException("bad name table line: " + raw);
            String num = line.substring(0, sp);
            long code = num.startsWith("0x") ? Long.parseLong(num.substring(2), 16) : Long.parseLong(num);
            String name = line.substring(sp + 1).strip();
            if (other) {
                iana.put(code, name);
                continue;
            }
            if (names.putIfAbsent(code, name) != null) {
                throw new IllegalArgumentException("duplicate code in name table: " + raw);
            }
            if (star) extra.add(code);
        }
        return new NameTable(Collections.unmodifiableMap(names), Collections.unmodifiableSet(extra),
                Collections.unmodifiableMap(iana), widthBytes, grease, greaseInWireshark);
    }

    /** The name of {@code code}, or null when the registry does not assign it. */
    public String name(long code) {
        int i = java.util.Arrays.binarySearch(sortedCodes, code);
        String n = i >= 0 ? sortedNames[i] : null;
        if (n == null && grease && Grease.isGrease(code)) return Grease.NAME;
        return n;
    }

    /** The name tshark 4.0 shows for {@code code}, or null where tshark says "Unknown". */
    public String wiresharkName(long code) {
        int i = java.util.Arrays.binarySearch(sortedCodes, code);
        if (i >= 0) return sortedWiresharkNames[i];
        if (grease && greaseInWireshark && Grease.isGrease(code)) return Grease.NAME;
        return null;
    }

    /** IANA's name where it differs from Wireshark 4.0's assignment of the code, else {@link #name}. */
    public String ianaName(long code) {
        String n = ianaNames.get(code);
        return n != null ? n : name(code);
    }

    /** The name, or "Unknown (0x0a0b)" with the hex padded to the width of the code. */
    public String nameOrUnknown(long code) {
        String n = name(code);
        return n != null ? n : unknown(code, width);
    }

    /** "Unknown (0x..)" for a code of {@code widthBytes} bytes. */
    public static String unknown(long code, int widthBytes) {
        return "Unknown (0x" + hex(code, widthBytes) + ")";
    }

    static String hex(long code, int widthBytes) {
        String h = Long.toHexString(code);
        int digits = widthBytes * 2;
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    /** Whether tshark 4.0 names {@code code} (false for the *-marked entries). */
    public boolean inWireshark(long code) {
        return names.containsKey(code) && !notInWireshark.contains(code);
    }

    /** Assigned codes (GREASE excluded), in table order. */
    public Set<Long> codes() { return names.keySet(); }

    /** Number of explicitly listed entries. */
    public int size() { return names.size(); }

    /** Width of a code in bytes. */
    public int width() { return width; }
}
