package tlslens.cli;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

import tlslens.capture.RawFrame;
import tlslens.dissect.DataSource;
import tlslens.dissect.Expert;
import tlslens.dissect.FieldType;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.explain.Explainer;
import tlslens.explain.Note;

/**
 * tshark -V / -O: each frame's tree, four spaces per level, hidden items left out, a blank line
 * after each frame. With -O only the listed protocols are expanded; the others print their top
 * line only (print.c's proto_tree_print_node). With --explain, the note of each message, extension,
 * record and explained field is printed under it (once per frame for a repeated field), and under each
 * message what it means in its connection: for handouts.
 */
final class TreePrinter implements FramePrinter {
    private static final String INDENT = "    ";
    private final PrintStream out;
    /** Top-level protocols to expand, or null for all (-V). */
    private final Set<String> only;
    private final StringBuilder line = new StringBuilder(256);
    /** --explain: the notes, with the capture's connection model; null without --explain. */
    private final Explainer explainer;
    private final Set<Note> explained = new HashSet<>();

    TreePrinter(PrintStream out, Set<String> onlyProtocols) {
        this(out, onlyProtocols, null);
    }

    TreePrinter(PrintStream out, Set<String> onlyProtocols, Explainer explainer) {
        this.out = out;
        this.only = onlyProtocols;
        this.explainer = explainer;
    }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        explained.clear();
        for (ProtoNode top : fd.root.children()) printNode(fd, top, 0);
        out.print('\n');
    }

    private void printNode(FrameDissection fd, ProtoNode n, int level) {
        if (n.hidden()) return;
        printLine(level, n.text());
        if (explainer != null) explain(fd, n, level + 1);
        if (level == 0 && only != null && (n.field == null || !only.contains(n.field.abbrev))) return;
        if (n.field != null && n.field.type == FieldType.PROTOCOL && "data".equals(n.field.abbrev)) {
            printLine(0, "");
            hexDump(fd, n);
        }
        if (n.expertsFirst()) for (Expert e : n.experts()) printExpert(e, level + 1);
        for (ProtoNode c : n.children()) printNode(fd, c, level + 1);
        if (!n.expertsFirst()) for (Expert e : n.experts()) printExpert(e, level + 1);
    }

    private void explain(FrameDissection fd, ProtoNode n, int level) {
        Note note = explainer.ownNote(fd, n);
        if (note != null && explained.add(note)) printWrapped(level, "» ", note.withReferences());
        for (String s : explainer.contextOf(fd, n)) printWrapped(level, "» In this connection: ", s);
    }

    /** Text wrapped at about 100 columns, continuation lines under the first line's text. */
    private void printWrapped(int level, String prefix, String text) {
        int width = Math.max(40, 100 - level * INDENT.length() - prefix.length());
        String pad = " ".repeat(prefix.length());
        String first = prefix;
        StringBuilder cur = new StringBuilder();
        for (String word : text.split(" ")) {
            if (cur.length() > 0 && cur.length() + 1 + word.length() > width) {
                printLine(level, first + cur);
                first = pad;
                cur.setLength(0);
            }
            if (cur.length() > 0) cur.append(' ');
            cur.append(word);
        }
        if (cur.length() > 0) printLine(level, first + cur);
    }

    private void printExpert(Expert e, int level) {
        printLine(level, "[" + ExpertItems.label(e) + "]");
        printLine(level + 1, "[" + e.message() + "]");
        printLine(level + 1, "[Severity level: " + ExpertItems.severityName(e) + "]");
        printLine(level + 1, "[Group: " + e.group() + "]");
    }

    private void printLine(int level, String text) {
        line.setLength(0);
        for (int i = 0; i < level; i++) line.append(INDENT);
        line.append(text).append('\n');
        out.print(line);
    }

    /** The hex dump tshark prints under an uninterpreted "Data" protocol item. */
    private void hexDump(FrameDissection fd, ProtoNode n) {
        if (n.source < 0 || n.source >= fd.sources().size()) return;
        DataSource src = fd.sources().get(n.source);
        int start = Math.min(n.offset, src.length());
        int len = Math.max(0, Math.min(n.length(), src.length() - start));
        for (String l : HexDump.lines(src.bytes(), start, len)) printLine(0, l);
    }
}
