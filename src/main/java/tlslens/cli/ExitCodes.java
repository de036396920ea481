package tlslens.cli;

/** tshark's exit codes, so scripts written for tshark read ours the same way. */
final class ExitCodes {
    static final int OK = 0;
    /** A bad command line: unknown option, bad -E/-T/-c/-o value, unknown -e field. */
    static final int INVALID_OPTION = 1;
    /** A capture file that can't be read (missing, not a capture, cut short) or a bad display filter. */
    static final int INVALID_FILE = 2;
    static final int INVALID_FILTER = 2;
    /** A live capture that can't start (no permission, no such interface, bad capture filter) or fails. */
    static final int CAPTURE_ERROR = 2;

    private ExitCodes() {}
}
