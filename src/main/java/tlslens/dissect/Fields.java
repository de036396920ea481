package tlslens.dissect;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The registry of all fields by filter name. Field holder classes declare their fields as
 * static constants; {@link #byName} loads every holder first so that a filter can name a field
 * whose dissector has not run yet.
 */
public final class Fields {
    private static final Map<String, FieldDef> BY_NAME = new LinkedHashMap<>();

    /** Classes that declare fields. Add yours here so filters and -e can find its fields. */
    private static final String[] HOLDERS = {
            "tlslens.dissect.FrameFields",
            "tlslens.dissect.link.LinkFields",
            "tlslens.dissect.ip.IpFields",
            "tlslens.dissect.tcp.TcpFields",
            "tlslens.dissect.tls.TlsFields",
            "tlslens.dissect.tls.ExtensionFields",
            "tlslens.dissect.tls.names.SignatureAndHashFields",
            "tlslens.dissect.x509.X509Fields",
    };
    private static volatile boolean loaded;

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

    public static FieldDef label(String abbrev, String name) {
        return register(new FieldDef(abbrev, name, FieldType.NONE, Base.NONE, null, 0));
    }

    public static FieldDef protocol(String abbrev, String name) {
        return register(new FieldDef(abbrev, name, FieldType.PROTOCOL, Base.NONE, null, 0));
    }

    private static synchronized FieldDef register(FieldDef f) {
        // Wireshark allows one abbrev to have several definitions; the first one names it.
        BY_NAME.putIfAbsent(f.abbrev, f);
        return f;
    }

    public static FieldDef byName(String abbrev) {
        ensureLoaded();
        synchronized (Fields.class) {
            return BY_NAME.get(abbrev);
        }
    }

    public static Collection<FieldDef> all() {
        ensureLoaded();
        synchronized (Fields.class) {
            return Collections.unmodifiableCollection(new java.util.ArrayList<>(BY_NAME.values()));
        }
    }

    /** True when some registered field starts with this prefix followed by a dot (a protocol name like "tls"). */
    public static boolean isKnownPrefix(String name) {
        ensureLoaded();
        synchronized (Fields.class) {
            for (String k : BY_NAME.keySet()) {
                if (k.equals(name) || k.startsWith(name + ".")) return true;
            }
            return false;
        }
    }

    static void ensureLoaded() {
        if (loaded) return;
        for (String h : HOLDERS) {
            try {
                Class.forName(h, true, Fields.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // A holder not written yet: its fields are simply unknown.
            }
        }
        loaded = true;
    }
}
