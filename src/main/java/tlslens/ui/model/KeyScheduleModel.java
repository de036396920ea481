package tlslens.ui.model;

import java.util.ArrayList;
import java.util.List;

import tlslens.analysis.Connection;
import tlslens.dissect.tls.decrypt.KeySchedule;

/**
 * What the "Key schedule" view of one connection shows, as plain text rows grouped by stage: per
 * step its name and RFC section, its value (hex, grouped by four bytes so a class can read it out) or
 * why it is unknown, how it is derived, where the value comes from, and for each Finished the check
 * against the wire.
 */
public final class KeyScheduleModel {
    /**
     * One step.
     *
     * @param sourceClass the CSS class of the source tag: key-log, derived, constant, wire or missing
     * @param check       for a Finished, whether the recomputed verify_data equals the wire's; else null
     */
    public record Row(String name, String rfc, String formula, String value, String source, String sourceClass, boolean psk,
                      Boolean check, String checkText, String note) {}

    public record Section(String title, List<Row> rows) {}

    private final String title;
    private final String summary;
    private final List<Section> sections;

    private KeyScheduleModel(String title, String summary, List<Section> sections) {
        this.title = title;
        this.summary = summary;
        this.sections = List.copyOf(sections);
    }

    /** The view of {@code c}'s schedule {@code k} (null: the connection has no key log). */
    public static KeyScheduleModel of(Connection c, KeySchedule k) {
        StringBuilder t = new StringBuilder("Key schedule · ")
                .append(c.transport() == tlslens.engine.Transport.TCP ? "connection #" + c.index() : c.label());
        if (c.version() != null) t.append(" · ").append(c.version());
        if (c.cipherSuite() != null) t.append(" · ").append(c.cipherSuite());
        if (!c.tls()) return new KeyScheduleModel(t.toString(), "This connection carries no TLS.", List.of());
        if (k == null) {
            return new KeyScheduleModel(t.toString(), "No key log for this connection: load one (File \u2192 Load Key Log\u2026) "
                    + "to see the secrets and keys it used.", List.of());
        }
        List<Section> sections = new ArrayList<>();
        for (String stage : k.stages()) {
            List<Row> rows = new ArrayList<>();
            for (KeySchedule.Step s : k.steps()) {
                if (!s.stage().equals(stage)) continue;
                rows.add(new Row(s.name(), s.rfc(), s.formula(), s.value() == null ? "?" : grouped(s.hex()), s.sourceText(),
                        sourceClass(s.source()), s.psk(), s.check() == null ? null : s.check().correct(), s.checkText(),
                        s.check() == null ? s.note() : null));
            }
            sections.add(new Section(stage, rows));
        }
        return new KeyScheduleModel(t.toString(), summary(k), sections);
    }

    /** "Finished: server ✓, client ✓ — recomputed from the handshake transcript and the keys"; the problem first if any. */
    static String summary(KeySchedule k) {
        StringBuilder sb = new StringBuilder();
        if (k.problem() != null) sb.append(Character.toUpperCase(k.problem().charAt(0))).append(k.problem().substring(1)).append(". ");
        List<KeySchedule.Step> checks = k.finishedChecks();
        if (!checks.isEmpty()) {
            sb.append("Finished verify_data recomputed from the transcript and the keys: ");
            for (int i = 0; i < checks.size(); i++) {
                KeySchedule.Step s = checks.get(i);
                if (i > 0) sb.append(", ");
                sb.append(s.name().replace(" verify_data", "")).append(s.check().correct() ? " \u2713" : " \u2717");
            }
            sb.append(". ");
        }
        if (k.step("binder_key") != null) sb.append("PSK resumption: the steps marked PSK come from the ticket's PSK instead of zeros.");
        else if (!k.steps().isEmpty() && k.step("early_secret") != null) {
            sb.append("Full handshake: zeros stand where a PSK would go (the steps marked PSK).");
        }
        return sb.toString().trim();
    }

    /** "4e9367fa 254e8d31 …": four bytes a group. */
    static String grouped(String hex) {
        StringBuilder sb = new StringBuilder(hex.length() + hex.length() / 8);
        for (int i = 0; i < hex.length(); i += 8) {
            if (i > 0) sb.append(' ');
            sb.append(hex, i, Math.min(hex.length(), i + 8));
        }
        return sb.toString();
    }

    private static String sourceClass(KeySchedule.Source s) {
        return switch (s) {
            case KEY_LOG -> "key-log";
            case DERIVED -> "derived";
            case CONSTANT -> "constant";
            case WIRE -> "wire";
            case NOT_IN_KEY_LOG -> "missing";
        };
    }

    public String title() { return title; }

    public String summary() { return summary; }

    public List<Section> sections() { return sections; }
}
