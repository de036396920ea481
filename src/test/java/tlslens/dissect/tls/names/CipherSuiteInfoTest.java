package tlslens.dissect.tls.names;

import org.junit.jupiter.api.Test;
import tlslens.dissect.tls.names.CipherSuiteInfo.Authentication;
import tlslens.dissect.tls.names.CipherSuiteInfo.BulkCipher;
import tlslens.dissect.tls.names.CipherSuiteInfo.CipherMode;
import tlslens.dissect.tls.names.CipherSuiteInfo.Digest;
import tlslens.dissect.tls.names.CipherSuiteInfo.KeyExchange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CipherSuiteInfoTest {

    /**
     * code, key exchange, authentication, cipher, mode, key length, secret key length, iv length,
     * block size, tag length, export, MAC, PRF. Values from the RFCs defining each suite (and
     * Wireshark's SslCipherSuite table for the key/IV sizes).
     */
    private static final String EXPECTED = """
            0x0000 NULL NULL NULL NULL 0 0 0 0 0 false NULL SHA256
            0x0001 RSA RSA NULL NULL 0 0 0 0 0 false MD5 SHA256
            0x0002 RSA RSA NULL NULL 0 0 0 0 0 false SHA1 SHA256
            0x0003 RSA RSA RC4 STREAM 16 5 0 0 0 true MD5 SHA256
            0x0004 RSA RSA RC4 STREAM 16 16 0 0 0 false MD5 SHA256
            0x0005 RSA RSA RC4 STREAM 16 16 0 0 0 false SHA1 SHA256
            0x0006 RSA RSA RC2 CBC 16 5 8 8 0 true MD5 SHA256
            0x0007 RSA RSA IDEA CBC 16 16 8 8 0 false SHA1 SHA256
            0x0008 RSA RSA DES40 CBC 8 5 8 8 0 true SHA1 SHA256
            0x0009 RSA RSA DES CBC 8 8 8 8 0 false SHA1 SHA256
            0x000a RSA RSA TRIPLE_DES CBC 24 24 8 8 0 false SHA1 SHA256
            0x0013 DHE DSS TRIPLE_DES CBC 24 24 8 8 0 false SHA1 SHA256
            0x0018 DHE NULL RC4 STREAM 16 16 0 0 0 false MD5 SHA256
            0x001c FORTEZZA_KEA KEA NULL NULL 0 0 0 0 0 false SHA1 SHA256
            0x001d FORTEZZA_KEA KEA FORTEZZA CBC 10 10 8 8 0 false SHA1 SHA256
            0x0020 KRB5 KRB5 RC4 STREAM 16 16 0 0 0 false SHA1 SHA256
            0x0026 KRB5 KRB5 DES40 CBC 8 5 8 8 0 true SHA1 SHA256
            0x002c PSK PSK NULL NULL 0 0 0 0 0 false SHA1 SHA256
            0x002f RSA RSA AES CBC 16 16 16 16 0 false SHA1 SHA256
            0x0033 DHE RSA AES CBC 16 16 16 16 0 false SHA1 SHA256
            0x0035 RSA RSA AES CBC 32 32 16 16 0 false SHA1 SHA256
            0x003b RSA RSA NULL NULL 0 0 0 0 0 false SHA256 SHA256
            0x003d RSA RSA AES CBC 32 32 16 16 0 false SHA256 SHA256
            0x0041 RSA RSA CAMELLIA CBC 16 16 16 16 0 false SHA1 SHA256
            0x0060 RSA RSA RC4 STREAM 16 7 0 0 0 true MD5 SHA256
            0x0062 RSA RSA DES CBC 8 8 8 8 0 true SHA1 SHA256
            0x0064 RSA RSA RC4 STREAM 16 7 0 0 0 true SHA1 SHA256
            0x0080 GOSTR341094 GOST GOST28147 CNT_IMIT 32 32 8 8 0 false GOST28147_IMIT GOSTR3411_94
            0x0083 GOSTR341001 GOST NULL NULL 0 0 0 0 0 false GOSTR3411_94 GOSTR3411_94
            0x0096 RSA RSA SEED CBC 16 16 16 16 0 false SHA1 SHA256
            0x009c RSA RSA AES GCM 16 16 4 16 16 false NULL SHA256
            0x009d RSA RSA AES GCM 32 32 4 16 16 false NULL SHA384
            0x00a8 PSK PSK AES GCM 16 16 4 16 16 false NULL SHA256
            0x00ac RSA_PSK RSA AES GCM 16 16 4 16 16 false NULL SHA256
            0x00b3 DHE_PSK PSK AES CBC 32 32 16 16 0 false SHA384 SHA384
            0x00c6 TLS13 TLS13 SM4 GCM 16 16 12 16 16 false NULL SM3
            0x00c7 TLS13 TLS13 SM4 CCM 16 16 12 16 16 false NULL SM3
            0x1301 TLS13 TLS13 AES GCM 16 16 12 16 16 false NULL SHA256
            0x1302 TLS13 TLS13 AES GCM 32 32 12 16 16 false NULL SHA384
            0x1303 TLS13 TLS13 CHACHA20 CHACHA20_POLY1305 32 32 12 0 16 false NULL SHA256
            0x1304 TLS13 TLS13 AES CCM 16 16 12 16 16 false NULL SHA256
            0x1305 TLS13 TLS13 AES CCM_8 16 16 12 16 8 false NULL SHA256
            0x1306 TLS13 TLS13 AEGIS_256 AEGIS 32 32 12 0 16 false NULL SHA512
            0x1307 TLS13 TLS13 AEGIS_128L AEGIS 16 16 12 0 16 false NULL SHA256
            0xc009 ECDHE ECDSA AES CBC 16 16 16 16 0 false SHA1 SHA256
            0xc00e ECDH RSA AES CBC 16 16 16 16 0 false SHA1 SHA256
            0xc011 ECDHE RSA RC4 STREAM 16 16 0 0 0 false SHA1 SHA256
            0xc015 ECDHE NULL NULL NULL 0 0 0 0 0 false SHA1 SHA256
            0xc01a SRP SRP TRIPLE_DES CBC 24 24 8 8 0 false SHA1 SHA256
            0xc01e SRP RSA AES CBC 16 16 16 16 0 false SHA1 SHA256
            0xc01f SRP DSS AES CBC 16 16 16 16 0 false SHA1 SHA256
            0xc024 ECDHE ECDSA AES CBC 32 32 16 16 0 false SHA384 SHA384
            0xc027 ECDHE RSA AES CBC 16 16 16 16 0 false SHA256 SHA256
            0xc02b ECDHE ECDSA AES GCM 16 16 4 16 16 false NULL SHA256
            0xc02c ECDHE ECDSA AES GCM 32 32 4 16 16 false NULL SHA384
            0xc02f ECDHE RSA AES GCM 16 16 4 16 16 false NULL SHA256
            0xc030 ECDHE RSA AES GCM 32 32 4 16 16 false NULL SHA384
            0xc035 ECDHE_PSK PSK AES CBC 16 16 16 16 0 false SHA1 SHA256
            0xc03c RSA RSA ARIA CBC 16 16 16 16 0 false SHA256 SHA256
            0xc05d ECDHE ECDSA ARIA GCM 32 32 4 16 16 false NULL SHA384
            0xc07b RSA RSA CAMELLIA GCM 32 32 4 16 16 false NULL SHA384
            0xc09c RSA RSA AES CCM 16 16 4 16 16 false NULL SHA256
            0xc0a0 RSA RSA AES CCM_8 16 16 4 16 8 false NULL SHA256
            0xc0aa DHE_PSK PSK AES CCM_8 16 16 4 16 8 false NULL SHA256
            0xc0ae ECDHE ECDSA AES CCM_8 16 16 4 16 8 false NULL SHA256
            0xc0b0 ECCPWD ECCPWD AES GCM 16 16 4 16 16 false NULL SHA256
            0xc0b3 ECCPWD ECCPWD AES CCM 32 32 4 16 16 false NULL SHA384
            0xc0b4 TLS13 TLS13 NULL NULL 32 32 0 0 0 false SHA256 SHA256
            0xc0b5 TLS13 TLS13 NULL NULL 48 48 0 0 0 false SHA384 SHA384
            0xc0ff ECJPAKE ECJPAKE AES CCM_8 16 16 4 16 8 false NULL SHA256
            0xc100 GOSTR341112_256 GOST KUZNYECHIK CTR_OMAC 32 32 16 16 0 false OMAC STREEBOG256
            0xc101 GOSTR341112_256 GOST MAGMA CTR_OMAC 32 32 8 8 0 false OMAC STREEBOG256
            0xc102 GOSTR341112_256 GOST GOST28147 CNT_IMIT 32 32 8 8 0 false GOST28147_IMIT STREEBOG256
            0xc103 TLS13 TLS13 KUZNYECHIK MGM_L 32 32 12 16 16 false NULL STREEBOG256
            0xc106 TLS13 TLS13 MAGMA MGM_S 32 32 12 8 8 false NULL STREEBOG256
            0xcc13 ECDHE RSA CHACHA20 CHACHA20_POLY1305 32 32 0 0 16 false NULL SHA256
            0xcca8 ECDHE RSA CHACHA20 CHACHA20_POLY1305 32 32 12 0 16 false NULL SHA256
            0xcca9 ECDHE ECDSA CHACHA20 CHACHA20_POLY1305 32 32 12 0 16 false NULL SHA256
            0xccab PSK PSK CHACHA20 CHACHA20_POLY1305 32 32 12 0 16 false NULL SHA256
            0xd001 ECDHE_PSK PSK AES GCM 16 16 4 16 16 false NULL SHA256
            0xd003 ECDHE_PSK PSK AES CCM_8 16 16 4 16 8 false NULL SHA256
            0xd005 ECDHE_PSK PSK AES CCM 16 16 4 16 16 false NULL SHA256
            0xe001 ECDHE SM2 SM1 CBC 16 16 16 16 0 false SM3 SM3
            0xe013 ECC SM2 SM4 CBC 16 16 16 16 0 false SM3 SM3
            0xe053 ECC SM2 SM4 GCM 16 16 4 16 16 false NULL SM3
            0xe01a RSA RSA SM4 CBC 16 16 16 16 0 false SHA1 SHA256
            0xe410 RSA RSA ESTREAM_SALSA20 STREAM 32 32 0 0 0 false SHA1 SHA256
            0xe411 RSA RSA SALSA20 STREAM 32 32 0 0 0 false SHA1 SHA256
            0xfefe RSA RSA DES CBC 8 8 8 8 0 false SHA1 SHA256
            0xffe0 RSA RSA TRIPLE_DES CBC 24 24 8 8 0 false SHA1 SHA256
            """;

    @Test
    void parsesSuitesAsTheirRfcsDefineThem() {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String line : EXPECTED.strip().split("\n")) {
            String[] t = line.strip().split(" ");
            int code = Integer.parseInt(t[0].substring(2), 16);
            CipherSuiteInfo i = CipherSuiteInfo.of(code);
            if (i == null) {
                wrong.add(t[0] + ": no info");
                continue;
            }
            String got = String.join(" ", t[0], i.keyExchange().name(), i.authentication().name(), i.cipher().name(),
                    i.mode().name(), "" + i.keyLength(), "" + i.secretKeyLength(), "" + i.ivLength(), "" + i.blockSize(),
                    "" + i.tagLength(), "" + i.export(), i.mac().name(), i.prf().name());
            if (!got.equals(line.strip())) wrong.add("expected " + line.strip() + "\n     got " + got);
            n++;
        }
        assertTrue(n >= 80);
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyNamedSuiteHasInfoExceptScsvAndGrease() {
        List<String> missing = new ArrayList<>();
        for (long code : CipherSuites.TABLE.codes()) {
            String name = CipherSuites.name(code);
            boolean info = CipherSuiteInfo.of((int) code) != null;
            boolean expected = !name.endsWith("_SCSV");
            if (info != expected) missing.add(Long.toHexString(code) + " " + name);
        }
        assertEquals(List.of(), missing);
        assertEquals(CipherSuites.TABLE.size() - 2, CipherSuiteInfo.count());
    }

    @Test
    void scsvGreaseAndUnknownHaveNoInfo() {
        assertNull(CipherSuiteInfo.of(0x00ff));
        assertNull(CipherSuiteInfo.of(0x5600));
        assertNull(CipherSuiteInfo.of(0x0a0a));
        assertNull(CipherSuiteInfo.of(0xfafa));
        assertNull(CipherSuiteInfo.of(0x1308));
        assertNull(CipherSuiteInfo.parse(0x1234, "TLS_FOO_WITH_BAR_SHA"));
        assertNull(CipherSuiteInfo.parse(0x1234, "TLS_RSA_WITH_BAR_SHA"));
        assertNull(CipherSuiteInfo.parse(0x1234, "TLS_RSA_WITH_AES_128_GCM_WHIRLPOOL"));
        assertNull(CipherSuiteInfo.parse(0x1234, "NOT_A_SUITE"));
    }

    @Test
    void derivedProperties() {
        CipherSuiteInfo gcm = CipherSuiteInfo.of(0xc02f);
        assertTrue(gcm.isAead());
        assertFalse(gcm.isTls13());
        assertEquals(8, gcm.explicitNonceLength());
        assertEquals(0, gcm.macLength());
        assertTrue(gcm.isForwardSecret());

        CipherSuiteInfo cbc = CipherSuiteInfo.of(0x002f);
        assertFalse(cbc.isAead());
        assertEquals(0, cbc.explicitNonceLength());
        assertEquals(20, cbc.macLength());
        assertFalse(cbc.isForwardSecret());

        CipherSuiteInfo tls13 = CipherSuiteInfo.of(0x1301);
        assertTrue(tls13.isTls13());
        assertTrue(tls13.isAead());
        assertEquals(0, tls13.explicitNonceLength());

        CipherSuiteInfo chacha = CipherSuiteInfo.of(0xcca8);
        assertEquals(0, chacha.explicitNonceLength());
        assertNotNull(chacha.name());
        assertEquals("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", chacha.name());
        assertEquals(Digest.SHA384, CipherSuiteInfo.of(0x009d).prf());
        assertEquals(KeyExchange.DHE, CipherSuiteInfo.of(0x009e).keyExchange());
        assertEquals(Authentication.NULL, CipherSuiteInfo.of(0x00a6).authentication());
        assertEquals(BulkCipher.ARIA, CipherSuiteInfo.of(0xc050).cipher());
        assertEquals(CipherMode.CCM, CipherSuiteInfo.of(0xc09d).mode());
        assertEquals(32, CipherSuiteInfo.of(0xc09d).keyLength());
    }
}
