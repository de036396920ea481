package tlslens;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the public captures are: the folder TLSLENS_PUBLIC_CAPTURES names, else
 * ../shared/captures/public beside the repository (their licences keep them out of it; its
 * SOURCES.md says where each comes from and what it shows). Tests that read them carry
 * {@link UsesPublicCaptures}, so a clone without the folder runs everything else
 * (src/test/scripts/test.sh excludes the group and says so) while CI requires it (.ci/run).
 */
public final class PublicCaptures {
    /** The JUnit tag of the tests that read the public captures. */
    public static final String TAG = "public-captures";
    public static final String VARIABLE = "TLSLENS_PUBLIC_CAPTURES";
    public static final Path DIR = locate();
    /**
     * Public captures of every kind the engine keeps state for (TLS 1.2 with keys, HelloRetryRequest,
     * QUIC 0-RTT, DTLS, TCP reassembly): the set the pass-equivalence tests run over.
     */
    public static final java.util.List<String> ASSORTED = java.util.List.of("zeek_tls-1.2-stream-keylog.pcap", "zeek_hrr.pcap",
            "ja4_latest.pcapng", "zeek_quic_interop_quic-go_zerortt.pcap", "ja4_tls-handshake.pcapng", "zeek_dtls1_2.pcap",
            "lek_all_dump.pcapng", "scapy_tls_tcp_frag.pcap");

    private PublicCaptures() {}

    private static Path locate() {
        String named = System.getenv(VARIABLE);
        return named != null && !named.isBlank() ? Path.of(named) : Path.of("../shared/captures/public");
    }

    /** A public capture by file name; a missing one fails the test that asks, naming where it looked. */
    public static Path of(String name) {
        Path p = DIR.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("public capture missing: " + p.toAbsolutePath().normalize() + " (set " + VARIABLE
                    + " to the folder of the public captures; its SOURCES.md lists them)");
        }
        return p;
    }

    /** The folder, which must exist where a test of the group runs. */
    public static Path dir() {
        if (!Files.isDirectory(DIR)) {
            throw new AssertionError("the public captures are missing: expected " + DIR.toAbsolutePath().normalize()
                    + " (shared/ beside the repository, or " + VARIABLE + ")");
        }
        return DIR;
    }
}
