package tlslens.explain;

import java.util.List;

/**
 * What to say about one selected thing: its notes, most specific first (the field, then the extension
 * and the message or record around it), and what it means in this connection.
 */
public record Explanation(List<Note> notes, List<String> inContext) {
    public static final Explanation NONE = new Explanation(List.of(), List.of());

    public boolean isEmpty() { return notes.isEmpty() && inContext.isEmpty(); }
}
