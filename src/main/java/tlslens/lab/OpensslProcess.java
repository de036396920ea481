package tlslens.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One {@code openssl} process: its standard input kept open (s_server ends on end of input, s_client
 * closes the connection on it), its output gathered so the lab can wait for a line and read what
 * the peer reported.
 */
final class OpensslProcess implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread reader;

    OpensslProcess(List<String> command, java.nio.file.Path dir) throws IOException {
        this(command, dir, java.util.Map.of());
    }

    OpensslProcess(List<String> command, java.nio.file.Path dir, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        this.process = pb.start();
        this.reader = new Thread(this::readOutput, "lab-" + command.get(1));
        reader.setDaemon(true);
        reader.start();
    }

    private void readOutput() {
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (output) {
                    output.write(buf, 0, n);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        synchronized (output) {
            output.notifyAll();
        }
    }

    String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the output satisfies {@code test} or the process ends; false after {@code timeoutMs}. */
    boolean await(Predicate<String> test, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        synchronized (output) {
            while (true) {
                if (test.test(output.toString(StandardCharsets.UTF_8))) return true;
                long left = end - System.currentTimeMillis();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) return false;
                output.wait(Math.min(left, 50));
            }
        }
    }

    void send(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Closes standard input (s_client then closes its connection) and waits for the process to end. */
    boolean endInput(long timeoutMs) throws IOException, InterruptedException {
        process.getOutputStream().close();
        boolean ended = process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        reader.join(1000);
        return ended;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
