package tlslens.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which implementation makes each lesson on this machine, or why none can: the dialog greys out
 * a lesson without peers and says why, the command line says it skipped it.
 */
public final class LabPeers {
    /** One lesson's peers: available with {@code implementation}, or not, for {@code reason}. */
    public record Availability(LabScenario scenario, boolean available, String implementation, String reason) {}

    private static final Pattern VERSION = Pattern.compile("OpenSSL ([0-9]+)\\.([0-9]+)\\.([0-9]+)");
    private static volatile String probed;

    private LabPeers() {}

    /** Every lesson, in {@link LabScenario} order, with its peers here. */
    public static List<Availability> all() {
        String version = opensslVersion();
        List<Availability> out = new ArrayList<>();
        for (LabScenario s : LabScenario.values()) out.add(of(s, version));
        return out;
    }

    public static Availability of(LabScenario s) { return of(s, opensslVersion()); }

    private static Availability of(LabScenario s, String version) {
        // Peers inside the program first: nothing to install, and the same on every machine.
        if (BcScenarios.MADE.contains(s)) return new Availability(s, true, BcPeers.IMPLEMENTATION, null);
        if (KwikScenarios.MADE.contains(s)) return new Availability(s, true, KwikPeers.IMPLEMENTATION, null);
        if (version == null) {
            return new Availability(s, false, null,
                    "needs the openssl command (s_client and s_server), which is not installed: apt-get install openssl");
        }
        String impl = "OpenSSL " + version + " s_client / s_server";
        if (s == LabScenario.PQ_HYBRID && !atLeast(version, 3, 5)) {
            return new Availability(s, false, impl, "X25519MLKEM768 needs OpenSSL 3.5 or later (this is " + version
                    + "); Bouncy Castle 1.80 has ML-KEM alone, not the hybrid with X25519");
        }
        return new Availability(s, true, impl, null);
    }

    static boolean atLeast(String version, int major, int minor) {
        Matcher m = VERSION.matcher("OpenSSL " + version);
        if (!m.find()) return false;
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma > major || (ma == major && mi >= minor);
    }

    /** "3.0.19" from {@code openssl version}, or null when there is no openssl to run. */
    static String opensslVersion() {
        String v = probed;
        if (v != null) return v.isEmpty() ? null : v;
        try {
            Path dir = Files.createTempDirectory("tlslens-openssl");
            try (OpensslProcess p = new OpensslProcess(List.of("openssl", "version"), dir)) {
                p.endInput(10_000);
                Matcher m = VERSION.matcher(p.output());
                v = m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : "";
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            v = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        probed = v;
        return v.isEmpty() ? null : v;
    }
}
