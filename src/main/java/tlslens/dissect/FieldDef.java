package tlslens.dissect;

import java.util.function.LongFunction;

/**
 * One field, declared once: its filter name, label, type, display base and value names.
 * The same definition drives the tree text, the display filter and the hex highlight
 * (see Wireshark's hf_register_info).
 *
 * <p>Declare fields as static constants through {@link Fields#field} and friends, so that they
 * are registered under their filter name.
 */
public final class FieldDef {
    public final String abbrev;
    public final String name;
    public final FieldType type;
    public final Base base;
    /** Names integer values ("Handshake (22)"); null when the field has none. */
    public final LongFunction<String> valueNames;
    /** For bit fields: the mask within the integer of {@link #type}; 0 otherwise. */
    public final long bitmask;
    /** Width in bits of the container a bit field is drawn in ("0100 .... = Version: 4"). */
    public final int containerBits;
    /**
     * A small number of its own, in order of declaration: readers of a tree index tables by it
     * (FieldIndex) instead of hashing the name at every node (a fifth of a -Y run's time).
     */
    public final int id = COUNT.getAndIncrement();

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

    FieldDef(String abbrev, String name, FieldType type, Base base, LongFunction<String> valueNames, long bitmask) {
        this(abbrev, name, type, base, valueNames, bitmask, type.width * 8);
    }

    FieldDef(String abbrev, String name, FieldType type, Base base, LongFunction<String> valueNames, long bitmask,
             int containerBits) {
        this.abbrev = abbrev;
        this.name = name;
        this.type = type;
        this.base = base;
        this.valueNames = valueNames;
        this.bitmask = bitmask;
        this.containerBits = containerBits;
    }

    @Override public String toString() { return abbrev; }
}
