package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tlslens.SampleCapture;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.engine.Engine;

/**
 * The second core's stage (filter and print on their own thread) must give what one thread gives: the
 * same frames, in the same order, with frame.time_delta_displayed counted over the frames shown.
 */
class PrintStageTest {
    private static final List<String> FIELDS = List.of("frame.number", "frame.time_delta_displayed", "tcp.stream",
            "tls.handshake.type", "_ws.col.Info");

    /** Every frame of the sample, dissected in order (without keys). */
    private static List<Object[]> dissected() throws Exception {
        List<Object[]> frames = new ArrayList<>();
        try (CaptureFileReader reader = CaptureFileReader.open(SampleCapture.PATH)) {
            Engine engine = new Engine().interfaces(reader.interfaces());
            RawFrame raw;
            while ((raw = reader.next()) != null) frames.add(new Object[] {raw, engine.dissect(raw)});
        }
        return frames;
    }

    private static String oneThread(List<Object[]> frames, DisplayFilter filter) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        FieldsPrinter printer = printer(out, frames);
        Instant lastShown = null;
        for (Object[] f : frames) {
            FrameDissection fd = (FrameDissection) f[1];
            if (filter != null && !filter.matches(fd)) continue;
            fd.displayedAfter(lastShown);
            lastShown = fd.time;
            printer.print((RawFrame) f[0], fd);
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String staged(List<Object[]> frames, DisplayFilter filter) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        PrintStage stage = new PrintStage(printer(out, frames), filter, out, 7);
        for (Object[] f : frames) assertTrue(stage.offer((RawFrame) f[0], (FrameDissection) f[1]));
        stage.finish();
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static FieldsPrinter printer(PrintStream out, List<Object[]> frames) throws Exception {
        Columns columns = new Columns(9);
        columns.observe((RawFrame) frames.get(0)[0]);
        return new FieldsPrinter(out, columns, FIELDS, FieldOutputOptions.parse(List.of("occurrence=a")));
    }

    @Test
    void filteredOutputIsTheSingleThreadedOne() throws Exception {
        // Dissected twice: displayedAfter sets the delta in the tree, so each run gets trees of its own.
        DisplayFilter filter = DisplayFilter.compile("tls.handshake or tcp.flags.fin == 1");
        String expected = oneThread(dissected(), filter);
        String actual = staged(dissected(), filter);
        assertTrue(expected.lines().count() > 3 && expected.lines().count() < SampleCapture.frames(),
                "the filter should keep some frames and drop others: " + expected.lines().count());
        assertEquals(expected, actual);
    }

    @Test
    void unfilteredOutputIsTheSingleThreadedOne() throws Exception {
        String actual = staged(dissected(), null);
        assertEquals(SampleCapture.frames(), actual.lines().count());
        assertEquals(oneThread(dissected(), null), actual);
    }

    @Test
    void aClosedOutputStopsTheProducer() throws Exception {
        PrintStream closed = new PrintStream(new ByteArrayOutputStream(), false, StandardCharsets.UTF_8) {
            @Override public boolean checkError() { return true; } // as when "| head" has left
        };
        List<Object[]> frames = dissected();
        PrintStage stage = new PrintStage(printer(closed, frames), null, closed, 1);
        boolean refused = false;
        // The stage's thread sees the closed output after its first frame; the producer learns it at a later offer.
        for (int round = 0; round < 10_000 && !refused; round++) {
            for (Object[] f : frames) {
                if (!stage.offer((RawFrame) f[0], (FrameDissection) f[1])) {
                    refused = true;
                    break;
                }
            }
        }
        stage.finish();
        assertTrue(refused, "the producer was never told to stop");
    }
}
