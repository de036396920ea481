package tlslens.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.registry.FieldRegistry;

/**
 * tshark -G fields / -G protocols: "P\tName\tabbrev" for protocols and
 * "F\tName\tabbrev\ttype\tparent\tbase\tbitmask\tdescription" for fields.
 */
final class FieldGlossary {
    private FieldGlossary() {}

    static void printFields(PrintStream out) {
        Collection<FieldDef> all = FieldRegistry.all();
        List<String> protocols = new ArrayList<>();
        for (FieldDef f : all) if (f.type == FieldType.PROTOCOL) protocols.add(f.abbrev);
        for (FieldDef f : all) {
            if (f.type == FieldType.PROTOCOL) {
                out.print("P\t" + f.name + "\t" + f.abbrev + "\n");
            } else {
                out.print("F\t" + f.name + "\t" + f.abbrev + "\t" + typeName(f.type) + "\t" + parent(f, protocols)
                        + "\t" + baseName(f) + "\t0x" + Long.toHexString(f.bitmask) + "\t\n");
            }
        }
    }

    static void printProtocols(PrintStream out) {
        for (FieldDef f : FieldRegistry.all()) {
            if (f.type == FieldType.PROTOCOL) out.print(f.name + "\t" + f.name + "\t" + f.abbrev + "\n");
        }
    }

    /** The protocol a field belongs to: the longest protocol name that prefixes it. */
    static String parent(FieldDef f, List<String> protocols) {
        String best = null;
        for (String p : protocols) {
            if (f.abbrev.startsWith(p + ".") && (best == null || p.length() > best.length())) best = p;
        }
        if (best != null) return best;
        int dot = f.abbrev.indexOf('.');
        return dot < 0 ? f.abbrev : f.abbrev.substring(0, dot);
    }

    static String typeName(FieldType t) {
        switch (t) {
            case IPV4: return "FT_IPv4";
            case IPV6: return "FT_IPv6";
            default: return "FT_" + t.name();
        }
    }

    /** Wireshark prints BASE_* for integers, the bit width for booleans, nothing for other types. */
    static String baseName(FieldDef f) {
        if (f.type == FieldType.BOOLEAN) return Integer.toString(f.bitmask != 0 ? f.containerBits : 0);
        if (!f.type.isInteger()) return "";
        if (f.type == FieldType.FRAMENUM) return "";
        Base b = f.base == null ? Base.NONE : f.base;
        return "BASE_" + b.name();
    }
}
