package tlslens.dissect.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.engine.Engine;

/**
 * A flight sent again (as a DTLS client does when its ClientHello goes unanswered) is marked: the
 * message's second copy names the frame that first carried it. Real bytes: the ClientHello with the
 * cookie of our openssl capture, replayed once more as the next frame.
 */
class DtlsRetransmissionTest {
    @Test
    void aRepeatedClientHelloIsMarkedAsARetransmission() throws Exception {
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureFileReader r = CaptureFileReader.open(Path.of("src/test/resources/captures/dtls12_hello_verify.pcap"))) {
            for (RawFrame f; (f = r.next()) != null && frames.size() < 3; ) frames.add(f);
        }
        RawFrame hello = frames.get(2);
        frames.add(new RawFrame(4, hello.time().plusMillis(1000), hello.originalLength(), hello.data(), hello.linkType(),
                hello.interfaceId(), hello.interfaceName(), hello.section()));
        Engine engine = new Engine();
        List<FrameDissection> out = new ArrayList<>();
        for (RawFrame f : frames) out.add(engine.dissect(f));

        ProtoNode first = out.get(2).root.first("dtls.handshake");
        assertNotNull(first.first("dtls.handshake.cookie"), "the second ClientHello carries the HelloVerifyRequest's cookie");
        assertNull(out.get(2).root.first("dtls.handshake.retransmission"));
        ProtoNode again = out.get(3).root.first("dtls.handshake.retransmission");
        assertNotNull(again, "the copy is marked");
        assertEquals(3L, again.value());
        assertEquals(1L, out.get(3).root.first("dtls.handshake.message_seq").value());
    }
}
