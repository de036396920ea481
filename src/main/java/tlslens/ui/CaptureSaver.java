package tlslens.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tlslens.capture.PcapWriter;
import tlslens.capture.PcapngWriter;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;

/** File > Save As: frames 1..count of the index, written to a temp file then moved into place. */
final class CaptureSaver {
    private CaptureSaver() {}

    static void save(CaptureIndex index, int count, Path file, boolean asPcap) throws IOException {
        save(index, count, file, asPcap, null);
    }

    /**
     * As {@link #save(CaptureIndex, int, Path, boolean)}; {@code keyLog} (NSS key log lines, only
     * when the user asked to embed keys) goes into a pcapng Decryption Secrets Block before the packets.
     */
    static void save(CaptureIndex index, int count, Path file, boolean asPcap, String keyLog) throws IOException {
        if (count == 0) throw new IOException("There are no packets to save.");
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".tlslens-save-", ".tmp");
        try {
            int linkType = index.frame(1).linkType();
            if (asPcap) {
                try (PcapWriter w = new PcapWriter(tmp, linkType)) {
                    for (int i = 1; i <= count; i++) w.write(index.frame(i));
                }
            } else {
                RawFrame first = index.frame(1);
                try (PcapngWriter w = new PcapngWriter(tmp, linkType, first.interfaceName())) {
                    if (keyLog != null && !keyLog.isEmpty()) w.writeTlsKeyLog(keyLog);
                    for (int i = 1; i <= count; i++) w.write(index.frame(i));
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
