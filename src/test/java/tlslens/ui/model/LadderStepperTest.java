package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tlslens.analysis.Connection;
import tlslens.dissect.tls.names.HandshakeTypes;

/** Step-through on real ladders (the capture script's resumption captures), without a screen. */
class LadderStepperTest {

    @Test
    void homeShowsTheClientHelloThenEachKeyRevealsOrHidesOneRow() {
        ConnectionsSnapshot snap = LadderModelTest.snapshot(LadderModelTest.capture("tls12_full_then_ticket"));
        for (Connection c : snap.connections()) {
            LadderModel m = snap.ladder(c.index());
            int rows = m.rows().size();
            LadderStepper s = new LadderStepper();
            s.reset(m);
            assertEquals(rows, s.revealed(), "a ladder starts whole");
            assertFalse(s.stepping());
            assertFalse(s.apply(LadderStepper.Move.NEXT), "nothing left to reveal");

            assertTrue(s.apply(LadderStepper.Move.FIRST));
            assertEquals(1, s.revealed(), "Home: the Client Hello alone");
            assertTrue(m.rows().get(s.current()).is(HandshakeTypes.CLIENT_HELLO));
            assertFalse(s.apply(LadderStepper.Move.PREVIOUS), "the Client Hello stays");

            for (int i = 2; i <= rows; i++) {
                assertTrue(s.apply(LadderStepper.Move.NEXT));
                assertEquals(i, s.revealed());
                assertTrue(s.shows(i - 1));
                assertEquals(i < rows, s.stepping());
            }
            assertTrue(s.apply(LadderStepper.Move.PREVIOUS));
            assertEquals(rows - 1, s.revealed(), "← hides the last row again");
            assertFalse(s.shows(rows - 1));
            assertTrue(s.apply(LadderStepper.Move.ALL));
            assertEquals(rows, s.revealed(), "End: all");
        }
    }

    @Test
    void aRedrawOfTheSameLadderKeepsTheStepsShown() {
        ConnectionsSnapshot snap = LadderModelTest.snapshot(LadderModelTest.capture("tls13_full_then_psk"));
        LadderModel m = snap.ladder(snap.connections().get(1).index());
        LadderStepper s = new LadderStepper();
        s.reset(m);
        s.apply(LadderStepper.Move.FIRST);
        s.apply(LadderStepper.Move.NEXT);
        s.update(m);
        assertEquals(2, s.revealed(), "stepping goes on after a live refresh");
        s.apply(LadderStepper.Move.ALL);
        s.update(m);
        assertFalse(s.stepping(), "a whole ladder stays whole");
    }
}
