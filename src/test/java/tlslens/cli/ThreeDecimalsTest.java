package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** --connections formats milliseconds without a Formatter: each the same text as {@code %.3f}. */
class ThreeDecimalsTest {
    private static void same(double v) {
        assertEquals(String.format(Locale.ROOT, "%.3f", v), ConnectionJson.threeDecimals(v), "value " + v);
    }

    @Test
    void everyKindOfValueReadsAsFormatWritesIt() {
        double[] edges = {0, -0.0, 0.0005, 0.0015, 0.0025, 1.0005, 2.5e-4, 999.9995, 12.3455, -0.0004, -1.2345,
                1e-9, 123456789.123456, 0.1 + 0.2, Double.MIN_VALUE, 1e15 + 0.5, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) same(v);
        SplittableRandom r = new SplittableRandom(14);
        for (int i = 0; i < 200_000; i++) {
            same(r.nextDouble() * 1000);                 // handshake times
            same(r.nextInt(10_000_000) / 10_000.0);      // four decimals: every half-way case
            same(r.nextInt(1_000_000) / 1000.0 + 0.0005); // exactly between, as written
            same(-r.nextDouble() * 10);
        }
    }
}
