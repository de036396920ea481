package tlslens.dissect.tls.names;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every value string of tshark 4.0.17's tables (`tshark -G values`, saved in tshark-4.0-values.tsv)
 * against {@code wiresharkName}, and back: every entry not marked as IANA-only is in tshark's table.
 */
class TsharkValuesTest {

    @Test
    void everyTsharkValueNameMatches() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String[] r : TsharkFields.rows("tshark-4.0-values.tsv", false)) {
            TsharkFields.Registry reg = TsharkFields.forField(r[0]);
            if (reg == null) {
                wrong.add("no registry for " + r[0]);
                continue;
            }
            long code = Long.parseLong(r[1]);
            String got = reg.wiresharkName().apply(code);
            if (!r[2].equals(got)) wrong.add(r[0] + " " + code + ": tshark '" + r[2] + "', ours '" + got + "'");
            checked++;
        }
        assertTrue(checked > 1500, "too few rows: " + checked);
        assertEquals(List.of(), wrong);
    }

    @Test
    void entriesNotMarkedIanaOnlyAreInTshark() {
        Map<TsharkFields.Registry, Set<Long>> tshark = new HashMap<>();
        for (String[] r : TsharkFields.rows("tshark-4.0-values.tsv", false)) {
            tshark.computeIfAbsent(TsharkFields.forField(r[0]), k -> new HashSet<>()).add(Long.parseLong(r[1]));
        }
        List<String> extra = new ArrayList<>();
        for (var e : tshark.entrySet()) {
            NameTable t = e.getKey().table();
            for (long code : t.codes()) {
                if (t.inWireshark(code) && !e.getValue().contains(code)) {
                    extra.add(e.getKey().name() + " 0x" + Long.toHexString(code) + " " + t.name(code));
                }
            }
        }
        assertEquals(List.of(), extra, "entries claimed for tshark 4.0 that it does not have (mark them *)");
    }

    @Test
    void nameAgreesWithTsharkWhereTsharkNamesTheCode() {
        // name() keeps Wireshark 4.0's names; only codes tshark lacks get IANA's.
        for (String[] r : TsharkFields.rows("tshark-4.0-values.tsv", false)) {
            TsharkFields.Registry reg = TsharkFields.forField(r[0]);
            assertEquals(r[2], reg.table().name(Long.parseLong(r[1])), r[0] + " " + r[1]);
        }
    }
}
