package tlslens.capture;

/** A capture could not be opened or read; the message is one line meant for the user. */
public class CaptureException extends Exception {
    public CaptureException(String message) { super(message); }

    public CaptureException(String message, Throwable cause) { super(message, cause); }
}
