package tlslens.ui;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lowers the calling thread's CPU priority (its nice value), for the thread that loads a file:
 * on a machine with few cores the loader, the JIT and the collector otherwise share the cores
 * evenly with the FX thread and the renderer, and the window drops frames while a large file
 * loads. Linux only (there setpriority with who = 0 names the calling thread; elsewhere it would
 * be the whole process); a thread can always lower its own priority, never raise it back, so
 * only a thread made for the job should call this. Through JNA, which pcap4j already brings.
 */
final class LowPriority {
    /** Nice 5: the scheduler weighs the thread at about a third of a normal (nice 0) one. */
    private static final int NICE = 5;

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio);

        int getpriority(int which, int who);
    }

    private LowPriority() {}

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /** Best effort: false where it is not supported or refused. */
    static boolean lowerCurrentThread() {
        if (!linux()) return false;
        try {
            // PRIO_PROCESS (0) with who = 0: this thread. A thread already nicer is left alone.
            if (Holder.C.getpriority(0, 0) >= NICE) return true;
            return Holder.C.setpriority(0, 0, NICE) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
