package tlslens.dissect.tls.decrypt;

/**
 * How far decryption got on one connection, for the connections pane and --connections:
 * {@code state} plus a human reason, the key's origin and record counts, and, when an RSA keys list
 * was given, {@code keyExchange}: why the connection did or did not decrypt with it (null otherwise).
 */
public record DecryptionStatus(State state, String reason, String keyOrigin, long recordsDecrypted,
                               long recordsFailed, KeyExchangeVerdict keyExchange) {
    /** A status without an RSA keys list verdict. */
    public DecryptionStatus(State state, String reason, String keyOrigin, long recordsDecrypted, long recordsFailed) {
        this(state, reason, keyOrigin, recordsDecrypted, recordsFailed, null);
    }

    public enum State {
        /** At least one record decrypted and none failed for lack of the right key. */
        DECRYPTED("decrypted"),
        /** Encrypted records, but no key log line (or no key log at all) for this connection. */
        NO_KEYS("no keys"),
        /** A key was found but records did not decrypt with it. */
        KEYS_DID_NOT_MATCH("keys did not match"),
        /** Keys are there but the protocol or cipher is one we don't decrypt (SSLv3, export, ...). */
        UNSUPPORTED("unsupported"),
        /** No encrypted record (yet). */
        NOTHING_ENCRYPTED("nothing encrypted");

        public final String text;

        State(String text) { this.text = text; }
    }

    /** The reason of {@link State#NO_KEYS} when the capture was dissected without any key log. */
    public static final String NO_KEY_LOG = "no key log loaded";

    /** Whether the connection stayed encrypted although a key log was loaded (it has no line for it). */
    public boolean missingFromKeyLog() { return state == State.NO_KEYS && !NO_KEY_LOG.equals(reason); }

    /** "decrypted", "no keys: no CLIENT_RANDOM line for this connection", ... */
    public String describe() {
        String why = reason;
        if (state == State.DECRYPTED && keyExchange != null && keyExchange.decryptedWithRsaKey()) {
            why = keyExchange.text + (keyOrigin == null ? "" : " (" + keyOrigin + ")") + (why == null || why.isEmpty() ? "" : "; " + why);
        }
        return why == null || why.isEmpty() ? state.text : state.text + ": " + why;
    }
}
