package tlslens.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import tlslens.capture.RawFrame;
import tlslens.dissect.Expert;
import tlslens.dissect.FieldType;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;

/**
 * tshark -T json: an array with one Elasticsearch-style document per frame. Every tree item
 * (hidden ones too) becomes a member: a field gives "abbrev": "value" and, when it has children,
 * "abbrev_tree": {...}; a text-only item is keyed by its label. With -e, only those fields, each
 * an array of values.
 */
final class JsonPrinter implements FramePrinter {
    private final JsonWriter json;
    private final Columns columns;
    private final FieldValues fieldValues;
    private final ZoneId zone = ZoneId.systemDefault();

    /** fields null or empty: the whole tree. */
    JsonPrinter(PrintStream out, Columns columns, List<String> fields, char occurrence) {
        this.json = new JsonWriter(out);
        this.columns = columns;
        this.fieldValues = fields == null || fields.isEmpty() ? null : new FieldValues(fields, occurrence);
    }

    @Override
    public void begin() { json.beginArray(); }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        json.beginObject();
        // Like write_json_index: the frame's date in local time.
        json.name("_index").value("packets-" + LocalDate.ofInstant(raw.time(), zone));
        json.name("_type").value("doc");
        json.name("_score").value(null);
        json.name("_source").beginObject();
        json.name("layers");
        if (fieldValues != null) writeFields(raw, fd);
        else writeChildren(fd.root);
        json.endObject();
        json.endObject();
        json.flush();
    }

    @Override
    public void end() {
        json.endArray();
        json.finish();
    }

    private void writeFields(RawFrame raw, FrameDissection fd) {
        List<List<String>> cells = fieldValues.collect(raw, fd, columns);
        json.beginObject();
        for (int i = 0; i < cells.size(); i++) {
            List<String> v = cells.get(i);
            if (v.isEmpty()) continue;
            json.name(fieldValues.fields().get(i)).beginArray();
            for (String s : v) json.value(s);
            json.endArray();
        }
        json.endObject();
    }

    private void writeChildren(ProtoNode parent) {
        json.beginObject();
        for (ProtoNode c : parent.children()) writeNode(c);
        for (Expert e : parent.experts()) writeExpert(e);
        json.endObject();
    }

    private void writeNode(ProtoNode n) {
        String key = FieldText.jsonKey(n);
        String value = FieldText.jsonValue(n);
        boolean hasChildren = !n.children().isEmpty() || !n.experts().isEmpty();
        if (value != null) json.name(key).value(value);
        if (hasChildren) {
            json.name(value != null ? key + "_tree" : key);
            writeChildren(n);
        }
        if (value == null && !hasChildren) {
            // A protocol with nothing under it shows its label; any other empty item "".
            boolean protocol = n.field != null && n.field.type == FieldType.PROTOCOL;
            json.name(key).value(protocol ? FieldText.rawText(n) : "");
        }
    }

    private void writeExpert(Expert e) {
        json.name(ExpertItems.ABBREV).beginObject();
        // tshark lists the note's own field first, as an empty FT_NONE item.
        json.name(e.def().abbrev()).value("");
        json.name(ExpertItems.MESSAGE).value(e.message());
        json.name(ExpertItems.SEVERITY).value(Long.toString(ExpertItems.severityCode(e)));
        json.name(ExpertItems.GROUP).value(Long.toString(ExpertItems.groupCode(e)));
        json.endObject();
    }
}
