package tlslens.cli;

import tlslens.dissect.Expert;
import tlslens.dissect.ExpertFields;

/**
 * How tshark shows an expert note: a "[Expert Info (Chat/Sequence): ...]" subtree in the text
 * tree, an "_ws.expert" object in JSON, numeric severity and group codes (Wireshark's PI_* values).
 */
final class ExpertItems {
    static final String ABBREV = ExpertFields.EXPERT.abbrev;
    static final String MESSAGE = ExpertFields.MESSAGE.abbrev;
    static final String SEVERITY = ExpertFields.SEVERITY.abbrev;
    static final String GROUP = ExpertFields.GROUP.abbrev;

    private ExpertItems() {}

    static boolean isExpertField(String abbrev) {
        return abbrev.equals(ABBREV) || abbrev.equals(MESSAGE) || abbrev.equals(SEVERITY) || abbrev.equals(GROUP);
    }

    static String severityName(Expert e) { return e.severity().label; }

    static long severityCode(Expert e) { return e.severity().code; }

    static long groupCode(Expert e) { return e.def().group.code; }

    /** "Expert Info (Chat/Sequence): message" (shown in brackets, as it is a generated item). */
    static String label(Expert e) { return ExpertFields.label(e); }

    /** The -T fields cell of an expert sub-field. */
    static String cell(String abbrev, Expert e) {
        if (abbrev.equals(ABBREV)) return label(e);
        if (abbrev.equals(MESSAGE)) return e.message();
        if (abbrev.equals(SEVERITY)) return Long.toString(severityCode(e));
        return Long.toString(groupCode(e));
    }
}
