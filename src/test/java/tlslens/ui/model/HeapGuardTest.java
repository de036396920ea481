package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The heap guard the window's loader asks every few thousand packets: in a JVM of its own with a small
 * heap, keeping 64 KiB blocks until the guard says stop ends with the heap well used and no
 * OutOfMemoryError; garbage alone never makes it say stop.
 */
class HeapGuardTest {
    /** Run in a 64 MiB JVM: keeps blocks until the guard says full (prints how many), then makes garbage. */
    public static void main(String[] args) {
        HeapGuard guard = new HeapGuard(0.85);
        List<byte[]> kept = new ArrayList<>();
        while (!guard.nearlyFull()) kept.add(new byte[64 << 10]);
        System.out.println(kept.size() + " " + (Runtime.getRuntime().maxMemory() >> 16) + " " + guard.describe());
        kept.clear();
        HeapGuard again = new HeapGuard(0.85);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[64 << 10];
            if (again.nearlyFull()) throw new AssertionError("garbage taken for kept objects at block " + i + garbage.length);
        }
    }

    @Test
    void keepingBlocksStopsBeforeTheHeapRunsOutAndGarbageNeverStops() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                HeapGuardTest.class.getName()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        String[] w = out.trim().split(" ", 3);
        long blocks = Long.parseLong(w[0]);
        long heapBlocks = Long.parseLong(w[1]);
        assertTrue(blocks > heapBlocks / 2 && blocks < heapBlocks, out);
        assertTrue(w[2].endsWith(" of " + (heapBlocks >> 4) + " MiB"), out);
    }

    @Test
    void anEmptyishHeapIsNotNearlyFull() {
        assertFalse(new HeapGuard(0.85).nearlyFull());
    }
}
