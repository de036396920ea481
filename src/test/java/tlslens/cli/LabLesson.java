package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import tlslens.lab.Lab;

/**
 * A lesson made by {@code tlslens --lab CAPTURE OPTIONS...}, with what the lab said happened (its
 * manifest) and what {@code --connections} reads back from the capture: the fixture of the lab tests.
 */
record LabLesson(CliRunner.Result made, JsonNode manifest, JsonNode connections) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static LabLesson make(Path capture, String... labOptions) throws IOException {
        String[] args = new String[labOptions.length + 2];
        args[0] = "--lab";
        args[1] = capture.toString();
        System.arraycopy(labOptions, 0, args, 2, labOptions.length);
        CliRunner.Result made = CliRunner.run(args);
        assertEquals(0, made.exitCode(), made.err() + made.out());
        JsonNode manifest = JSON.readTree(Files.readString(Lab.manifestFor(capture)));
        CliRunner.Result r = CliRunner.run("-r", capture.toString(), "--connections");
        assertEquals(0, r.exitCode(), r.err());
        return new LabLesson(made, manifest, JSON.readTree(r.out()));
    }
}
