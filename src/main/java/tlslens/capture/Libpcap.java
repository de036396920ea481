package tlslens.capture;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points pcap4j at the system's libpcap. Debian's runtime package installs only
 * {@code libpcap.so.0.8}; the unversioned name JNA looks for comes with the -dev package.
 */
public final class Libpcap {
    private static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final String[] CANDIDATES = {
            "/usr/lib/x86_64-linux-gnu/libpcap.so.0.8", "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8",
            "/usr/lib/x86_64-linux-gnu/libpcap.so.1", "/usr/lib64/libpcap.so.1", "/usr/lib/libpcap.so.1",
            "/usr/lib/libpcap.so.0.8", "/usr/lib/x86_64-linux-gnu/libpcap.so",
    };

    private Libpcap() {}

    /**
     * libpcap's own version line (pcap_lib_version, e.g. "libpcap version 1.10.3 (with TPACKET_V3)"),
     * or why it could not be loaded: the version report must work where capture does not.
     */
    public static String version() {
        configure();
        try {
            return org.pcap4j.core.Pcaps.libVersion();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "libpcap not found (" + e.getMessage() + ")";
        }
    }

    public static synchronized void configure() {
        if (System.getProperty(PROPERTY) != null) return;
        for (String c : CANDIDATES) {
            if (Files.isReadable(Path.of(c))) {
                System.setProperty(PROPERTY, c);
                return;
            }
        }
    }
}
