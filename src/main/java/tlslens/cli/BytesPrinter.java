package tlslens.cli;

import java.io.PrintStream;

import tlslens.capture.RawFrame;
import tlslens.dissect.DataSource;
import tlslens.dissect.FrameDissection;

/**
 * tshark -x: after the tree (-V/-O), the summary line (-P) or on its own, each frame's bytes as a
 * hex and ASCII dump, then a blank line. A frame with reassembled, decrypted or decompressed
 * buffers lists every buffer under its name ("Frame (74 bytes):", "Decrypted TLS (916 bytes):").
 */
final class BytesPrinter implements FramePrinter {
    private final PrintStream out;
    /** What comes before the bytes (tree or summary line), or null for the bytes alone. */
    private final FramePrinter before;
    /** A summary line is followed by a blank line, a tree already ends with one. */
    private final boolean blankAfterBefore;

    BytesPrinter(PrintStream out, FramePrinter before, boolean blankAfterBefore) {
        this.out = out;
        this.before = before;
        this.blankAfterBefore = blankAfterBefore;
    }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        if (before != null) {
            before.print(raw, fd);
            if (blankAfterBefore) out.print('\n');
        }
        StringBuilder sb = new StringBuilder(4096);
        // tshark lists no empty buffer (TLS 1.0 CBC's empty first record of a 1/n-1 split decrypts to 0 bytes)
        java.util.List<DataSource> shown = new java.util.ArrayList<>();
        for (DataSource src : fd.sources()) if (shown.isEmpty() || src.length() > 0) shown.add(src);
        boolean named = shown.size() > 1;
        for (DataSource src : shown) {
            if (named) sb.append(src.name()).append(":\n");
            for (String l : HexDump.lines(src.bytes(), 0, src.length())) sb.append(l).append('\n');
        }
        sb.append('\n');
        out.print(sb);
    }
}
