package tlslens.dissect;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tlslens.capture.RawFrame;
import tlslens.dissect.ip.IpDissector;
import tlslens.dissect.link.LinkDissector;
import tlslens.dissect.tcp.TcpDissector;
import tlslens.dissect.tcp.TcpHeader;
import tlslens.flow.TcpConversation;
import tlslens.flow.TcpConversationTable;
import tlslens.flow.TcpReassembler;

/** Test helper: the in-order byte streams (both directions) of every TCP connection of a capture. */
final class StreamExtractor {
    private StreamExtractor() {}

    static List<byte[][]> tlsStreams(List<RawFrame> frames) {
        TcpConversationTable table = new TcpConversationTable();
        Map<Integer, ByteArrayOutputStream[]> out = new LinkedHashMap<>();
        for (RawFrame f : frames) {
            Tvb tvb = new Tvb(f.data(), 0);
            ProtoNode scratch = ProtoNode.root();
            LinkDissector.Next link = LinkDissector.dissect(scratch, tvb, f.linkType());
            IpDissector.Transport tr = IpDissector.dissect(scratch, tvb, link.etherType(), link.offset());
            if (tr == null || tr.protocol() != 6) continue;
            TcpHeader h = TcpDissector.parse(tvb, tr.offset(), tr.end());
            if (h == null) continue;
            byte[] src = tr.src().getAddress();
            TcpConversation c = table.lookup(src, h.srcPort(), tr.dst().getAddress(), h.dstPort(), h.syn(), h.hasAck(),
                    h.seq(), f.number());
            int dir = c.direction(src, h.srcPort());
            if (h.syn()) c.reassembler(dir).syn(h.seq());
            List<TcpReassembler.Event> evs = new ArrayList<>();
            c.reassembler(dir).segment(f.number(), h.seq(), f.data(), h.payloadOffset(), h.payloadLength(), evs);
            ByteArrayOutputStream[] bufs = out.computeIfAbsent(c.index,
                    k -> new ByteArrayOutputStream[] {new ByteArrayOutputStream(), new ByteArrayOutputStream()});
            for (TcpReassembler.Event e : evs) {
                if (e instanceof TcpReassembler.Data d) {
                    bufs[dir].write(d.bytes().data(), d.bytes().offset(), d.bytes().length());
                }
            }
        }
        List<byte[][]> result = new ArrayList<>();
        for (ByteArrayOutputStream[] b : out.values()) {
            if (b[0].size() + b[1].size() > 0) result.add(new byte[][] {b[0].toByteArray(), b[1].toByteArray()});
        }
        return result;
    }
}
