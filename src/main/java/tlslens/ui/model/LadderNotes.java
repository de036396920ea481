package tlslens.ui.model;

import java.util.ArrayList;
import java.util.List;

import tlslens.analysis.AlertEvent;
import tlslens.analysis.Connection;
import tlslens.analysis.HandshakeStep;
import tlslens.explain.Explainer;
import tlslens.explain.Explanation;
import tlslens.explain.Note;
import tlslens.explain.Notes;

/**
 * The notes of a ladder's arrows: the step or alert of the connection model a row was drawn from,
 * explained, and a ghost's message with what skipping it means. Text for the arrow's tooltip.
 */
public final class LadderNotes {
    private LadderNotes() {}

    /** The explanation of row {@code row} of {@code m}; {@link Explanation#NONE} when there is nothing to say. */
    public static Explanation of(LadderModel m, int row, Explainer explainer) {
        if (m == null || explainer == null || row < 0 || row >= m.rows().size()) return Explanation.NONE;
        LadderRow r = m.rows().get(row);
        Connection c = m.connection();
        switch (r.kind()) {
            case GHOST -> {
                Note n = Notes.get().handshake(r.handshakeType());
                return new Explanation(n == null ? List.of() : List.of(n), List.of("This resumed handshake skipped it: the "
                        + "full handshake sent it" + (r.bytes() != null ? " (" + r.bytesText() + ")" : "")
                        + ", but a resumption reuses the session's secrets and needs no new authentication."));
            }
            case ALERT -> {
                for (AlertEvent a : c.alerts()) {
                    if (a.frame() == r.frame() && a.fromClient() == r.fromClient()) return explainer.explain(c, a);
                }
                return Explanation.NONE;
            }
            default -> {
                HandshakeStep s = step(m, row);
                return s == null ? Explanation.NONE : explainer.explain(c, s);
            }
        }
    }

    /** The n-th step of the row's frame, direction, kind and type, n being the row's place among such rows. */
    private static HandshakeStep step(LadderModel m, int row) {
        LadderRow r = m.rows().get(row);
        int nth = 0;
        for (int i = 0; i < row; i++) if (same(m.rows().get(i), r)) nth++;
        for (HandshakeStep s : m.connection().handshake()) {
            if (s.frame() == r.frame() && s.fromClient() == r.fromClient() && s.handshakeType() == r.handshakeType()
                    && s.contentType() == r.contentType() && nth-- == 0) {
                return s;
            }
        }
        return null;
    }

    private static boolean same(LadderRow a, LadderRow b) {
        return a.kind() != LadderRow.Kind.GHOST && a.kind() != LadderRow.Kind.ALERT && a.frame() == b.frame()
                && a.fromClient() == b.fromClient() && a.handshakeType() == b.handshakeType()
                && a.contentType() == b.contentType();
    }

    /** The tooltip's part: "Client Hello: note (RFC …)" per note, then the sentences about this connection. */
    public static String text(Explanation e) {
        List<String> parts = new ArrayList<>();
        for (Note n : e.notes()) parts.add(n.title() + ": " + n.withReferences());
        if (!e.inContext().isEmpty()) parts.add("In this connection: " + String.join(" ", e.inContext()));
        return String.join("\n", parts);
    }
}
