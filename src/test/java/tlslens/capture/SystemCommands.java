package tlslens.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The system changes the capture fault tests make as root (the tests run as root, in CI too): a
 * small tmpfs that fills up, a veth pair that can be deleted mid-capture. A command that fails
 * fails the test with its output: nothing is skipped.
 */
public final class SystemCommands {
    private SystemCommands() {}

    /** Runs a command; an AssertionError with its output when it fails. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + ", user "
                    + System.getProperty("user.name") + "; these tests run as root): " + out);
        }
        return out;
    }

    /** A tmpfs of {@code size} (e.g. "1m") on {@code dir}; close() unmounts it. */
    public static AutoCloseable smallDisk(Path dir, String size) throws IOException, InterruptedException {
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tlslens-test", dir.toString());
        return () -> run("umount", dir.toString());
    }

    /**
     * A veth pair, both ends up, the first with x.1/24 of a benchmarking subnet (198.18.0.0/15) that no
     * interface of the machine uses, so its broadcasts leave by it alone; {@link Veth#close()} deletes it.
     */
    public static Veth veth() throws IOException, InterruptedException {
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String used = run("ip", "-o", "-4", "addr", "show");
        String subnet;
        do {
            subnet = "198." + ThreadLocalRandom.current().nextInt(18, 20) + "." + ThreadLocalRandom.current().nextInt(256);
        } while (used.contains(" " + subnet + "."));
        Veth v = new Veth("tlv" + tag + "a", "tlv" + tag + "b", subnet + ".1", subnet + ".255");
        run("ip", "link", "add", v.name, "type", "veth", "peer", "name", v.peer);
        run("ip", "addr", "add", v.address + "/24", "dev", v.name);
        run("ip", "link", "set", v.name, "up");
        run("ip", "link", "set", v.peer, "up");
        return v;
    }

    /** A veth pair: {@code name} (with {@code address}) is captured on, deleting it deletes {@code peer} too. */
    public record Veth(String name, String peer, String address, String broadcast) implements AutoCloseable {
        public void delete() throws IOException, InterruptedException {
            run("ip", "link", "del", name);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            String links = run("ip", "-o", "link", "show");
            if (List.of(links.split("\n")).stream().anyMatch(l -> l.contains(" " + name + "@"))) delete();
        }
    }
}
