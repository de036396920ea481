package tlslens.dissect.quic;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tlslens.dissect.tls.decrypt.Hkdf;

/**
 * One direction's packet protection keys of one packet number space (RFC 9001 5): the AEAD key and
 * IV, and the header protection key. Initial keys come from the client's first Destination
 * Connection ID alone (RFC 9001 5.2), so anyone can remove Initial protection; other spaces need
 * the TLS traffic secrets of a key log.
 */
public final class QuicKeys {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 9001 5.2. */
    private static final byte[] SALT_V1 = HEX.parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    /** RFC 9369 3.3.1. */
    private static final byte[] SALT_V2 = HEX.parseHex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    /** draft-ietf-quic-tls-29 to -32. */
    private static final byte[] SALT_DRAFT29 = HEX.parseHex("afbfec289993d24c9e9786f19c6111e04390a899");
    public static final long V1 = 1;
    public static final long V2 = 0x6b3343cfL;

    private final byte[] key;
    private final byte[] iv;
    private final byte[] hp;
    /** TLS_CHACHA20_POLY1305_SHA256: ChaCha20 header protection and ChaCha20-Poly1305 (RFC 9001 5.4.4, 5.3). */
    private final boolean chacha;

    private QuicKeys(byte[] key, byte[] iv, byte[] hp, boolean chacha) {
        this.key = key;
        this.iv = iv;
        this.hp = hp;
        this.chacha = chacha;
    }

    /** Whether Initial keys can be made for this version (v1, v2, drafts 29 to 34). */
    public static boolean knownVersion(long version) {
        return version == V1 || version == V2 || (version >= 0xff00001dL && version <= 0xff000022L);
    }

    /** The salt of the Initial secrets (RFC 9001 5.2, RFC 9369 3.3.1; drafts 29-34 share one). */
    public static byte[] initialSalt(long version) {
        return (version == V2 ? SALT_V2 : version == V1 ? SALT_V1 : SALT_DRAFT29).clone();
    }

    /** The Initial keys of the client (fromClient) or server, from the client's first DCID. */
    public static QuicKeys initial(long version, byte[] clientDcid, boolean fromClient) {
        byte[] salt = initialSalt(version);
        byte[] initial = Hkdf.extract("HmacSHA256", salt, clientDcid);
        byte[] secret = Hkdf.expandLabel("HmacSHA256", initial, fromClient ? "client in" : "server in", new byte[0], 32);
        return fromSecret(version, secret, "HmacSHA256", 16, false);
    }

    /**
     * Keys from a traffic secret (RFC 9001 5.1): "quic key", "quic iv", "quic hp" ("quicv2 ..." for v2);
     * keyLength 16 or 32 (AES-128/256, ChaCha20: 32), chacha for TLS_CHACHA20_POLY1305_SHA256.
     */
    public static QuicKeys fromSecret(long version, byte[] secret, String hmac, int keyLength, boolean chacha) {
        String p = version == V2 ? "quicv2 " : "quic ";
        return new QuicKeys(Hkdf.expandLabel(hmac, secret, p + "key", new byte[0], keyLength),
                Hkdf.expandLabel(hmac, secret, p + "iv", new byte[0], 12),
                Hkdf.expandLabel(hmac, secret, p + "hp", new byte[0], keyLength), chacha);
    }

    /**
     * The next key phase's keys (RFC 9001 6.1) from the next secret: a new AEAD key and IV, the same
     * header protection key ("The header protection key is not updated").
     */
    public QuicKeys nextPhase(long version, byte[] nextSecret, String hmac) {
        String p = version == V2 ? "quicv2 " : "quic ";
        return new QuicKeys(Hkdf.expandLabel(hmac, nextSecret, p + "key", new byte[0], key.length),
                Hkdf.expandLabel(hmac, nextSecret, p + "iv", new byte[0], 12), hp, chacha);
    }

    /**
     * Whether a Retry packet's integrity tag is right (RFC 9001 5.8, RFC 9369 3.3.3): AES-128-GCM
     * with a fixed key and nonce over the client's original DCID and the Retry packet without its tag.
     */
    public static boolean retryTagValid(long version, byte[] originalDcid, byte[] retryWithoutTag, byte[] tag) {
        boolean v2 = version == V2;
        byte[] key = HEX.parseHex(v2 ? "8fb4b01b56ac48e260fbcbcead7ccc92" : "be0c690b9f66575a1d766b54e368c84e");
        byte[] nonce = HEX.parseHex(v2 ? "d86969bc2d7c6d9990efb04a" : "461599d35d632bf2239825bb");
        byte[] pseudo = new byte[1 + originalDcid.length + retryWithoutTag.length];
        pseudo[0] = (byte) originalDcid.length;
        System.arraycopy(originalDcid, 0, pseudo, 1, originalDcid.length);
        System.arraycopy(retryWithoutTag, 0, pseudo, 1 + originalDcid.length, retryWithoutTag.length);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(pseudo);
            return java.security.MessageDigest.isEqual(c.doFinal(), tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The header protection mask of a 16-byte sample (its first 5 bytes are used): AES-ECB of the sample
     * (RFC 9001 5.4.3), or ChaCha20 of five zero bytes with the sample's first 4 bytes as the block
     * counter (little-endian) and the other 12 as the nonce (5.4.4).
     */
    public byte[] mask(byte[] sample) {
        if (chacha) {
            int counter = (sample[0] & 0xff) | (sample[1] & 0xff) << 8 | (sample[2] & 0xff) << 16 | (sample[3] & 0xff) << 24;
            try {
                Cipher c = Cipher.getInstance("ChaCha20");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "ChaCha20"),
                        new ChaCha20ParameterSpec(Arrays.copyOfRange(sample, 4, 16), counter));
                return c.doFinal(new byte[5]);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 unavailable", e);
            }
        }
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
            return c.doFinal(sample);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    /** The plaintext of an AEAD packet payload (AES-GCM or ChaCha20-Poly1305, tag included), or null when it does not open. */
    public byte[] open(long packetNumber, byte[] header, byte[] ciphertext) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        try {
            Cipher c;
            if (chacha) {
                c = Cipher.getInstance("ChaCha20-Poly1305");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            } else {
                c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            }
            c.updateAAD(header);
            return c.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
