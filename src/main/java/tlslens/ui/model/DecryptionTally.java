package tlslens.ui.model;

import java.util.ArrayList;
import java.util.List;

import tlslens.analysis.Connection;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.KeyExchangeVerdict;

/**
 * What the connections' decryption came to, counted once per connection model off the FX thread
 * (60,000 connections took the FX thread 50 ms): the status bar's key verdict is made from it.
 *
 * @param failed        connections whose records did not authenticate with the keys found for them, in order
 * @param used          some connection decrypted (or used keys in a way we do not decrypt)
 * @param encrypted     some connection stayed encrypted for want of keys
 * @param forwardSecret some such connection used (EC)DHE
 * @param rsaUnmatched  some such connection's RSA key exchange matched no RSA key
 */
public record DecryptionTally(List<Connection> failed, boolean used, boolean encrypted, boolean forwardSecret,
        boolean rsaUnmatched) {
    public static DecryptionTally of(List<Connection> connections) {
        List<Connection> failed = new ArrayList<>();
        boolean used = false;
        boolean encrypted = false;
        boolean forwardSecret = false;
        boolean rsaUnmatched = false;
        for (Connection c : connections) {
            DecryptionStatus d = c.decryption();
            if (d == null) continue;
            if (d.state() == DecryptionStatus.State.NO_KEYS && d.keyExchange() != null) {
                forwardSecret |= d.keyExchange().forwardSecret();
                rsaUnmatched |= d.keyExchange() == KeyExchangeVerdict.RSA_NO_MATCHING_KEY;
            }
            switch (d.state()) {
                case KEYS_DID_NOT_MATCH -> failed.add(c);
                case DECRYPTED, UNSUPPORTED -> used = true;
                case NO_KEYS -> encrypted = true;
                default -> { }
            }
        }
        return new DecryptionTally(List.copyOf(failed), used, encrypted, forwardSecret, rsaUnmatched);
    }
}
