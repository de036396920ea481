package tlslens.dissect.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tlslens.dissect.Base;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.Fields;
import tlslens.dissect.registry.FieldRegistry;

/**
 * Compares what the compiler accepts with tshark 4.0 on the filters of filters.txt, using the
 * golden files of src/test/scripts/make-filter-golden.sh: every filter tshark accepts must compile,
 * every filter it rejects must fail at the same position, with the same message. (Which frames
 * match is checked end to end once the engine runs on the captures.)
 *
 * <p>Fields that no dissector declares yet are registered from fields.tsv (tshark -G fields),
 * after the field holders are loaded, so a holder's own definition always wins.
 */
class TsharkGoldenTest {
    /** Filters whose message deliberately differs from tshark's (the position still matches). */
    private static final Set<String> OWN_MESSAGE = Set.of(
            // Java's regex messages are not PCRE2's.
            "tls.handshake.extensions_server_name matches \"(\"");

    private static final Map<String, String[]> TSHARK_FIELDS = new HashMap<>();

    @BeforeAll
    static void registerMissingFields() throws IOException {
        FieldRegistry.byName("frame"); // loads every field holder first
        Map<String, Map<Long, String>> names = new HashMap<>();
        List<String[]> defs = new ArrayList<>();
        for (String line : lines("fields.tsv")) {
            String[] c = line.split("\t", -1);
            if (c[0].equals("F")) defs.add(c);
            if (c[0].equals("V")) names.computeIfAbsent(c[1], k -> new HashMap<>()).putIfAbsent(Long.decode(c[2]), c[3]);
        }
        for (String[] c : defs) {
            TSHARK_FIELDS.put(c[1], c);
            if (FieldRegistry.byName(c[1]) != null) continue;
            FieldType type = type(c[2]);
            long mask = c[4].isEmpty() ? 0 : Long.decode(c[4]);
            Map<Long, String> vn = names.get(c[1]);
            String label = c[5];
            if (type == FieldType.PROTOCOL) Fields.protocol(c[1], label);
            else if (type == FieldType.NONE) Fields.label(c[1], label);
            else if (type == FieldType.BOOLEAN && mask != 0) Fields.flag(c[1], label, Integer.parseInt(c[3]), mask);
            else if (mask != 0) Fields.bits(c[1], label, type, base(c[3]), mask, vn == null ? null : vn::get);
            else if (type.isInteger()) Fields.field(c[1], label, type, base(c[3]), vn == null ? null : vn::get);
            else Fields.field(c[1], label, type);
        }
    }

    private static FieldType type(String ft) {
        return switch (ft) {
            case "FT_PROTOCOL" -> FieldType.PROTOCOL;
            case "FT_NONE" -> FieldType.NONE;
            case "FT_UINT8" -> FieldType.UINT8;
            case "FT_UINT16" -> FieldType.UINT16;
            case "FT_UINT24" -> FieldType.UINT24;
            case "FT_UINT32" -> FieldType.UINT32;
            case "FT_UINT64" -> FieldType.UINT64;
            case "FT_FRAMENUM" -> FieldType.FRAMENUM;
            case "FT_BOOLEAN" -> FieldType.BOOLEAN;
            case "FT_BYTES" -> FieldType.BYTES;
            case "FT_STRING", "FT_STRINGZ", "FT_UINT_STRING" -> FieldType.STRING;
            case "FT_IPv4" -> FieldType.IPV4;
            case "FT_IPv6" -> FieldType.IPV6;
            case "FT_ETHER" -> FieldType.ETHER;
            case "FT_RELATIVE_TIME" -> FieldType.RELATIVE_TIME;
            case "FT_ABSOLUTE_TIME" -> FieldType.ABSOLUTE_TIME;
            case "FT_DOUBLE" -> FieldType.DOUBLE;
            default -> throw new IllegalArgumentException("no FieldType for " + ft);
        };
    }

    private static Base base(String b) {
        return switch (b) {
            case "BASE_HEX" -> Base.HEX;
            case "BASE_DEC_HEX" -> Base.DEC_HEX;
            case "BASE_HEX_DEC" -> Base.HEX_DEC;
            default -> Base.DEC;
        };
    }

    private static List<String> lines(String resource) throws IOException {
        InputStream in = TsharkGoldenTest.class.getResourceAsStream("/filter/" + resource);
        if (in == null) fail("missing test resource filter/" + resource);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) if (!l.isEmpty() && !l.startsWith("#")) out.add(l);
        }
        return out;
    }

    @Test
    void acceptsAndRejectsWhatTsharkDoes() throws IOException {
        List<String> golden = lines("zeek_tls12-decryption.golden.tsv");
        assertTrue(golden.size() > 100, "golden file too short");
        List<String> problems = new ArrayList<>();
        int errors = 0;
        for (String line : golden) {
            String[] c = line.split("\t", -1);
            String filter = c[0];
            FilterException e = null;
            try {
                DisplayFilter.compile(filter);
            } catch (FilterException ex) {
                e = ex;
            }
            if (c[1].equals("OK")) {
                if (e != null) problems.add(filter + ": tshark accepts it, we say: " + e.getMessage());
                continue;
            }
            errors++;
            int pos = Integer.parseInt(c[2]);
            String message = c[4];
            if (e == null) {
                problems.add(filter + ": tshark rejects it (" + message + "), we accept it");
                continue;
            }
            // No caret: "Unexpected end" is at the end of the text; other such errors (a bad regex) we place ourselves.
            int expectedPos = pos >= 0 ? pos : message.startsWith("Unexpected end") ? filter.length() : e.position();
            if (e.position() != expectedPos) {
                problems.add(filter + ": position " + e.position() + ", tshark " + expectedPos + " (" + e.getMessage() + ")");
            }
            if (!OWN_MESSAGE.contains(filter) && !message.equals(e.getMessage())) {
                problems.add(filter + ": message \"" + e.getMessage() + "\", tshark \"" + message + "\"");
            }
        }
        assertTrue(errors >= 15, "too few rejected filters in the golden file");
        assertEquals(List.of(), problems);
    }

    @Test
    void goldenFilesOfBothCapturesListTheSameFilters() throws IOException {
        List<String> a = lines("zeek_tls12-decryption.golden.tsv");
        List<String> b = lines("zeek_tls13_psk_succesfull.golden.tsv");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i).split("\t")[0], b.get(i).split("\t")[0]);
        assertFalse(a.stream().anyMatch(l -> l.contains("Running as")));
    }

    /** The dissectors' field types must be tshark's, or filters type-check differently. */
    @Test
    void declaredFieldTypesAreTsharks() {
        List<String> problems = new ArrayList<>();
        for (String[] c : TSHARK_FIELDS.values()) {
            FieldDef f = FieldRegistry.byName(c[1]);
            FieldType expected = type(c[2]);
            if (f == null) problems.add(c[1] + " is not registered");
            else if (f.type != expected) problems.add(c[1] + " is " + f.type + ", tshark says " + c[2]);
        }
        assertEquals(List.of(), problems);
    }
}
