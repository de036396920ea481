package tlslens.cli;

/** A command-line mistake; the message (possibly several lines) is printed after "tlslens: ". */
final class UsageException extends Exception {
    final int exitCode;

    UsageException(String message) { this(message, ExitCodes.INVALID_OPTION); }

    UsageException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }
}
