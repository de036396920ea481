package tlslens.engine;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Of two models made at once (one started while the file loaded, one for its last frames), the one
 * read later is kept for the next model, whichever ends last: keeping the earlier one held a second
 * set of connections for as long as the capture was open.
 */
class LastModelTest {
    @Test
    void theModelReadLaterIsKept() {
        try (CaptureIndex index = new CaptureIndex(1)) {
            Object loading = new Object(), last = new Object(), again = new Object(), rekeyed = new Object();
            index.modelMade(last, 0, null, 1000);
            index.modelMade(loading, 0, null, 600); // started earlier, ended later
            assertSame(last, index.modelToUpdate());
            index.modelMade(again, 0, null, 1000); // as many frames: the newer stands
            assertSame(again, index.modelToUpdate());
            index.modelMade(rekeyed, 1, null, 1000);
            index.modelMade(again, 0, null, 1000); // an earlier revision
            assertSame(null, index.modelToUpdate(), "the index's revision is 0: a model of revision 1 is not one to update");
        }
    }
}
