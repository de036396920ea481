package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** libpcap's error texts become one line that says what to do; permission problems name the fix. */
class CaptureErrorsTest {
    private static final String FIX = "To allow it, run: sudo setcap cap_net_raw,cap_net_admin=eip "
            + "\"$(readlink -f \"$(which java)\")\" && echo \"$(dirname \"$(readlink -f \"$(which java)\")\")/../lib\" "
            + "| sudo tee /etc/ld.so.conf.d/java-capture.conf >/dev/null && sudo ldconfig (the second part lets a java "
            + "with capabilities still find its libjli.so), or run TLS Lens as a member of a group with those rights.";

    @Test
    void libpcap110PermissionDenied() {
        // What libpcap 1.10.3 says to an unprivileged user (seen with su nobody): PCAP_ERROR_PERM_DENIED.
        CaptureException e = CaptureErrors.openFailed("lo", "socket: Operation not permitted", -8);
        assertInstanceOf(CapturePermissionException.class, e);
        assertEquals("You don't have permission to capture on \"lo\" (socket: Operation not permitted). " + FIX,
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(e.getMessage().contains("root"));
    }

    @Test
    void permissionTextsWithoutTheCode() {
        String[] texts = {
            "socket: Operation not permitted",
            "You don't have permission to capture on that device (socket: Operation not permitted)",
            "Attempt to create packet socket failed - CAP_NET_RAW may be required",
            "(cannot open BPF device) /dev/bpf0: Permission denied",
            "eth0: You don't have permission to perform this capture on that device",
        };
        for (String t : texts) {
            CaptureException e = CaptureErrors.openFailed("eth0", t, null);
            assertInstanceOf(CapturePermissionException.class, e, t);
            assertTrue(e.getMessage().startsWith("You don't have permission to capture on \"eth0\" (" + t + "). "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(CaptureErrors.SETCAP_COMMAND), e.getMessage());
        }
        assertTrue(CaptureErrors.isPermissionProblem("", CaptureErrors.PCAP_ERROR_PROMISC_PERM_DENIED));
        assertFalse(CaptureErrors.isPermissionProblem("That device is not up", CaptureErrors.PCAP_ERROR_IFACE_NOT_UP));
        assertFalse(CaptureErrors.isPermissionProblem(null, null));
    }

    @Test
    void otherOpenErrors() {
        assertEquals("There is no device named \"foo\" (No such device exists).",
                CaptureErrors.openFailed("foo", "No such device exists", -5).getMessage());
        assertEquals("Device \"ifb0\" is not up (That device is not up).",
                CaptureErrors.openFailed("ifb0", "That device is not up\n", -9).getMessage());
        CaptureException other = CaptureErrors.openFailed("eth0", "something else", -1);
        assertFalse(other instanceof CapturePermissionException);
        assertEquals("Can't capture on \"eth0\": something else.", other.getMessage());
    }

    @Test
    void listingErrors() {
        CaptureException denied = CaptureErrors.listFailed("/dev/bpf0: Permission denied");
        assertInstanceOf(CapturePermissionException.class, denied);
        assertEquals("You don't have permission to list the network interfaces (/dev/bpf0: Permission denied). " + FIX,
                denied.getMessage());
        assertEquals("Can't list the network interfaces: socket: Address family not supported.",
                CaptureErrors.listFailed("socket: Address family not supported").getMessage());
    }

    @Test
    void pcap4jPrefixesAreDropped() {
        assertEquals("can't parse filter expression: syntax error",
                CaptureErrors.clean("Error occurred in pcap_compile: can't parse filter expression: syntax error\n"));
    }

    @Test
    void installedPackageNamesItsGroup(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals("Members of the tlslens group may capture with this installation. To join it, run: "
                + "sudo usermod -aG tlslens \"$USER\", then log out and in again.", CaptureErrors.permissionFix(true));
        assertEquals(FIX, CaptureErrors.permissionFix(false));
        java.nio.file.Path bin = java.nio.file.Files.createDirectories(dir.resolve("bin"));
        java.nio.file.Path launcher = java.nio.file.Files.createFile(bin.resolve("tlslens-capture"));
        String owner = java.nio.file.Files.readAttributes(launcher, java.nio.file.attribute.PosixFileAttributes.class)
                .group().getName();
        assertTrue(CaptureErrors.launcherBelongsTo(launcher, owner));
        assertFalse(CaptureErrors.launcherBelongsTo(launcher, owner + "x"));
        assertFalse(CaptureErrors.launcherBelongsTo(bin.resolve("missing"), owner));
        String before = System.getProperty("jpackage.app-path");
        try {
            System.clearProperty("jpackage.app-path"); // a source checkout: the group is not ours to offer
            assertFalse(CaptureErrors.installedWithCaptureGroup());
            System.setProperty("jpackage.app-path", bin.resolve("tlslens-window").toString());
            // The launcher beside it belongs to the tester's group, not to tlslens (unless the tester is in it).
            assertEquals(owner.equals(CaptureErrors.CAPTURE_GROUP), CaptureErrors.installedWithCaptureGroup());
        } finally {
            if (before == null) System.clearProperty("jpackage.app-path");
            else System.setProperty("jpackage.app-path", before);
        }
    }
}
