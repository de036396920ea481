package tlslens.ui.follow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import tlslens.dissect.tls.PlaintextLog;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.DecryptionStatus;

/**
 * "Follow TLS stream": the decrypted conversation of one connection as blocks of one direction
 * each, in capture order (as Wireshark's follow dialog). HTTP/2 (the client's connection preface)
 * is listed frame by frame; other data is shown as text when it is text (HTTP/1.x), else as a hex
 * dump. Without plaintext it says why (the connection's decryption status). Built off the FX
 * thread; no javafx.scene.
 */
public final class FollowStreamModel {
    public enum Side {
        CLIENT("follow-client"), SERVER("follow-server");

        /** The CSS class of this side's blocks. */
        public final String styleClass;

        Side(String styleClass) { this.styleClass = styleClass; }
    }

    /** One run of data in one direction: its first frame and its text. */
    public record Block(Side side, long frame, int bytes, String text) {}

    private final int tcpStream;
    private final List<Block> blocks;
    private final String status;
    private final boolean decrypted;
    private final boolean http2;
    private final long clientBytes;
    private final long serverBytes;

    private FollowStreamModel(int tcpStream, List<Block> blocks, String status, boolean decrypted, boolean http2,
                              long clientBytes, long serverBytes) {
        this.tcpStream = tcpStream;
        this.blocks = Collections.unmodifiableList(blocks);
        this.status = status;
        this.decrypted = decrypted;
        this.http2 = http2;
        this.clientBytes = clientBytes;
        this.serverBytes = serverBytes;
    }

    /** A connection that isn't TLS (or no packet chosen): nothing to follow. */
    public static FollowStreamModel notTls(int tcpStream) {
        String why = tcpStream < 0 ? "This packet is not part of a TCP connection."
                : "TCP stream " + tcpStream + " is not a TLS connection.";
        return new FollowStreamModel(tcpStream, List.of(), why, false, false, 0, 0);
    }

    /** The model of a connection replayed with its plaintext kept ({@code CaptureIndex.followTls}). */
    public static FollowStreamModel of(int tcpStream, TlsConnection tls) {
        if (tls == null) return notTls(tcpStream);
        PlaintextLog log = tls.plaintext();
        List<PlaintextLog.Chunk> chunks = log == null ? List.of() : log.chunks();
        int clientDir = tls.serverDirection() == 0 ? 1 : 0;
        boolean h2 = false;
        for (PlaintextLog.Chunk c : chunks) {
            if (c.direction() == clientDir && c.data().length > 0) {
                h2 = Http2FrameLister.startsWithPreface(c.data());
                break;
            }
        }
        List<Block> blocks = new ArrayList<>();
        long[] sizes = new long[2];
        Http2FrameLister[] listers = {new Http2FrameLister(clientDir == 0), new Http2FrameLister(clientDir == 1)};
        int i = 0;
        while (i < chunks.size()) {
            // A run: consecutive records of one direction, as Wireshark joins them.
            int dir = chunks.get(i).direction();
            long frame = chunks.get(i).frame();
            java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
            List<String> frames = new ArrayList<>();
            for (; i < chunks.size() && chunks.get(i).direction() == dir; i++) {
                byte[] d = chunks.get(i).data();
                run.writeBytes(d);
                if (h2) frames.addAll(listers[dir == 0 ? 0 : 1].feed(d));
            }
            byte[] bytes = run.toByteArray();
            if (bytes.length == 0) continue;
            sizes[dir == 0 ? 0 : 1] += bytes.length;
            String text;
            if (h2) text = frames.isEmpty() ? "(" + bytes.length + " bytes of a frame continued later)" : String.join("\n", frames) + "\n";
            else if (HexDump.isText(bytes, 0, bytes.length)) text = new String(bytes, StandardCharsets.ISO_8859_1);
            else text = HexDump.of(bytes);
            blocks.add(new Block(dir == clientDir ? Side.CLIENT : Side.SERVER, frame, bytes.length, text));
        }
        DecryptionStatus st = tls.decryption();
        String status = status(st, blocks.isEmpty());
        if (log != null && log.droppedBytes() > 0) status += " (" + log.droppedBytes() + " bytes beyond the first 16 MiB not shown)";
        boolean ok = st != null && st.state() == DecryptionStatus.State.DECRYPTED;
        return new FollowStreamModel(tcpStream, blocks, status, ok, h2, sizes[clientDir == 0 ? 0 : 1],
                sizes[clientDir == 0 ? 1 : 0]);
    }

    private static String status(DecryptionStatus st, boolean empty) {
        if (st == null) return empty ? "No decrypted data." : "Decrypted.";
        if (st.state() == DecryptionStatus.State.DECRYPTED) {
            String s = "Decrypted";
            if (st.keyOrigin() != null && !st.keyOrigin().isEmpty()) s += " with key from " + st.keyOrigin();
            s += " (" + st.recordsDecrypted() + (st.recordsDecrypted() == 1 ? " record" : " records") + ")";
            return empty ? s + "; no application data was sent." : s + ".";
        }
        return "Not decrypted — " + st.describe() + ".";
    }

    public int tcpStream() { return tcpStream; }

    /** "Follow TLS Stream (tcp.stream eq 3)", as Wireshark titles it. */
    public String title() { return "Follow TLS Stream (tcp.stream eq " + tcpStream + ")"; }

    public List<Block> blocks() { return blocks; }

    /** How decryption went, or why there is nothing to show. */
    public String status() { return status; }

    public boolean isDecrypted() { return decrypted; }

    public boolean isHttp2() { return http2; }

    /** "Client: 41 bytes · Server: 120 bytes · HTTP/2". */
    public String summary() {
        return "Client: " + clientBytes + " bytes · Server: " + serverBytes + " bytes" + (http2 ? " · HTTP/2" : "");
    }

    /** Everything shown for one side, joined. */
    public String text(Side side) {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) if (b.side() == side) sb.append(b.text());
        return sb.toString();
    }
}
