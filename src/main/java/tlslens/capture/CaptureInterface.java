package tlslens.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One interface of a pcapng section (an Interface Description Block): its name ("lo") and
 * description ("Loopback"), each null when the block has none. tshark names a frame's interface
 * in the frame's first line; libpcap does not pass these on, so they are read here.
 */
public record CaptureInterface(String name, String description) {
    private static final int IDB = 0x00000001;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;

    /** The interfaces of a pcapng file's first section, in order (empty for pcap files). */
    public static List<CaptureInterface> of(Path file) {
        List<CaptureInterface> out = new ArrayList<>();
        // The interfaces come before the packets that use them: stop at the first packet block.
        for (PcapngBlocks.Block b : PcapngBlocks.find(file, Set.of(IDB), Set.of(2, 3, 6), PcapngBlocks.WINDOW)) {
            if (b.section() != 1 || b.length() < 20) continue;
            try {
                ByteBuffer body = PcapngBlocks.read(file, b.position() + 8, (int) Math.min(b.length() - 12, 1 << 16), b.order());
                String name = null, description = null;
                int p = 8; // link type, reserved, snaplen
                while (p + 4 <= body.limit()) {
                    int code = body.getShort(p) & 0xffff;
                    int len = body.getShort(p + 2) & 0xffff;
                    if (code == 0 || p + 4 + len > body.limit()) break;
                    String v = new String(body.array(), p + 4, len, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "");
                    if (code == IF_NAME) name = v;
                    else if (code == IF_DESCRIPTION) description = v;
                    p += 4 + ((len + 3) & ~3);
                }
                out.add(new CaptureInterface(name, description));
            } catch (IOException e) {
                break;
            }
        }
        return out;
    }
}
