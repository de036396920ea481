package tlslens.capture;

/**
 * The process may not capture packets. The message says which commands grant the rights
 * ({@link CaptureErrors#SETCAP_COMMAND}, {@link CaptureErrors#LDCONFIG_COMMAND}), so a window
 * can also offer them for copying.
 */
public final class CapturePermissionException extends CaptureException {
    public CapturePermissionException(String message) { super(message); }
}
