package tlslens.dissect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Declares fields and expert notes and keeps them by filter name. Field holder classes declare
 * their fields as static constants, which register themselves when the class is initialized;
 * {@link tlslens.dissect.registry.FieldRegistry} initializes every holder first, so look fields up
 * there: what is registered here depends on which holders have been loaded so far.
 */
public final class Fields {
    private static final Map<String, FieldDef> BY_NAME = new LinkedHashMap<>();

    private Fields() {}

    public static FieldDef field(String abbrev, String name, FieldType type, Base base, LongFunction<String> names) {
        return register(new FieldDef(abbrev, name, type, base, names, 0));
    }

    public static FieldDef field(String abbrev, String name, FieldType type, Base base) {
        return register(new FieldDef(abbrev, name, type, base, null, 0));
    }

    /** A field with no number base: bytes, strings, times, labels. */
    public static FieldDef field(String abbrev, String name, FieldType type) {
        return register(new FieldDef(abbrev, name, type, Base.NONE, null, 0));
    }

    public static FieldDef bits(String abbrev, String name, FieldType type, Base base, long mask, LongFunction<String> names) {
        return register(new FieldDef(abbrev, name, type, base, names, mask));
    }

    /**
     * A one-bit flag drawn in a container of {@code containerBits} bits, shown "Set"/"Not set"
     * (Wireshark's FT_BOOLEAN with a bit count as display).
     */
    public static FieldDef flag(String abbrev, String name, int containerBits, long mask) {
        return register(new FieldDef(abbrev, name, FieldType.BOOLEAN, Base.NONE, null, mask, containerBits));
    }

    /** As {@link #flag(String, String, int, long)}, worded by {@code tfs} (1: set, 0: not set). */
    public static FieldDef flag(String abbrev, String name, int containerBits, long mask, LongFunction<String> tfs) {
        return register(new FieldDef(abbrev, name, FieldType.BOOLEAN, Base.NONE, tfs, mask, containerBits));
    }

    /** The same field under another filter name (DTLS's copies of TLS's fields). */
    public static FieldDef renamed(FieldDef f, String abbrev) {
        return register(new FieldDef(abbrev, f.name, f.type, f.base, f.valueNames, f.bitmask, f.containerBits));
    }

    public static FieldDef label(String abbrev, String name) {
        return register(new FieldDef(abbrev, name, FieldType.NONE, Base.NONE, null, 0));
    }

    public static FieldDef protocol(String abbrev, String name) {
        return register(new FieldDef(abbrev, name, FieldType.PROTOCOL, Base.NONE, null, 0));
    }

    /**
     * Declares an expert note (Wireshark's ei_register_info entry): its filter name is registered
     * as a field named by the summary, so that filters, -e and -G fields know it.
     */
    public static ExpertDef expert(String abbrev, ExpertGroup group, Severity severity, String summary) {
        return new ExpertDef(label(abbrev, summary), group, severity);
    }

    private static synchronized FieldDef register(FieldDef f) {
        // Wireshark allows one abbrev to have several definitions; the first one names it.
        BY_NAME.putIfAbsent(f.abbrev, f);
        return f;
    }

    /** The field registered under this name so far, or null. */
    public static synchronized FieldDef registered(String abbrev) {
        return BY_NAME.get(abbrev);
    }

    /** The fields registered so far, in registration order. */
    public static synchronized List<FieldDef> registered() {
        return List.copyOf(BY_NAME.values());
    }
}
