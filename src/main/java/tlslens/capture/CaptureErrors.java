package tlslens.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Locale;

/** Turns libpcap's error texts into one-line messages that say what to do. */
public final class CaptureErrors {
    /** Grants the java binary the rights to capture (Linux file capabilities). */
    public static final String SETCAP_COMMAND = "sudo setcap cap_net_raw,cap_net_admin=eip \"$(readlink -f \"$(which java)\")\"";
    /**
     * A java with file capabilities runs in the loader's secure mode, which ignores the $ORIGIN
     * rpath java finds libjli.so with ("error while loading shared libraries: libjli.so");
     * listing the JDK's lib directory for ldconfig makes it start again.
     */
    public static final String LDCONFIG_COMMAND = "echo \"$(dirname \"$(readlink -f \"$(which java)\")\")/../lib\" "
            + "| sudo tee /etc/ld.so.conf.d/java-capture.conf >/dev/null && sudo ldconfig";

    /**
     * The group whose members may capture with the installed package (its install script creates it
     * when the administrator allows non-root users to capture, as Debian's wireshark-common does).
     */
    public static final String CAPTURE_GROUP = "tlslens";
    public static final String ADD_TO_GROUP_COMMAND = "sudo usermod -aG " + CAPTURE_GROUP + " \"$USER\"";

    // pcap_activate()'s error codes (pcap/pcap.h).
    static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    static final int PCAP_ERROR_PERM_DENIED = -8;
    static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    /** Lower-case fragments of the texts libpcap (Linux, BSD, macOS; old and new) gives for EPERM/EACCES. */
    private static final String[] PERMISSION_TEXTS = {
            "operation not permitted", "permission denied", "don't have permission", "do not have permission",
            "cap_net_raw", "not have sufficient privileges",
    };

    private CaptureErrors() {}

    public static boolean isPermissionProblem(String libpcapMessage, Integer returnCode) {
        if (returnCode != null
                && (returnCode == PCAP_ERROR_PERM_DENIED || returnCode == PCAP_ERROR_PROMISC_PERM_DENIED)) {
            return true;
        }
        if (libpcapMessage == null) return false;
        String m = libpcapMessage.toLowerCase(Locale.ROOT);
        for (String t : PERMISSION_TEXTS) if (m.contains(t)) return true;
        return false;
    }

    /** The fix, as one line a user can paste into a shell. */
    static String permissionFix() {
        return permissionFix(installedWithCaptureGroup());
    }

    /**
     * With the package's capture group the fix is joining it (its launchers have the rights);
     * otherwise (a source checkout, or the administrator said no) the java binary needs them.
     */
    static String permissionFix(boolean captureGroup) {
        if (captureGroup) {
            return "Members of the " + CAPTURE_GROUP + " group may capture with this installation. To join it, run: "
                    + ADD_TO_GROUP_COMMAND + ", then log out and in again.";
        }
        return "To allow it, run: " + SETCAP_COMMAND + " && " + LDCONFIG_COMMAND
                + " (the second part lets a java with capabilities still find its libjli.so),"
                + " or run TLS Lens as a member of a group with those rights.";
    }

    /**
     * True when started by the installed package's launcher (jpackage's launchers set jpackage.app-path)
     * and its capture launcher belongs to the capture group: the install script gives it to the group
     * only when the administrator allowed non-root capture, and takes it back when they no longer do.
     */
    static boolean installedWithCaptureGroup() {
        String app = System.getProperty("jpackage.app-path");
        return app != null && launcherBelongsTo(Path.of(app).resolveSibling("tlslens-capture"), CAPTURE_GROUP);
    }

    static boolean launcherBelongsTo(Path launcher, String group) {
        try {
            return Files.readAttributes(launcher, PosixFileAttributes.class).group().getName().equals(group);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // not installed so, or no POSIX groups (Windows): the general advice
        }
    }

    /** pcap_create/pcap_activate failed for {@code iface}. */
    static CaptureException openFailed(String iface, String libpcapMessage, Integer returnCode) {
        String detail = clean(libpcapMessage);
        if (isPermissionProblem(detail, returnCode)) {
            return new CapturePermissionException("You don't have permission to capture on \"" + iface + "\""
                    + (detail.isEmpty() ? "" : " (" + detail + ")") + ". " + permissionFix());
        }
        int rc = returnCode == null ? 0 : returnCode;
        if (rc == PCAP_ERROR_NO_SUCH_DEVICE || detail.contains("No such device")) {
            return new CaptureException("There is no device named \"" + iface + "\""
                    + (detail.isEmpty() ? "" : " (" + detail + ")") + ".");
        }
        if (rc == PCAP_ERROR_IFACE_NOT_UP) {
            return new CaptureException("Device \"" + iface + "\" is not up" + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + ".");
        }
        return new CaptureException("Can't capture on \"" + iface + "\"" + (detail.isEmpty() ? "." : ": " + detail + "."));
    }

    /** pcap_findalldevs failed. */
    static CaptureException listFailed(String libpcapMessage) {
        String detail = clean(libpcapMessage);
        if (isPermissionProblem(detail, null)) {
            return new CapturePermissionException("You don't have permission to list the network interfaces"
                    + (detail.isEmpty() ? "" : " (" + detail + ")") + ". " + permissionFix());
        }
        return new CaptureException("Can't list the network interfaces" + (detail.isEmpty() ? "." : ": " + detail + "."));
    }

    static CaptureException libpcapMissing(Throwable e) {
        return new CaptureException("libpcap could not be loaded (install libpcap0.8): " + e.getMessage(), e);
    }

    /** libpcap messages sometimes end with a newline or pcap4j's own prefix. */
    static String clean(String m) {
        if (m == null) return "";
        String s = m.trim();
        for (String prefix : new String[] {"Error occurred in pcap_compile: ", "Error occurred in pcap_setfilter: ",
                "Error occurred in pcap_next_ex(): "}) {
            if (s.startsWith(prefix)) s = s.substring(prefix.length());
        }
        return s;
    }
}
