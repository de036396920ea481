package tlslens.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import tlslens.capture.Libpcap;

/**
 * What {@code tlslens --version} prints and Help → About shows, in the manner of {@code tshark --version}:
 * the program's version and the commit it was built from (recorded by Maven in tlslens/build.properties),
 * then the versions of Java, JavaFX, pcap4j and libpcap in use. A bug report can then name the build.
 */
public final class VersionReport {
    private static final String RESOURCE = "/tlslens/build.properties";

    private final Properties build;

    private VersionReport(Properties build) {
        this.build = build;
    }

    /** The report of this build, read from the class path. */
    public static VersionReport current() {
        Properties p = new Properties();
        try (InputStream in = VersionReport.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VersionReport(p);
    }

    public String version() { return value("version"); }

    /** The git commit the build was made from ("unknown" outside a git clone). */
    public String commit() { return value("commit"); }

    /** The first line: "TLS Lens 0.1.0 (git commit 0123456789ab)". */
    public String headline() {
        return "TLS Lens " + version() + " (git commit " + commit() + ")";
    }

    /**
     * The libraries, one per line. {@code javafxRuntime} is the toolkit's own version where it is
     * running (the window), else null: the command line never loads JavaFX and names the version it
     * was built with.
     */
    public List<String> libraries(String javafxRuntime) {
        String fx = javafxRuntime != null ? javafxRuntime : value("javafx");
        return List.of(
                "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version"))
                        + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")"
                        + " on " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " " + System.getProperty("os.arch"),
                "JavaFX " + fx,
                "pcap4j " + value("pcap4j"),
                Libpcap.version());
    }

    /** The whole report as {@code --version} prints it. */
    public String text(String javafxRuntime) {
        StringBuilder b = new StringBuilder(headline()).append('\n').append('\n').append("Running with:\n");
        for (String l : libraries(javafxRuntime)) b.append("  ").append(l).append('\n');
        return b.toString();
    }

    private String value(String key) {
        String v = build.getProperty(key, "");
        // An IDE that copies resources without filtering leaves the ${...} placeholders.
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }
}
