package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.engine.CaptureIndex;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.ExpertSummaryTest;

/**
 * The loader's notes: a load without a filter dissects light trees, which lack the TCP notes; the
 * pass after it ({@link RowFeed#completeExperts}) gives what full trees carry.
 */
class RowFeedExpertsTest {
    @Test
    void aLightLoadThenThePassHasTheNotesOfFullTrees() throws Exception {
        Path file = Path.of("src/test/resources/captures/tls_alert.pcapng");
        RowFeed feed = new RowFeed(null, ColouringRules.of(List.of())); // no rule needs the whole tree: light trees
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            feed.attach(new CaptureIndex(r.linkType()).interfaces(r.interfaces()));
            RawFrame f;
            while ((f = r.next()) != null) feed.publish(f);
        }
        feed.finish();
        var full = ExpertSummaryTest.ours(ExpertSummaryTest.load(file));
        assertNotEquals(full, ExpertSummaryTest.ours(feed.experts()), "light trees lack notes");
        long before = feed.experts().version();
        feed.completeExperts();
        assertEquals(full, ExpertSummaryTest.ours(feed.experts()));
        assertNotEquals(before, feed.experts().version(), "the indicator sees the change");
    }

    /**
     * The pass replays each TCP connection alone on every core: the notes, their order and each
     * one's frames are those of one pass over the capture in order, on every capture of ours.
     */
    @Test
    void thePassOnSeveralThreadsGivesTheNotesOfOnePassInOrder() throws Exception {
        int compared = 0;
        for (Path file : tlslens.dissect.RobustnessTest.captures()) {
            RowFeed feed = new RowFeed(null, ColouringRules.of(List.of()));
            try (CaptureFileReader r = CaptureFileReader.open(file)) {
                feed.attach(new CaptureIndex(r.linkType()).interfaces(r.interfaces()));
                RawFrame f;
                while ((f = r.next()) != null) feed.publish(f);
            } catch (tlslens.capture.CaptureException e) {
                continue; // a capture made unreadable on purpose
            }
            feed.finish();
            feed.completeExperts();
            assertEquals(framed(ExpertSummaryTest.load(file)), framed(feed.experts()), file.getFileName().toString());
            compared++;
        }
        assertNotEquals(0, compared);
    }

    private static List<tlslens.ui.model.ExpertSummary.Entry> framed(tlslens.ui.model.ExpertSummary s) {
        return s.entries().stream().filter(e -> !e.frames().isEmpty()).toList();
    }
}
