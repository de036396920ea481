package tlslens.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tlslens.capture.RawFrame;
import tlslens.dissect.Expert;
import tlslens.dissect.FieldIndex;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/**
 * Collects the -e fields of one frame the way tshark does: occurrences in tree order (hidden items
 * included), first/last/all, then the "_ws.col.*" columns. Shared by -T fields and -T json -e.
 */
final class FieldValues {
    private final List<String> fields;
    private final Map<String, Integer> index = new HashMap<>();
    /** The same columns found by a node's field id (walk runs for every node of every frame). */
    private final FieldIndex byField;
    private final int[] columnOf;
    private final char occurrence;
    private final boolean wantExperts;
    private final List<List<String>> values;

    FieldValues(List<String> fields, char occurrence) {
        this.fields = List.copyOf(fields);
        this.occurrence = occurrence;
        boolean experts = false;
        // Like tshark's hash table: a field named twice fills only its last column.
        for (int i = 0; i < fields.size(); i++) {
            index.put(fields.get(i), i);
            experts |= ExpertItems.isExpertField(fields.get(i));
        }
        this.wantExperts = experts;
        this.byField = new FieldIndex(index);
        columnOf = new int[Columns.TITLES.length];
        for (int c = 0; c < columnOf.length; c++) {
            Integer i = index.get("_ws.col." + Columns.TITLES[c]);
            columnOf[c] = i == null ? -1 : i;
        }
        values = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) values.add(new ArrayList<>(2));
    }

    List<String> fields() { return fields; }

    /** The values of each field for this frame (empty list: field absent). Valid until the next call. */
    List<List<String>> collect(RawFrame raw, FrameDissection fd, Columns columns) {
        for (List<String> v : values) v.clear();
        for (ProtoNode top = fd.root.firstChild(); top != null; top = top.nextSibling()) walk(top);
        for (int c = 0; c < columnOf.length; c++) {
            if (columnOf[c] >= 0) add(columnOf[c], columns.get(c, raw, fd));
        }
        return values;
    }

    private void walk(ProtoNode n) {
        if (n.field != null) {
            int i = byField.of(n.field);
            if (i >= 0) add(i, FieldText.cell(n));
        }
        for (ProtoNode c = n.firstChild(); c != null; c = c.nextSibling()) walk(c);
        for (Expert e : n.experts()) {
            // The note's own field, unless the node is the note's item and so counted above.
            int own = e.isOwnItem(n) ? FieldIndex.NONE : byField.of(e.def().field);
            if (own >= 0) add(own, "1");
        }
        if (wantExperts) {
            for (Expert e : n.experts()) {
                for (String f : new String[] {ExpertItems.ABBREV, ExpertItems.MESSAGE, ExpertItems.SEVERITY,
                        ExpertItems.GROUP}) {
                    Integer i = index.get(f);
                    if (i != null) add(i, ExpertItems.cell(f, e));
                }
            }
        }
    }

    private void add(int i, String value) {
        if (value == null) return;
        List<String> v = values.get(i);
        switch (occurrence) {
            case 'f':
                if (v.isEmpty()) v.add(value);
                break;
            case 'l':
                v.clear();
                v.add(value);
                break;
            default:
                v.add(value);
        }
    }
}
