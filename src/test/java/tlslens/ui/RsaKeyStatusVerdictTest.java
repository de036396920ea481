package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.tls.decrypt.KeyExchangeVerdict;
import tlslens.dissect.tls.decrypt.RsaKeyFile;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;

/** The status bar's word on an RSA key that opened nothing: another server's key, or forward secrecy only. */
class RsaKeyStatusVerdictTest {
    static final Path CAPTURES = Path.of("src/test/resources/captures");

    private static List<Connection> model(String keyFile) throws Exception {
        TlsSecrets s = new TlsSecrets();
        s.addRsaKeys(RsaKeyFile.read(CAPTURES.resolve(keyFile), ""));
        Engine engine = new Engine(s);
        try (CaptureFileReader r = CaptureFileReader.open(CAPTURES.resolve("tls12_rsa_keys.pcapng"))) {
            RawFrame f;
            while ((f = r.next()) != null) engine.dissect(f);
        }
        return ConnectionAnalyzer.analyze(engine.connections());
    }

    @Test
    void saysWhyTheKeyOpenedNothing() throws Exception {
        List<Connection> right = model("tls12_rsa_keys.rsa-key.pem");
        assertNull(DecryptionControl.verdict(right, 1), "the RSA connections decrypted: nothing to say");
        List<Connection> forwardSecretOnly = right.stream()
                .filter(c -> c.decryption().keyExchange() != null && c.decryption().keyExchange().forwardSecret()).toList();
        assertEquals(3, forwardSecretOnly.size());
        assertEquals("The RSA key opens no connection here: they used (EC)DHE, whose secret never crossed the wire "
                + "(forward secrecy)", DecryptionControl.verdict(forwardSecretOnly, 1));
        List<Connection> other = model("tls12_rsa_keys.other-rsa-key.pem");
        assertEquals(KeyExchangeVerdict.RSA_NO_MATCHING_KEY, other.get(0).decryption().keyExchange());
        assertEquals("The RSA key matches no server certificate of this capture", DecryptionControl.verdict(other, 1));
    }
}
