package tlslens.ui.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tlslens.dissect.Expert;
import tlslens.dissect.ExpertGroup;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Severity;

/**
 * The capture's expert notes as Wireshark's Expert Information dialog and tshark's {@code -z expert}
 * show them: one entry per severity, group, protocol and summary (the note's text), with its count and
 * the frames that carry it, most severe first; plus the capture-level warnings (a file cut short), which
 * belong to no frame. The loading thread adds, the FX thread reads copies: every method is synchronized.
 */
public final class ExpertSummary {
    /** One line of the dialog: {@code frames} in capture order (empty for a capture-level warning). */
    public record Entry(Severity severity, String group, String protocol, String summary, String abbrev, List<Integer> frames) {
        public int count() { return Math.max(1, frames.size()); }
    }

    private record Key(Severity severity, String group, String protocol, String summary, String abbrev) {}

    /** Per note, the frames that carry it: ints, not Integers (a million-packet capture has hundreds of thousands). */
    private final Map<Key, Frames> entries = new LinkedHashMap<>();

    /** A growing list of frame numbers. */
    private static final class Frames {
        private int[] numbers = new int[1];
        private int size;

        void add(int n) {
            if (size == numbers.length) numbers = java.util.Arrays.copyOf(numbers, size * 2);
            numbers[size++] = n;
        }

        Frames copy() {
            Frames c = new Frames();
            c.numbers = java.util.Arrays.copyOf(numbers, Math.max(1, size));
            c.size = size;
            return c;
        }

        List<Integer> list() {
            List<Integer> l = new ArrayList<>(size);
            for (int i = 0; i < size; i++) l.add(numbers[i]);
            return java.util.Collections.unmodifiableList(l);
        }
    }
    private final Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    private final List<String> captureWarnings = new ArrayList<>();
    private long version;

    /** Adds the notes of frame {@code number}'s tree. */
    public void addFrame(int number, ProtoNode root) {
        List<Expert> found = notesOf(root);
        if (found != null) addNotes(number, found);
    }

    /** The notes of a frame's tree in tree order, null when none (a pass on several threads gathers them, then adds in frame order). */
    public static List<Expert> notesOf(ProtoNode root) {
        List<Expert> found = new ArrayList<>(2);
        root.walk(n -> found.addAll(n.experts()));
        return found.isEmpty() ? null : found;
    }

    /** Adds notes of frame {@code number} as {@link #notesOf} gave them. */
    public synchronized void addNotes(int number, List<Expert> notes) {
        for (Expert e : notes) add(number, e);
    }

    public synchronized void add(int frame, Expert e) {
        String abbrev = e.def().abbrev();
        Key k = new Key(e.severity(), e.group(), protocolOf(abbrev), e.message(), abbrev);
        entries.computeIfAbsent(k, x -> new Frames()).add(frame);
        counts.merge(e.severity(), 1, Integer::sum);
        version++;
    }

    /** A warning about the capture as a whole (a file cut short), shown as a Warning of the Malformed group. */
    public synchronized void addCaptureWarning(String text) {
        if (text == null || text.isEmpty() || captureWarnings.contains(text)) return;
        captureWarnings.add(text);
        counts.merge(Severity.WARN, 1, Integer::sum);
        version++;
    }

    /** The capture-level warnings, in the order they came. */
    public synchronized List<String> captureWarnings() { return List.copyOf(captureWarnings); }

    /** Takes {@code other}'s entries and warnings in place of its own (a fuller pass replaces a partial one). */
    public void replaceWith(ExpertSummary other) {
        if (other == this) return;
        synchronized (other) {
            synchronized (this) {
                entries.clear();
                other.entries.forEach((k, v) -> entries.put(k, v.copy()));
                counts.clear();
                counts.putAll(other.counts);
                captureWarnings.clear();
                captureWarnings.addAll(other.captureWarnings);
                version++;
            }
        }
    }

    public synchronized void clear() {
        entries.clear();
        counts.clear();
        captureWarnings.clear();
        version++;
    }

    /** Changes at every add: the FX thread redraws the indicator only when it moved. */
    public synchronized long version() { return version; }

    /** The entries, most severe first, then by group, protocol and summary (as the dialog lists them). */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>(entries.size() + captureWarnings.size());
        for (String w : captureWarnings) out.add(new Entry(Severity.WARN, ExpertGroup.MALFORMED.label, "Capture file", w, "", List.of()));
        entries.forEach((k, frames) -> out.add(new Entry(k.severity, k.group, k.protocol, k.summary, k.abbrev, frames.list())));
        out.sort(Comparator.comparing(Entry::severity).reversed()
                .thenComparing(Entry::group).thenComparing(Entry::protocol).thenComparing(Entry::summary));
        return out;
    }

    /** Notes of each severity (capture-level warnings count as Warnings). */
    public synchronized int count(Severity s) { return counts.getOrDefault(s, 0); }

    /** The highest severity present, or null when there is no note. */
    public synchronized Severity highest() {
        Severity top = null;
        for (Severity s : counts.keySet()) if (top == null || s.compareTo(top) > 0) top = s;
        return top;
    }

    /** The status bar's indicator: "2 warnings, 6 notes, 9 chats", or "No expert notes". */
    public synchronized String indicatorText() {
        List<String> parts = new ArrayList<>();
        Severity[] order = {Severity.ERROR, Severity.WARN, Severity.NOTE, Severity.CHAT};
        String[] names = {"error", "warning", "note", "chat"};
        for (int i = 0; i < order.length; i++) {
            int n = count(order[i]);
            if (n > 0) parts.add(n + " " + names[i] + (n == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? "No expert notes" : String.join(", ", parts);
    }

    /** The protocol column of tshark's -z expert: "tcp.analysis.flags" is TCP's, "_ws.malformed" the frame's. */
    static String protocolOf(String abbrev) {
        if (abbrev.startsWith("_ws.")) return "Malformed";
        int dot = abbrev.indexOf('.');
        return (dot < 0 ? abbrev : abbrev.substring(0, dot)).toUpperCase(java.util.Locale.ROOT);
    }
}
