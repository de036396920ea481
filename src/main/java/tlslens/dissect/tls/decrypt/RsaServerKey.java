package tlslens.dissect.tls.decrypt;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateKey;

/**
 * One server's RSA private key from Wireshark's RSA keys list, matched to a connection by the
 * modulus of the server certificate's public key (as tshark 4.0 does). {@code source} names the
 * key file for "Decrypted with the RSA key FILE"; the key itself is never printed.
 */
public record RsaServerKey(RSAPrivateKey key, String source) {
    public BigInteger modulus() { return key.getModulus(); }

    /** The size of the modulus in bytes: the length of an encrypted pre-master secret for this key. */
    public int modulusBytes() { return (key.getModulus().bitLength() + 7) / 8; }

    @Override public String toString() { return "RSA key from " + source + " (" + key.getModulus().bitLength() + " bits)"; }
}
