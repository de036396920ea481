package tlslens.dissect.filter;

/**
 * A display filter that does not parse or type-check. The message follows tshark 4.0's wording;
 * {@link #position()} and {@link #length()} mark the offending part of the filter text (0-based),
 * the part tshark underlines with "^~~~". Errors at the end of the text ("Unexpected end of filter
 * expression.") have the text's length as position and length 0.
 */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final int length;
    private final String hint;

    public FilterException(String message, int position, int length) {
        this(message, position, length, null);
    }

    /** {@code hint}: what the user may have meant ("did you mean tls.handshake.type?"), or null. */
    public FilterException(String message, int position, int length, String hint) {
        super(message);
        this.position = position;
        this.length = length;
        this.hint = hint;
    }

    /** What the user may have meant, beyond tshark's message ("did you mean …?"); null when nothing is near. */
    public String hint() { return hint; }

    public int position() { return position; }

    public int length() { return length; }

    /**
     * The message with the filter and a caret line under the offending part, as tshark prints it
     * after "tshark: " (without one for "Unexpected end of filter expression.", as tshark does).
     */
    public String describe(String filterText) {
        String d = describeAsTshark(filterText);
        return hint == null ? d : d + "\n" + PREFIX_HINT + hint;
    }

    /** How the hint line starts (below tshark's lines, so that theirs stay as tshark prints them). */
    private static final String PREFIX_HINT = "    ";

    private String describeAsTshark(String filterText) {
        if (filterText == null || position < 0 || position > filterText.length()
                || getMessage().startsWith("Unexpected end")) {
            return getMessage();
        }
        StringBuilder sb = new StringBuilder(getMessage()).append('\n');
        sb.append("    ").append(filterText).append('\n').append("    ");
        sb.append(" ".repeat(position)).append('^');
        int tildes = Math.min(length, filterText.length() - position) - 1; // none past the end
        if (tildes > 0) sb.append("~".repeat(tildes));
        return sb.toString();
    }
}
