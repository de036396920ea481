package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The file loader's thread really runs at a lower priority, and only that thread does. */
@EnabledOnOs(OS.LINUX)
class LowPriorityTest {
    /** The calling thread's nice value, from /proc (field 19 of its stat line). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[16]); // fields after the name start at 3: nice is field 19
    }

    @Test
    void lowersTheCallingThreadOnly() throws Exception {
        int before = niceOfThisThread();
        int[] seen = new int[2];
        boolean[] ok = new boolean[1];
        Thread t = new Thread(() -> {
            try {
                seen[0] = niceOfThisThread();
                ok[0] = LowPriority.lowerCurrentThread();
                seen[1] = niceOfThisThread();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        t.join();
        assertTrue(ok[0], "setpriority refused");
        assertEquals(before, seen[0], "a new thread starts at its parent's priority");
        assertEquals(Math.max(seen[0], 5), seen[1], "the thread's nice value after");
        assertEquals(before, niceOfThisThread(), "the calling test thread is untouched");
    }
}
