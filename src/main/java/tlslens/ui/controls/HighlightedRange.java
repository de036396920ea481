package tlslens.ui.controls;

/** The bytes highlighted in the bytes pane: {@code length} bytes at {@code offset} of data source {@code source}. */
public record HighlightedRange(int source, int offset, int length) {}
