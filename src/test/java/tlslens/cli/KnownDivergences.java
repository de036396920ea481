package tlslens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The explicit list of cells where we knowingly differ from tshark, with the reason, in
 * src/test/resources/golden/known-divergences.txt (optional). One per line, tab-separated:
 * <pre>
 * capture   field   frames   reason
 * </pre>
 * capture and frames may be "*"; frames is a comma-separated list of frame numbers. A line
 * without a reason is an error: every divergence has to be justified.
 * <p>For the -O tls tree comparison, the field {@value #EXTRA_TREE_LINE} marks lines that only
 * TLS Lens prints (an addition tshark 4.0 lacks); the frames column is then a regular expression
 * matched against the whole line, and such lines are left out before comparing.
 */
final class KnownDivergences {
    static final Path FILE = CliRunner.GOLDEN.resolve("known-divergences.txt");
    static final String EXTRA_TREE_LINE = "-O tls extra line";

    private record Entry(String capture, String field, Set<String> frames, Pattern line, String reason) {}

    private final List<Entry> entries;

    private KnownDivergences(List<Entry> entries) { this.entries = entries; }

    static KnownDivergences none() { return new KnownDivergences(List.of()); }

    static KnownDivergences load() throws IOException {
        if (!Files.exists(FILE)) return none();
        List<Entry> list = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(FILE)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.split("\t");
            if (p.length < 4 || p[3].isBlank()) {
                throw new IllegalStateException(FILE + ":" + n + ": expected capture<TAB>field<TAB>frames<TAB>reason");
            }
            if (p[1].equals(EXTRA_TREE_LINE)) {
                list.add(new Entry(p[0], p[1], null, Pattern.compile(p[2]), p[3]));
                continue;
            }
            Set<String> frames = p[2].equals("*") ? null : new java.util.HashSet<>(List.of(p[2].split(",")));
            list.add(new Entry(p[0], p[1], frames, null, p[3]));
        }
        return new KnownDivergences(list);
    }

    /** A tree line only TLS Lens prints, to leave out of the -O comparison. */
    boolean isExtraTreeLine(String capture, String line) {
        for (Entry e : entries) {
            if (e.line != null && (e.capture.equals("*") || e.capture.equals(capture)) && e.line.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    boolean covers(String capture, String field, String frame) {
        for (Entry e : entries) {
            if (e.line == null && (e.capture.equals("*") || e.capture.equals(capture)) && e.field.equals(field)
                    && (e.frames == null || e.frames.contains(frame))) {
                return true;
            }
        }
        return false;
    }
}
