package tlslens.capture;

import java.util.List;

/**
 * One interface of a pcapng file (an Interface Description Block): its section (1-based), its id
 * within the section (what a packet block names), its name ("lo") and description ("Loopback"),
 * each null when the block has none. tshark names a frame's interface in the frame's first line;
 * {@link CaptureFileReader} reads them.
 */
public record CaptureInterface(int section, int id, String name, String description) {
    /** The interface {@code id} of {@code section} in {@code list}, or null. */
    public static CaptureInterface find(List<CaptureInterface> list, int section, int id) {
        for (CaptureInterface c : list) {
            if (c.section == section && c.id == id) return c;
        }
        return null;
    }
}
