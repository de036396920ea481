package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tlslens.capture.CaptureErrors;

/**
 * A capture by a user without capture rights (nobody): one line on stderr that says what to run,
 * exit status 2. Needs root (to become nobody), so it runs where the other capture tests run.
 */
class UnprivilegedCaptureTest {
    /** The jars the command line needs; the rest of the test class path (JavaFX...) is not copied. */
    private static final String[] NEEDED = {"pcap4j", "jna", "picocli", "slf4j", "bcprov", "bcpkix", "bcutil"};

    @TempDir
    Path dir;

    @Test
    void aUserWithoutCaptureRightsIsToldWhatToRun() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run as nobody");
        assumeTrue(Files.isExecutable(Path.of("/bin/su")) || Files.isExecutable(Path.of("/usr/bin/su")), "needs su");
        String cp = readableClassPath();

        Result r = asNobody(cp, "-i", "lo", "-c", "1");
        assertEquals(2, r.exit, r.err);
        assertEquals("", r.out);
        assertEquals("tlslens: You don't have permission to capture on \"lo\" (socket: Operation not permitted). "
                + "To allow it, run: " + CaptureErrors.SETCAP_COMMAND + " && " + CaptureErrors.LDCONFIG_COMMAND
                + " (the second part lets a java with capabilities still find its libjli.so), or run TLS Lens as a "
                + "member of a group with those rights.\n", r.err);
        System.out.print("[unprivileged] " + r.err);

        // Listing needs no rights on Linux.
        Result list = asNobody(cp, "-D");
        assertEquals(0, list.exit, list.err);
        assertTrue(list.out.contains(". lo (Loopback)\n"), list.out);

        // Issue 13 §1: the lesson lab's loopback capture is refused up front with the same advice; the lab
        // itself needs no rights.
        Path lesson = dir.resolve("lesson.pcapng");
        Result lab = asNobody(cp, "--lab", lesson.toString(), "--lab-scenarios", "tls12-session-id", "--lab-capture-lo");
        assertEquals(2, lab.exit, lab.err);
        assertTrue(lab.err.startsWith("tlslens: --lab-capture-lo: You don't have permission to capture on \"lo\"")
                && lab.err.contains(CaptureErrors.SETCAP_COMMAND)
                && lab.err.contains("Without --lab-capture-lo the lab needs no permission."), lab.err);
        assertFalse(Files.exists(lesson), "nothing made");
    }

    record Result(int exit, String out, String err) {}

    private Result asNobody(String cp, String... args) throws Exception {
        StringBuilder cmd = new StringBuilder("cd / && exec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + cp + "' tlslens.Main");
        for (String a : args) cmd.append(" '").append(a).append('\'');
        Process p = new ProcessBuilder("su", "nobody", "-s", "/bin/sh", "-c", cmd.toString()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** Copies target/classes and the needed jars where nobody can read them (~/.m2 is root's). */
    private String readableClassPath() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && p.endsWith("classes") && !p.endsWith("test-classes")) {
                Path copy = dir.resolve("classes");
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path target = copy.resolve(p.relativize(f).toString());
                        if (Files.isDirectory(f)) Files.createDirectories(target);
                        else Files.copy(f, target);
                    }
                }
                out.add(copy.toString());
            } else if (name.endsWith(".jar") && Stream.of(NEEDED).anyMatch(name::startsWith)) {
                Path copy = dir.resolve(name);
                Files.copy(p, copy);
                out.add(copy.toString());
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
