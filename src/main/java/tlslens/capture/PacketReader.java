package tlslens.capture;

import java.io.EOFException;
import java.lang.reflect.Field;
import java.util.concurrent.TimeoutException;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * The capture thread's pcap_next_ex on an open pcap4j handle. pcap4j's getNextRawPacketEx
 * allocates two JNA {@code PointerByReference} per packet, and JNA tracks each native allocation
 * in a ConcurrentHashMap with a cleaner: at 40,000 packets/s that bookkeeping was most of the
 * capture thread's time (JFR: ConcurrentHashMap.putVal/transfer/replaceNode, Memory.free) and
 * the kernel's ring overflowed. Here the two out-pointers live in one block allocated once, and
 * the header is read in place (64-bit Linux's struct pcap_pkthdr: tv_sec, tv_usec — nanoseconds
 * on a nanosecond handle — caplen, len). Elsewhere, or when pcap4j's handle can't be reached,
 * pcap4j's own call is used.
 *
 * <p>One reader thread; the handle stays pcap4j's (filter, statistics, breakloop, close).
 */
final class PacketReader {
    private static final boolean DIRECT = linkDirect();

    private final PcapHandle handle;
    private final Pointer pcap;
    private final Memory out = DIRECT ? new Memory(2L * Native.POINTER_SIZE) : null;
    private long seconds;
    private long fraction;
    private int originalLength;

    PacketReader(PcapHandle handle) {
        this.handle = handle;
        this.pcap = DIRECT ? pcapPointer(handle) : null;
    }

    /** Whether packets are read without pcap4j's per-packet allocations (for the benchmark's record). */
    boolean direct() { return pcap != null; }

    /**
     * The next packet's bytes (as captured); its time stamp and original length are then
     * {@link #seconds()}, {@link #fraction()} (in the handle's precision), {@link #originalLength()}.
     *
     * @throws TimeoutException when the read timeout passed without a packet
     * @throws EOFException after pcap_breakloop
     */
    byte[] next() throws PcapNativeException, NotOpenException, TimeoutException, EOFException {
        if (pcap == null) return viaPcap4j();
        int rc = pcap_next_ex(pcap, out, out.share(Native.POINTER_SIZE));
        switch (rc) {
            case 1: {
                Pointer header = out.getPointer(0);
                Pointer data = out.getPointer(Native.POINTER_SIZE);
                seconds = header.getLong(0);
                fraction = header.getLong(8);
                int caplen = header.getInt(16);
                originalLength = header.getInt(20);
                return data.getByteArray(0, caplen);
            }
            case 0:
                throw new TimeoutException();
            case -2:
                throw new EOFException();
            default:
                throw new PcapNativeException("Error occurred in pcap_next_ex(): " + pcap_geterr(pcap), rc);
        }
    }

    long seconds() { return seconds; }

    long fraction() { return fraction; }

    int originalLength() { return originalLength; }

    private byte[] viaPcap4j() throws PcapNativeException, NotOpenException, TimeoutException, EOFException {
        byte[] data = handle.getNextRawPacketEx();
        java.sql.Timestamp ts = handle.getTimestamp();
        seconds = Math.floorDiv(ts.getTime(), 1000L);
        fraction = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO
                ? ts.getNanos() : ts.getNanos() / 1000;
        Integer orig = handle.getOriginalLength();
        originalLength = orig == null ? data.length : orig;
        return data;
    }

    private static native int pcap_next_ex(Pointer p, Pointer header, Pointer data);

    private static native String pcap_geterr(Pointer p);

    /** 64-bit Linux only (the header layout above); JNA's direct mapping of the library pcap4j loaded. */
    private static boolean linkDirect() {
        if (!Platform.isLinux() || !Platform.is64Bit() || Native.LONG_SIZE != 8) return false;
        try {
            Libpcap.configure();
            String lib = System.getProperty("org.pcap4j.core.pcapLibName", "pcap");
            Native.register(PacketReader.class, NativeLibrary.getInstance(lib));
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** pcap4j keeps the pcap_t in a private field; null (and pcap4j's call) if that ever changes. */
    private static Pointer pcapPointer(PcapHandle handle) {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            return (Pointer) f.get(handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
