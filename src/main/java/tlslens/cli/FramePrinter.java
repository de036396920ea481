package tlslens.cli;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;

/** Writes frames as they are dissected; nothing is kept between frames (captures can be huge). */
interface FramePrinter {
    default void begin() {}

    void print(RawFrame raw, FrameDissection fd);

    default void end() {}
}
