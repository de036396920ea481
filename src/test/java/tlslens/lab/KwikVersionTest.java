package tlslens.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.kwik.core.QuicConnection;

/** kwik's jar names its version nowhere inside: the lab's manifest says the one of the jar the build uses. */
class KwikVersionTest {
    @Test
    void theManifestNamesTheKwikOnTheClassPath() {
        String jar = QuicConnection.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(jar.endsWith("/kwik-" + KwikPeers.VERSION + ".jar"), jar + " vs " + KwikPeers.VERSION);
        assertTrue(KwikPeers.IMPLEMENTATION.startsWith("kwik " + KwikPeers.VERSION + " "), KwikPeers.IMPLEMENTATION);
    }
}
