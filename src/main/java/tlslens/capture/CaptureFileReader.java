package tlslens.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads pcap (micro/nanosecond) and pcapng files through libpcap's offline handle. A file cut
 * short in the middle of a packet yields every complete packet, then {@link #warning()} says so.
 */
public final class CaptureFileReader implements Closeable {
    private final Path file;
    private final PcapHandle handle;
    private final int linkType;
    private int number;
    private String warning;
    private boolean done;

    private CaptureFileReader(Path file, PcapHandle handle) {
        this.file = file;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
    }

    public static CaptureFileReader open(Path file) throws CaptureException {
        String name = file.toString();
        if (!Files.exists(file)) throw new CaptureException("The file \"" + name + "\" doesn't exist.");
        if (Files.isDirectory(file)) throw new CaptureException("\"" + name + "\" is a directory, not a capture file.");
        if (!Files.isReadable(file)) {
            throw new CaptureException("The file \"" + name + "\" can't be opened: permission denied.");
        }
        checkMagic(file);
        Libpcap.configure();
        try {
            PcapHandle h = Pcaps.openOffline(name, PcapHandle.TimestampPrecision.NANO);
            return new CaptureFileReader(file, h);
        } catch (PcapNativeException e) {
            throw new CaptureException("The file \"" + name + "\" isn't a capture file in a format TLS Lens understands ("
                    + e.getMessage().trim() + ").", e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CaptureException("libpcap could not be loaded (install libpcap0.8): " + e.getMessage(), e);
        }
    }

    /** Refuses non-capture files with a clear message before libpcap sees them. */
    private static void checkMagic(Path file) throws CaptureException {
        byte[] m = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(m, 0, 4);
        } catch (IOException e) {
            throw new CaptureException("The file \"" + file + "\" can't be read: " + e.getMessage(), e);
        }
        long magic = n < 4 ? -1 : ((m[0] & 0xffL) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        boolean known = magic == 0xa1b2c3d4L || magic == 0xd4c3b2a1L || magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L
                || magic == 0x0a0d0d0aL;
        if (!known) {
            throw new CaptureException("The file \"" + file + "\" isn't a capture file in a format TLS Lens understands"
                    + (n < 4 ? " (it is too short)." : " (pcap or pcapng expected)."));
        }
    }

    public int linkType() { return linkType; }

    private java.util.List<CaptureInterface> interfaces;

    /** The pcapng file's interfaces (names for the frame tree); empty for a pcap file. */
    public java.util.List<CaptureInterface> interfaces() {
        if (interfaces == null) interfaces = CaptureInterface.of(file);
        return interfaces;
    }

    /** The next frame, or null at the end of the file (or at the damage, see {@link #warning()}). */
    public RawFrame next() {
        if (done) return null;
        while (true) {
            try {
                byte[] data = handle.getNextRawPacketEx();
                Timestamp ts = handle.getTimestamp();
                Integer orig = handle.getOriginalLength();
                Instant t = Instant.ofEpochSecond(Math.floorDiv(ts.getTime(), 1000L), ts.getNanos());
                number++;
                return new RawFrame(number, t, orig == null ? data.length : orig, data, linkType, 0, null);
            } catch (EOFException e) {
                done = true;
                return null;
            } catch (TimeoutException e) {
                // Offline handles don't time out; try again.
            } catch (PcapNativeException e) {
                done = true;
                String msg = e.getMessage() == null ? "" : e.getMessage().trim();
                if (msg.contains("truncated")) {
                    // tshark's wording, so scripts that grep for it keep working.
                    warning = "The file \"" + file + "\" appears to have been cut short in the middle of a packet.";
                } else {
                    warning = "The file \"" + file + "\" appears to be damaged or corrupt (" + msg + "); "
                            + number + " packets were read.";
                }
                return null;
            } catch (NotOpenException e) {
                done = true;
                return null;
            }
        }
    }

    /**
     * The TLS key logs embedded in the file's Decryption Secrets Blocks (pcapng; empty for pcap or
     * none), in file order: NSS key log text for the engine's secrets (tshark uses them unasked).
     */
    public java.util.List<String> decryptionSecrets() { return DecryptionSecrets.tlsKeyLogs(file); }

    /** A message about damage found while reading, or null. */
    public String warning() { return warning; }

    @Override
    public void close() {
        if (handle.isOpen()) handle.close();
    }
}
