package tlslens.dissect.tls;

import tlslens.UsesPublicCaptures;
import static org.junit.jupiter.api.Assertions.*;
import static tlslens.dissect.tls.ExtensionBytes.*;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.ext.ExtensionDissector;

/**
 * Decoded values of extensions, built from the RFCs' structures: those tshark 4.0 leaves as "Data"
 * (encrypted_client_hello, token_binding, cached_info, ...), DTLS use_srtp, the messages other than
 * hellos (Certificate, NewSessionTicket, CertificateRequest), and what HelloInfo records.
 */
class ExtensionDecodingTest {

    @AfterEach
    void reset() { ExtensionDissector.showBeyondTshark = false; }

    static ProtoNode dissect(int type, byte[] block, HelloInfo h) {
        return dissect(type, block, h, false);
    }

    static ProtoNode dissect(int type, byte[] block, HelloInfo h, boolean dtls) {
        ProtoNode root = ProtoNode.root();
        int end = ExtensionDissector.dissect(root, new Tvb(block, 0), 0, block.length, type, h, dtls);
        assertEquals(block.length, end);
        return root;
    }

    static Object value(ProtoNode root, String field) {
        ProtoNode n = root.first(field);
        assertNotNull(n, "no " + field);
        return n.value();
    }

    static List<Object> values(ProtoNode root, String field) {
        return root.find(field).stream().map(ProtoNode::value).toList();
    }

    @Test
    void encryptedClientHelloOuterIsDecodedAndHiddenByDefault() {
        byte[] enc = new byte[32];
        enc[0] = 9;
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        ProtoNode root = dissect(1, block(ext(0xfe0d, cat(u8(0), u16(1), u16(3), u8(42), vec16(enc), vec16(new byte[100])))), h);
        assertEquals(0L, value(root, "tls.ech.client_hello_type"));
        assertEquals(1L, value(root, "tls.ech.hpke.keyconfig.cipher_suite.kdf_id"));
        assertEquals(3L, value(root, "tls.ech.hpke.keyconfig.cipher_suite.aead_id"));
        assertEquals(42L, value(root, "tls.ech.config_id"));
        assertEquals(32L, value(root, "tls.ech.enc_length"));
        assertArrayEquals(enc, (byte[]) value(root, "tls.ech.enc"));
        assertEquals(100L, value(root, "tls.ech.payload_length"));
        assertTrue(root.first("tls.ech.config_id").hidden());
        assertFalse(root.first("tls.handshake.extension.data").hidden());
        assertEquals(0, h.echClientHelloType);
        assertEquals(42, h.echConfigId);
        assertEquals(List.of(0xfe0d), h.extensions);
        assertTrue(ExtensionTreeText.render(root).contains("Extension: Unknown type 65037 (len=142)"),
                ExtensionTreeText.render(root).toString());
    }

    @Test
    void encryptedClientHelloShownOnRequestWithRetryConfigsAndConfirmation() {
        ExtensionDissector.showBeyondTshark = true;
        byte[] config = cat(u16(0xfe0d), vec16(cat(u8(3), u16(0x20), vec16(new byte[32]), vec16(hex("0001 0001 0001 0003")),
                u8(0), vec8(ascii("public.example")), vec16(new byte[0]))));
        ProtoNode ee = dissect(8, block(ext(0xfe0d, vec16(config))), null);
        assertEquals(0xfe0dL, value(ee, "tls.ech.echconfig.version"));
        assertEquals(0x20L, value(ee, "tls.ech.echconfig.contents.key_config.kem_id"));
        assertEquals("public.example", value(ee, "tls.ech.echconfig.contents.public_name"));
        assertEquals(List.of(1L, 1L), values(ee, "tls.ech.hpke.keyconfig.cipher_suite.kdf_id"));
        assertEquals(List.of(1L, 3L), values(ee, "tls.ech.hpke.keyconfig.cipher_suite.aead_id"));
        assertFalse(ee.first("tls.ech.echconfig.contents.public_name").hidden());
        assertTrue(ee.find("_ws.malformed").isEmpty());
        assertTrue(ee.find("tls.malformed.trailing_data").isEmpty());

        ProtoNode hrr = dissect(6, block(ext(0xfe0d, "0102030405060708")), null);
        assertArrayEquals(hex("0102030405060708"), (byte[]) value(hrr, "tls.ech.confirmation"));
    }

    @Test
    void extensionsTsharkLeavesOpaqueAreDecoded() {
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        byte[] sha = new byte[20];
        sha[19] = 1;
        ProtoNode root = dissect(1, block(
                ext(3, vec16(cat(u8(0), u8(1), sha, u8(2), vec16(hex("3000"))))),
                ext(6, vec8(u8(64))),
                ext(7, vec8(hex("0001"))),
                ext(24, cat(u8(0), u8(13), vec8(hex("0201")))),
                ext(25, vec16(cat(u8(1), vec8(hex("aabbccdd")), u8(2), vec8(hex("01"))))),
                ext(30, vec8(ascii("fred"))),
                ext(31, vec16(hex("0102"))),
                ext(32, cat(vec16(hex("cafe")), vec8(hex("beef")))),
                ext(39, vec8(hex("0102"))),
                ext(56, vec8(new byte[20])),
                ext(58, "0201"),
                ext(59, "01bb"),
                ext(17613, vec16(vec8(ascii("h3"))))), h);
        assertEquals(List.of(0L, 1L, 2L), values(root, "tls.handshake.extensions.trusted_ca_keys.identifier_type"));
        assertArrayEquals(sha, (byte[]) value(root, "tls.handshake.extensions.trusted_ca_keys.sha1_hash"));
        assertArrayEquals(hex("3000"), (byte[]) value(root, "tls.handshake.extensions.trusted_ca_keys.dn"));
        assertEquals(64L, value(root, "tls.handshake.extensions.user_mapping.type"));
        assertEquals(List.of(0L, 1L), values(root, "tls.handshake.extensions.authz.format"));
        assertEquals(13L, value(root, "tls.handshake.extensions.token_binding.version_minor"));
        assertEquals(List.of(2L, 1L), values(root, "tls.handshake.extensions.token_binding.key_parameter"));
        assertEquals(0x000d, h.tokenBindingVersion);
        assertEquals(List.of(1L, 2L), values(root, "tls.handshake.extensions.cached_info.type"));
        assertArrayEquals(hex("aabbccdd"), (byte[]) values(root, "tls.handshake.extensions.cached_info.hash_value").get(0));
        assertEquals("fred", value(root, "tls.handshake.extensions.pwd.username_string"));
        assertArrayEquals(hex("0102"), (byte[]) value(root, "tls.handshake.extensions.pwd.salt"));
        assertArrayEquals(hex("cafe"), (byte[]) value(root, "tls.handshake.extensions.ticket_pinning.ticket"));
        assertArrayEquals(hex("beef"), (byte[]) value(root, "tls.handshake.extensions.ticket_pinning.proof"));
        assertEquals(List.of(1L, 2L), values(root, "tls.handshake.extensions.supported_ekt_ciphers.cipher"));
        assertEquals(20L, value(root, "tls.handshake.extensions.external_session_id.length"));
        assertEquals(2L, value(root, "tls.handshake.extensions.ticket_request.new_session_count"));
        assertEquals(1L, value(root, "tls.handshake.extensions.ticket_request.resumption_count"));
        assertEquals(443L, value(root, "tls.handshake.extensions.dnssec_chain.port"));
        assertEquals("h3", value(root, "tls.handshake.extensions_alps_alpn_str"));
        assertEquals(List.of("h3"), h.alps);
        assertTrue(root.find("tls.malformed.trailing_data").isEmpty());
        assertTrue(root.find("_ws.malformed").isEmpty());
    }

    @Test
    void serverSideOpaqueExtensions() {
        ProtoNode root = dissect(8, block(ext(58, "03"), ext(39, "02"), ext(55, vec8(new byte[32])),
                ext(30032, cat(new byte[32], new byte[32], new byte[32], new byte[32])),
                ext(32, cat(vec16(hex("cafe")), hex("00000e10")))), null);
        assertEquals(3L, value(root, "tls.handshake.extensions.ticket_request.expected_count"));
        assertEquals(2L, value(root, "tls.handshake.extensions.supported_ekt_ciphers.cipher"));
        assertEquals(32L, value(root, "tls.handshake.extensions.external_id_hash.length"));
        assertEquals(32, ((byte[]) value(root, "tls.handshake.extensions.channel_id.s")).length);
        assertEquals(3600L, value(root, "tls.handshake.extensions.ticket_pinning.lifetime"));
        ProtoNode cert = dissect(11, block(ext(59, cat(u16(30), vec16(hex("0102"))))), null);
        assertEquals(30L, value(cert, "tls.handshake.extensions.dnssec_chain.ext_support_lifetime"));
    }

    @Test
    void useSrtpIsDecodedInDtls() {
        ProtoNode root = dissect(1, block(ext(14, cat(vec16(hex("0001 0007")), vec8(hex("abcd"))))), null, true);
        assertEquals(List.of(1L, 7L), values(root, "dtls.use_srtp.protection_profile"));
        assertArrayEquals(hex("abcd"), (byte[]) value(root, "dtls.use_srtp.mki"));
        // TLS: tshark leaves it undecoded and says the bytes were unprocessed.
        ProtoNode tls = dissect(1, block(ext(14, cat(vec16(hex("0001")), vec8(new byte[0])))), null, false);
        assertTrue(tls.find("dtls.use_srtp.protection_profile").isEmpty());
        assertEquals(1, tls.find("tls.malformed.trailing_data").size());
    }

    @Test
    void tls13MessagesOtherThanHellos() {
        // NewSessionTicket: early_data carries max_early_data_size.
        HelloInfo h = new HelloInfo(HelloInfo.Kind.SERVER_HELLO);
        ProtoNode nst = dissect(4, block(ext(42, "00003800")), h);
        assertEquals(14336L, value(nst, "tls.early_data.max_early_data_size"));
        assertEquals(14336, h.maxEarlyDataSize);
        // Certificate entry: status_request holds a CertificateStatus with the OCSP response.
        ProtoNode cert = dissect(11, block(ext(5, cat(u8(1), vec24(hex("300301020a"))))), null);
        assertEquals(5L, value(cert, "tls.handshake.ocsp_response_len"));
        assertEquals("OCSP Response", cert.first("ocsp").text());
        // CertificateRequest: certificate_authorities, compress_certificate, signature_algorithms, oid_filters.
        byte[] dn = hex("3014311230100603550403130965786d706c652e6f7267");
        ProtoNode cr = dissect(13, block(ext(47, vec16(cat(vec16(dn), vec16(dn)))), ext(27, vec8(hex("0002"))),
                ext(13, vec16(hex("0804"))), ext(48, vec16(cat(vec8(hex("551d25")), vec16(hex("3000")))))), null);
        assertEquals(List.of(23L, 23L), values(cr, "tls.handshake.dname_len"));
        assertEquals("Distinguished Names (50 bytes)", cr.first("tls.handshake.dnames").text());
        assertArrayEquals(dn, (byte[]) value(cr, "tls.handshake.dname"));
        assertEquals(2L, value(cr, "tls.compress_certificate.algorithm"));
        assertEquals("2.5.29.37", value(cr, "tls.extension.oid_filters.oid"));
        assertTrue(cr.find("tls.malformed.trailing_data").isEmpty());
    }

    @Test
    @UsesPublicCaptures
    void helloInfoFromARealClientHelloAndServerHello() throws Exception {
        List<ExtensionCaptureHellos.Hello> hellos = ExtensionCaptureHellos.read(
                ExtensionTsharkAgreementTest.CAPTURES.resolve("ja4_tls-handshake.pcapng"));
        ExtensionCaptureHellos.Hello ch = hellos.stream().filter(x -> x.direction().equals("192.168.1.168:50112>142.251.16.94:443"))
                .findFirst().orElseThrow();
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        ExtensionDissector.dissect(ProtoNode.root(), new Tvb(ch.body(), 0), ch.extOffset(), ch.body().length, 1, h);
        // tshark frame 1: GREASE, renegotiation_info, key_share, ..., GREASE, padding
        assertEquals(List.of(39578, 65281, 51, 45, 5, 17513, 13, 16, 35, 27, 43, 0, 18, 10, 23, 11, 27242, 21), h.extensions);
        assertEquals("clientservices.googleapis.com", h.sni);
        assertEquals(List.of("h2", "http/1.1"), h.alpn);
        assertEquals(List.of(0x0a0a, 0x1d, 0x17, 0x18), h.supportedGroups);
        assertEquals(List.of(0), h.ecPointFormats);
        assertEquals(List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601), h.signatureAlgorithms);
        assertEquals(List.of(0x0a0a, 0x0304, 0x0303), h.supportedVersions);
        assertEquals(List.of(0x0a0a, 0x1d), h.keyShareGroups);
        assertArrayEquals(new byte[0], h.sessionTicket);
        assertEquals(List.of(1), h.pskKeyExchangeModes);
        assertEquals(List.of(2), h.compressCertificateAlgorithms);
        assertEquals(List.of("h2"), h.alps);
        assertTrue(h.extendedMasterSecret && h.statusRequest && h.signedCertificateTimestamp);
        assertFalse(h.encryptThenMac || h.earlyData);
        assertArrayEquals(new byte[0], h.renegotiationInfo);
        assertEquals(186, h.paddingLength);
        assertNull(h.cookie);
    }

    @Test
    @UsesPublicCaptures
    void helloInfoOfPskAndHelloRetryRequest() throws Exception {
        HelloInfo ch = null, sh = null;
        for (ExtensionCaptureHellos.Hello x : ExtensionCaptureHellos.read(
                ExtensionTsharkAgreementTest.CAPTURES.resolve("zeek_tls13_psk_succesfull.pcap"))) {
            HelloInfo h = new HelloInfo(x.type() == 1 ? HelloInfo.Kind.CLIENT_HELLO : HelloInfo.Kind.SERVER_HELLO);
            ExtensionDissector.dissect(ProtoNode.root(), new Tvb(x.body(), 0), x.extOffset(), x.body().length, x.type(), h);
            if (x.type() == 1) ch = h; else sh = h;
        }
        assertNotNull(ch);
        assertNotNull(sh);
        assertEquals(1, ch.pskIdentities.size());
        assertEquals(1, ch.pskObfuscatedAges.size());
        assertEquals(0, sh.pskSelected);
        assertEquals(List.of(0x0304), sh.supportedVersions);
        assertEquals(1, sh.keyShareGroups.size());

        HelloInfo hrr = null;
        for (ExtensionCaptureHellos.Hello x : ExtensionCaptureHellos.read(
                ExtensionTsharkAgreementTest.CAPTURES.resolve("zeek_hrr.pcap"))) {
            if (x.type() != 6) continue;
            hrr = new HelloInfo(HelloInfo.Kind.HELLO_RETRY_REQUEST);
            ExtensionDissector.dissect(ProtoNode.root(), new Tvb(x.body(), 0), x.extOffset(), x.body().length, 6, hrr);
        }
        assertNotNull(hrr);
        assertEquals(List.of(0x17), hrr.keyShareGroups);
        assertEquals(List.of(0x0304), hrr.supportedVersions);
        assertEquals(List.of(43, 51), hrr.extensions);
    }

    @Test
    void oneExtensionCannotReadIntoTheNext() {
        // key_share claims a 32-byte key but its extension is 6 bytes long; the next extension stays intact.
        byte[] block = block(ext(51, hex("0004 001d 0020")), ext(0, vec16(cat(u8(0), vec16(ascii("a.b"))))));
        HelloInfo h = new HelloInfo(HelloInfo.Kind.CLIENT_HELLO);
        ProtoNode root = dissect(1, block, h);
        assertEquals("a.b", h.sni);
        assertEquals(List.of(51, 0), h.extensions);
        ProtoNode kexLen = root.first("tls.handshake.extensions_key_share_key_exchange_length");
        assertTrue(kexLen.experts().stream().anyMatch(e -> e.message().equals("Vector length 32 is too large, truncating it to 0")));
        // An extension whose Length runs past the block is clamped and ends the walk.
        byte[] cut = cat(u16(9), ext(23, ""), hex("0000 0010 00"));
        ProtoNode r2 = ProtoNode.root();
        assertEquals(cut.length, ExtensionDissector.dissect(r2, new Tvb(cut, 0), 0, cut.length, 1, null));
        assertTrue(r2.first("tls.handshake.extension.len") != null);
        assertTrue(r2.find("tls.handshake.extension.len").get(1).experts().stream()
                .anyMatch(e -> e.message().startsWith("Vector length 16 is too large")));
    }
}
