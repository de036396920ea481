package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The status bar's words while a file loads. */
class LoadProgressTextTest {
    @Test
    void bytesPacketsAndTimeLeft() {
        // A quarter of 221 MB read in 4 s: 12 s left at that rate.
        assertEquals("55 of 221 MB · 150,000 packets · 12 s left",
                LoadProgressText.of(55_250_000, 221_000_000, 150_000, 4_000_000_000L));
        assertEquals("1.2 of 3.5 MB · 1 packet", LoadProgressText.of(1_200_000, 3_500_000, 1, 500_000_000L));
        assertEquals("12 of 1,000 MB · 9 packets · 13 min 43 s left",
                LoadProgressText.of(12_000_000, 1_000_000_000, 9, 10_000_000_000L));
    }

    @Test
    void aPipeHasNoSizeSoNoTimeLeftAndAnIndeterminateBar() {
        assertEquals("3.0 MB · 20 packets", LoadProgressText.of(3_000_000, 0, 20, 5_000_000_000L));
        assertEquals(-1, LoadProgressText.fraction(3_000_000, 0));
        assertEquals(0.5, LoadProgressText.fraction(50, 100));
        assertEquals(1.0, LoadProgressText.fraction(120, 100));
    }
}
