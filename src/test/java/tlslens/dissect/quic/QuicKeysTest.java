package tlslens.dissect.quic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Initial keys from a DCID alone, checked against RFC 9001 Appendix A's worked example. */
class QuicKeysTest {
    private static final HexFormat HEX = HexFormat.of();
    /** RFC 9001 A.1: the client's Destination Connection ID. */
    private static final byte[] DCID = HEX.parseHex("8394c8f03e515708");

    @Test
    void clientHeaderProtectionMaskIsRfc9001s() {
        // RFC 9001 A.2: sample of the client Initial, and the mask its hp key makes.
        byte[] mask = QuicKeys.initial(QuicKeys.V1, DCID, true).mask(HEX.parseHex("d1b1c98dd7689fb8ec11d242b123dc9b"));
        assertEquals("437b9aec36", HEX.formatHex(Arrays.copyOf(mask, 5)));
    }

    @Test
    void serverHeaderProtectionMaskIsRfc9001s() {
        // RFC 9001 A.3: the server Initial's sample and mask.
        byte[] mask = QuicKeys.initial(QuicKeys.V1, DCID, false).mask(HEX.parseHex("2cd0991cd25b0aac406a5816b6394100"));
        assertEquals("2ec0d8356a", HEX.formatHex(Arrays.copyOf(mask, 5)));
    }

    @Test
    void retryIntegrityTagIsCheckedAsRfc9001A4() {
        // RFC 9001 A.4: a Retry for the client's DCID 8394c8f03e515708, its last 16 bytes the tag.
        byte[] retry = HEX.parseHex("ff000000010008f067a5502a4262b5746f6b656e04a265ba2eff4d829058fb3f0f2496ba");
        byte[] body = Arrays.copyOf(retry, retry.length - 16);
        byte[] tag = Arrays.copyOfRange(retry, retry.length - 16, retry.length);
        assertTrue(QuicKeys.retryTagValid(QuicKeys.V1, DCID, body, tag));
        body[body.length - 1] ^= 1;
        assertFalse(QuicKeys.retryTagValid(QuicKeys.V1, DCID, body, tag), "a changed token breaks the tag");
        assertFalse(QuicKeys.retryTagValid(QuicKeys.V2, DCID, Arrays.copyOf(retry, retry.length - 16), tag),
                "v2 seals Retry with another key");
    }

    @Test
    void versionsWithInitialKeys() {
        assertTrue(QuicKeys.knownVersion(QuicKeys.V1));
        assertTrue(QuicKeys.knownVersion(QuicKeys.V2));
        assertTrue(QuicKeys.knownVersion(0xff00001dL));
        assertFalse(QuicKeys.knownVersion(0x1a2a3a4aL)); // a greasing version forces negotiation
    }

    @Test
    void v2KeysDifferFromV1s() {
        byte[] sample = HEX.parseHex("d1b1c98dd7689fb8ec11d242b123dc9b");
        assertFalse(Arrays.equals(QuicKeys.initial(QuicKeys.V1, DCID, true).mask(sample),
                QuicKeys.initial(QuicKeys.V2, DCID, true).mask(sample)));
    }

    @Test
    void chacha20ShortHeaderPacketOpensAsRfc9001A5() {
        // RFC 9001 A.5: a 1-RTT packet protected with TLS_CHACHA20_POLY1305_SHA256 holding one PING frame.
        QuicKeys k = QuicKeys.fromSecret(QuicKeys.V1,
                HEX.parseHex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b"), "HmacSHA256", 32, true);
        byte[] packet = HEX.parseHex("4cfe4189655e5cd55c41f69080575d7999c25a5bfb");
        byte[] mask = k.mask(Arrays.copyOfRange(packet, 5, 21));
        assertEquals("aefefe7d03", HEX.formatHex(Arrays.copyOf(mask, 5)));
        // Unmasked: first byte 0x42 (3-byte packet number), packet number 00bff4 of 654360564.
        assertEquals(0x42, (packet[0] ^ mask[0] & 0x1f) & 0xff);
        byte[] header = HEX.parseHex("4200bff4");
        byte[] payload = Arrays.copyOfRange(packet, 4, packet.length);
        assertEquals("01", HEX.formatHex(k.open(654360564L, header, payload)), "one PING frame");
        assertArrayEquals(null, k.open(654360565L, header, payload), "another packet number makes another nonce");
    }

    @Test
    void wrongKeysDoNotOpen() {
        assertArrayEquals(null, QuicKeys.initial(QuicKeys.V1, DCID, true).open(2, new byte[8], new byte[32]));
    }
}
