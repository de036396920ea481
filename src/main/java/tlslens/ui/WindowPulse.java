package tlslens.ui;

import java.util.List;
import java.util.function.LongConsumer;

import javafx.animation.AnimationTimer;

/**
 * The window's one pulse handler: each part that works per frame (rows into the table, the
 * timeline's analysis, capture counters) gets the pulse's time in the order given.
 */
final class WindowPulse {
    private final List<LongConsumer> parts;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override public void handle(long now) {
            for (LongConsumer p : parts) p.accept(now);
        }
    };

    WindowPulse(LongConsumer... parts) { this.parts = List.of(parts); }

    void start() { timer.start(); }

    void stop() { timer.stop(); }
}
