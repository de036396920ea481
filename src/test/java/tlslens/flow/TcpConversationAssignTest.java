package tlslens.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Tables that each see some connections of a capture (the workers of cli.ParallelDissection), told by a
 * table over every segment which conversation a segment is of and whether it starts one
 * ({@link TcpConversationTable#assign}), number and split connections as that one table does, even
 * when the ports are reused and a worker still holds an older connection of the same ports.
 */
class TcpConversationAssignTest {
    private static final byte[] CLIENT = {10, 0, 0, 1}, SERVER = {10, 0, 0, 2};

    private record Segment(boolean fromClient, boolean syn, boolean ack, boolean fin, long seq) {}

    /** A whole connection on the same ports each time: handshake, both FINs. */
    private static void connection(List<Segment> out, long isn) {
        out.add(new Segment(true, true, false, false, isn));
        out.add(new Segment(false, true, true, false, 5000));
        out.add(new Segment(true, false, true, false, isn + 1));
        out.add(new Segment(true, false, true, true, isn + 1));
        out.add(new Segment(false, false, true, true, 5001));
    }

    /** As cli.ConnectionSplit and the engine drive a table: lookup, then sequence state and closing flags. */
    private static TcpConversation feed(TcpConversationTable t, Segment s, int frame) {
        byte[] src = s.fromClient ? CLIENT : SERVER, dst = s.fromClient ? SERVER : CLIENT;
        int sport = s.fromClient ? 40000 : 443, dport = s.fromClient ? 443 : 40000;
        TcpConversation c = t.lookup(src.clone(), sport, dst.clone(), dport, s.syn, s.ack, s.seq, frame);
        int dir = c.direction(src, sport);
        if (s.syn) c.reassembler(dir).syn(s.seq);
        else c.reassembler(dir).observe(s.seq);
        t.flags(c, dir, s.fin, false);
        return c;
    }

    /** Each segment's conversation number in the workers' tables (told by the whole table when {@code assign}). */
    private static List<Integer> split(List<Segment> segments, boolean assign) {
        TcpConversationTable all = new TcpConversationTable();
        TcpConversationTable[] workers = {new TcpConversationTable(), new TcpConversationTable()};
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            int known = all.size();
            TcpConversation whole = feed(all, segments.get(i), i + 1);
            TcpConversationTable w = workers[whole.index % workers.length];
            if (assign) w.assign(whole.index, all.size() > known);
            got.add(feed(w, segments.get(i), i + 1).index);
        }
        return got;
    }

    private static List<Integer> whole(List<Segment> segments) {
        TcpConversationTable all = new TcpConversationTable();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) got.add(feed(all, segments.get(i), i + 1).index);
        return got;
    }

    @Test
    void reusedPortsNumberAsOneTable() {
        // The third connection's SYN repeats the first one's initial sequence number: the worker that holds
        // the first (tcp.stream 0) would take it for that connection's retransmitted SYN.
        List<Segment> segments = new ArrayList<>();
        connection(segments, 100);
        connection(segments, 200);
        connection(segments, 100);
        segments.add(new Segment(true, false, true, false, 101)); // and a late segment of the third
        List<Integer> expected = whole(segments);
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2), expected);
        assertEquals(expected, split(segments, true));
        assertNotEquals(expected, split(segments, false), "without assign the worker joins the old connection");
    }

    @Test
    void lastConversationFoundIsTheTablesOwn() {
        // A port reuse: the lookup that skips the key (the last conversation found) must never return a
        // conversation the table has replaced, and agrees with find() at every segment.
        List<Segment> segments = new ArrayList<>();
        connection(segments, 100);
        connection(segments, 300);
        TcpConversationTable t = new TcpConversationTable();
        int last = -1;
        for (int i = 0; i < segments.size(); i++) {
            TcpConversation c = feed(t, segments.get(i), i + 1);
            assertEquals(c, t.find(CLIENT, 40000, SERVER, 443));
            last = c.index;
        }
        assertEquals(1, last);
    }
}
