package tlslens.ui.decrypt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.CaptureIndex;

/**
 * Save As with "Embed TLS keys": the NSS key log lines of the given connections only (found by
 * their ClientHello randoms; with the master secrets an RSA key gave), for a pcapng Decryption Secrets Block. Replays each connection, so
 * it runs in the background.
 */
public final class EmbeddedKeys {
    private EmbeddedKeys() {}

    /** The key log lines for these TCP streams ("" when none has keys). */
    public static String linesFor(CaptureIndex index, Collection<Integer> tcpStreams) {
        TlsSecrets secrets = index.secrets();
        if (secrets == null) return "";
        List<byte[]> randoms = new ArrayList<>();
        for (int s : tcpStreams) {
            if (s < 0) continue;
            TlsConnection tls = index.followTls(s);
            if (tls != null && tls.clientRandom() != null) randoms.add(tls.clientRandom());
        }
        return secrets.linesFor(randoms);
    }
}
