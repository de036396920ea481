package tlslens.lab;

import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;

/**
 * Reads a Bouncy Castle secret's bytes without destroying it ({@link TlsSecret#extract()} would):
 * the lab writes them to its key log while the connection still needs them. Never instantiated; a
 * subclass only to reach {@code AbstractTlsSecret.copyData}.
 */
abstract class SecretBytes extends AbstractTlsSecret {
    private SecretBytes() {
        super(new byte[0]);
    }

    /** A copy of the secret's bytes, or null for a secret of another kind. */
    static byte[] of(TlsSecret s) {
        return s instanceof AbstractTlsSecret a ? copyData(a) : null;
    }
}
