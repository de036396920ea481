package tlslens.dissect.tls.decrypt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wireshark's RSA keys list for one capture: the servers' private keys, matched to a connection by
 * the modulus of its server certificate's public key (tshark 4.0 ignores the IP and port of the
 * legacy tls.keys_list entries and matches this way too). Thread-safe; keys are added, never removed.
 */
public final class RsaKeys {
    private final List<RsaServerKey> keys = new ArrayList<>();

    public synchronized void add(List<RsaServerKey> more) { keys.addAll(more); }

    public synchronized boolean isEmpty() { return keys.isEmpty(); }

    public synchronized int size() { return keys.size(); }

    public synchronized List<RsaServerKey> all() { return Collections.unmodifiableList(new ArrayList<>(keys)); }

    /**
     * The keys to try on a connection: the one whose modulus is the certificate's, when the
     * certificate was seen ({@code modulus} non-null; none if no key matches); else every key of
     * the encrypted secret's size (the PKCS#1 padding and length tell the right one).
     */
    public synchronized List<RsaServerKey> candidates(BigInteger modulus, int encryptedLength) {
        List<RsaServerKey> out = new ArrayList<>();
        for (RsaServerKey k : keys) {
            if (modulus != null ? k.modulus().equals(modulus) : k.modulusBytes() == encryptedLength) out.add(k);
        }
        return out;
    }

    @Override public synchronized String toString() { return "RsaKeys[" + keys + "]"; }
}
