package tlslens.capture;

/** libpcap refused a capture (BPF) filter; {@link #libpcapMessage()} is its own words. */
public final class CaptureFilterException extends CaptureException {
    private final String filter;
    private final String libpcapMessage;

    public CaptureFilterException(String filter, String iface, String libpcapMessage) {
        super("Invalid capture filter \"" + filter + "\" for interface '" + iface + "': " + libpcapMessage + ".");
        this.filter = filter;
        this.libpcapMessage = libpcapMessage;
    }

    public String filter() { return filter; }

    public String libpcapMessage() { return libpcapMessage; }
}
