package tlslens.ui.decrypt;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's RSA key saved beside a capture, as the lesson lab writes it (NAME-rsa-key.pem beside
 * NAME.pcapng, or NAME.pcapng-rsa-key.pem; make-captures.sh's NAME.rsa-key.pem too), for the window to offer. Reads the file
 * system: call it in the background.
 */
public final class RsaKeyBeside {
    private RsaKeyBeside() {}

    /** The key file beside {@code capture}, or null. */
    public static Path find(Path capture) {
        if (capture == null || capture.getFileName() == null) return null;
        String full = capture.getFileName().toString();
        String name = full;
        for (String ext : new String[] {".gz", ".zst", ".lz4", ".pcapng", ".pcap", ".cap"}) {
            if (name.endsWith(ext)) name = name.substring(0, name.length() - ext.length());
        }
        Path dir = capture.toAbsolutePath().getParent();
        if (dir == null) return null;
        for (String candidate : new String[] {name + "-rsa-key.pem", name + ".rsa-key.pem", full + "-rsa-key.pem"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) return p.normalize();
        }
        return null;
    }
}
