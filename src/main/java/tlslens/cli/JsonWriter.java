package tlslens.cli;

import java.io.PrintStream;

/**
 * A streaming JSON writer that prints exactly like Wireshark's json_dumper in pretty mode
 * (two spaces per level, "key": value, "[]"/"{}" when empty). Duplicate keys are written as given,
 * as tshark -T json does.
 */
final class JsonWriter {
    private final PrintStream out;
    private final StringBuilder buf = new StringBuilder(1024);
    /** Per open container: element count so far. */
    private int[] counts = new int[32];
    private int depth;
    private boolean afterName;

    JsonWriter(PrintStream out) { this.out = out; }

    JsonWriter beginObject() { beforeValue(); open(); buf.append('{'); return this; }

    JsonWriter endObject() { close('}'); return this; }

    JsonWriter beginArray() { beforeValue(); open(); buf.append('['); return this; }

    JsonWriter endArray() { close(']'); return this; }

    JsonWriter name(String key) {
        newElement();
        string(key);
        buf.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        beforeValue();
        if (s == null) buf.append("null");
        else string(s);
        return this;
    }

    /** Ends the document: a newline, and everything written out. */
    void finish() {
        buf.append('\n');
        flush();
    }

    /** Writes what is buffered; called between frames so memory stays flat. */
    void flush() {
        out.print(buf);
        buf.setLength(0);
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) newElement();
    }

    private void newElement() {
        if (counts[depth - 1]++ > 0) buf.append(',');
        buf.append('\n');
        indent(depth);
    }

    private void open() {
        if (depth == counts.length) counts = java.util.Arrays.copyOf(counts, depth * 2);
        counts[depth++] = 0;
    }

    private void close(char c) {
        int n = counts[--depth];
        if (n > 0) {
            buf.append('\n');
            indent(depth);
        }
        buf.append(c);
    }

    private void indent(int level) {
        for (int i = 0; i < level; i++) buf.append("  ");
    }

    private void string(String s) { quote(buf, s); }

    /** json_dumper's escaping: quotes, backslashes, control characters, and "</" as "<\/". */
    static void quote(StringBuilder buf, String s) {
        buf.append('"');
        // Runs of characters that need no escape are appended whole (char by char was a tenth of --connections).
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '/') continue;
            buf.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"': buf.append("\\\""); break;
                case '\\': buf.append("\\\\"); break;
                case '\b': buf.append("\\b"); break;
                case '\t': buf.append("\\t"); break;
                case '\n': buf.append("\\n"); break;
                case '\f': buf.append("\\f"); break;
                case '\r': buf.append("\\r"); break;
                case '/':
                    if (i > 0 && s.charAt(i - 1) == '<') buf.append("\\/");
                    else buf.append(c);
                    break;
                default: buf.append(String.format("\\u%04x", (int) c));
            }
        }
        buf.append(s, start, s.length());
        buf.append('"');
    }
}
