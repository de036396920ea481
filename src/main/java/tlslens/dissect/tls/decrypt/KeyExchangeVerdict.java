package tlslens.dissect.tls.decrypt;

/**
 * Why a TLS connection did or did not decrypt with the RSA keys list (issue 13 section 5, the
 * forward secrecy lesson): a code carried from the decryptor to the model, the connections pane,
 * the ladder's banner and --connections. Set only when RSA keys are loaded and the key log gave
 * the connection no secret of its own.
 */
public enum KeyExchangeVerdict {
    /** RSA key exchange: the ClientKeyExchange's pre-master secret decrypted with the server's private key. */
    RSA_DECRYPTED("RSA key exchange: decrypted with the server's private key"),
    /** A resumption (no key exchange) of a session whose master secret an RSA key gave. */
    RSA_SESSION_RESUMED("resumed a session whose master secret the server's RSA key gave"),
    /** RSA key exchange, but no loaded key belongs to the server's certificate. */
    RSA_NO_MATCHING_KEY("RSA key exchange, but no RSA key loaded matches the server's certificate"),
    /** RSA key exchange, the key matched the certificate, but the pre-master secret did not decrypt. */
    RSA_DECRYPTION_FAILED("RSA key exchange, but the pre-master secret did not decrypt with the server's key"),
    /** RSA key exchange, but the capture has no ClientKeyExchange (yet). */
    RSA_NO_CLIENT_KEY_EXCHANGE("RSA key exchange, but the ClientKeyExchange is not in the capture"),
    /** ECDHE: forward secret. */
    FORWARD_SECRET_ECDHE("ECDHE: the pre-master secret never crossed the wire; the server's RSA key only signed it "
            + "\u2014 forward secrecy"),
    /** DHE: forward secret. */
    FORWARD_SECRET_DHE("DHE: the pre-master secret never crossed the wire; the server's RSA key only signed it "
            + "\u2014 forward secrecy"),
    /** TLS 1.3 has no RSA key exchange: (EC)DHE or a PSK. */
    FORWARD_SECRET_TLS13("TLS 1.3: there is no RSA key exchange, the shared secret never crossed the wire "
            + "\u2014 forward secrecy"),
    /** A resumption of a session the RSA keys could not open. */
    SESSION_UNKNOWN("resumed a session whose master secret is unknown (its full handshake is not decrypted)"),
    /** Another key exchange an RSA key can't open (PSK, static (EC)DH, SRP...). */
    OTHER_KEY_EXCHANGE("this key exchange can't be decrypted with an RSA key");

    /** The sentence the connections pane, the banner and --connections show. */
    public final String text;

    KeyExchangeVerdict(String text) { this.text = text; }

    /** Whether the connection decrypted thanks to an RSA key. */
    public boolean decryptedWithRsaKey() { return this == RSA_DECRYPTED || this == RSA_SESSION_RESUMED; }

    /** Whether the key exchange itself keeps the traffic secret from the server's key. */
    public boolean forwardSecret() {
        return this == FORWARD_SECRET_ECDHE || this == FORWARD_SECRET_DHE || this == FORWARD_SECRET_TLS13;
    }
}
