package tlslens.dissect.tls;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tcp.TcpFields;
import tlslens.dissect.tls.base.TlsFields;

/** Feeds hand-made records to one {@link TlsConnection}, one frame per record, for unit tests. */
final class TlsFeed {
    final TlsConnection conn = new TlsConnection(0);
    private int frame;
    private final int clientPort;
    private final int serverPort;
    FrameDissection last;
    ProtoNode lastTls;

    TlsFeed() { this(50000, 443); }

    TlsFeed(int clientPort, int serverPort) {
        this.clientPort = clientPort;
        this.serverPort = serverPort;
    }

    static byte[] hex(String s) { return HexFormat.of().parseHex(s.replaceAll("\\s", "")); }

    /** A TLS record of type ct and version around body. */
    static byte[] record(int ct, int version, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) ct;
        r[1] = (byte) (version >> 8);
        r[2] = (byte) version;
        r[3] = (byte) (body.length >> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    /** Dissects the records as one frame sent in direction dir; returns the frame. */
    FrameDissection frame(int dir, byte[]... records) {
        byte[] bytes = concat(records);
        FrameDissection fd = new FrameDissection(++frame, Instant.EPOCH, bytes);
        ProtoNode tcp = fd.root.child(new ProtoNode(TcpFields.TCP, null, null, 0, 0, 0));
        Tvb ft = fd.frameTvb();
        tcp.addValue(TcpFields.SRCPORT, ft, 0, 0, (long) (dir == 0 ? clientPort : serverPort));
        tcp.addValue(TcpFields.DSTPORT, ft, 0, 0, (long) (dir == 0 ? serverPort : clientPort));
        // What the TCP layer tells the layers above (TLS names the application protocol by port).
        fd.context().ports(dir == 0 ? clientPort : serverPort, dir == 0 ? serverPort : clientPort);
        ProtoNode tls = fd.root.child(new ProtoNode(TlsFields.TLS, null, null, 0, 0, bytes.length));
        int pos = 0;
        for (byte[] r : records) {
            conn.dissectRecord(fd, tls, new Tvb(bytes, 0, pos, pos + r.length), dir);
            pos += r.length;
        }
        last = fd;
        lastTls = tls;
        return fd;
    }

    List<String> lines() { return TlsTreeText.render(lastTls); }

    /** Trimmed lines, for assertions that do not care about indentation. */
    List<String> trimmed() { return lines().stream().map(String::trim).toList(); }

    /** The parts one after the other. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
