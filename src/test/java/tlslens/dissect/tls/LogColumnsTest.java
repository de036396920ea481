package tlslens.dissect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;


/**
 * A log's entries held as columns read back equal to the records logged: every field (negative
 * codes, the encrypted flag beside the direction, frames past 2^31), after the connection ended
 * (spare room trimmed) and when a late record is logged after that.
 */
class LogColumnsTest {
    @Test
    void entriesReadBackAsLoggedBeforeAndAfterTheEnd() {
        HandshakeLog log = new HandshakeLog();
        List<HandshakeLog.Message> messages = new ArrayList<>();
        List<HandshakeLog.ApplicationData> data = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            HandshakeLog.Message m = new HandshakeLog.Message(3L * i + (i == 7 ? 1L << 33 : 0), i % 2,
                    i == 4 ? HandshakeLog.ENCRYPTED : i, i == 5 ? HandshakeLog.SSL2_RECORD : 22, 40 + i, i % 3 == 0, i);
            log.addMessage(m);
            messages.add(m);
            HandshakeLog.ApplicationData a = new HandshakeLog.ApplicationData(100 + i, 1 - i % 2, 1000 * i, i + 2);
            log.addApplicationData(a);
            data.add(a);
        }
        log.addChangeCipherSpec(new HandshakeLog.ChangeCipherSpec(9, 1, 4));
        assertEquals(messages, log.messages());
        assertEquals(data, log.applicationData());
        log.trim();
        HandshakeLog.Message late = new HandshakeLog.Message(500, 1, HandshakeLog.ENCRYPTED, 23, 33, true, 12);
        log.addMessage(late);
        messages.add(late);
        assertEquals(messages, log.messages());
        assertEquals(data, log.applicationData());
        assertEquals(List.of(new HandshakeLog.ChangeCipherSpec(9, 1, 4)), log.changeCipherSpecs());
        assertEquals(messages.size() + data.size() + 1, log.size());
        assertThrows(UnsupportedOperationException.class, () -> log.messages().add(late));
        assertThrows(IndexOutOfBoundsException.class, () -> log.messages().get(messages.size()));
    }
}
