package tlslens.ui.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import tlslens.dissect.Expert;
import tlslens.dissect.FilterText;
import tlslens.dissect.tcp.TcpExperts;

/** The rows under an expert note read as tshark prints them, and "Apply as Filter" names their fields. */
class ExpertRowTest {
    private final Expert e = TcpExperts.OUT_OF_ORDER.note();

    private String filter(ExpertRow.Part part) {
        ExpertRow row = new ExpertRow(e, part);
        return FilterText.ofExpert(row.expert(), row.fieldName());
    }

    @Test
    void rowsReadAsInTshark() {
        assertEquals("[Expert Info (Warning/Sequence): This frame is a (suspected) out-of-order segment]",
                new ExpertRow(e, ExpertRow.Part.ITEM).text());
        assertEquals("[Severity level: Warning]", new ExpertRow(e, ExpertRow.Part.SEVERITY).text());
        assertEquals("[Group: Sequence]", new ExpertRow(e, ExpertRow.Part.GROUP).text());
    }

    @Test
    void applyAsFilterUsesTheRowsField() {
        assertEquals("_ws.expert", filter(ExpertRow.Part.ITEM));
        assertEquals("tcp.analysis.out_of_order", filter(ExpertRow.Part.MESSAGE), "the note's own item");
        assertEquals("_ws.expert.severity == \"Warning\"", filter(ExpertRow.Part.SEVERITY));
        assertEquals("_ws.expert.group == \"Sequence\"", filter(ExpertRow.Part.GROUP));
    }
}
