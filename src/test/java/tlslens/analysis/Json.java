package tlslens.analysis;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson, set up for what the tests read (the capture manifests, {@code --connections} output): objects
 * become maps in key order, arrays lists, integers Longs, other numbers Doubles. Strict, so that malformed
 * output fails a test: trailing text and duplicate keys are errors.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    /** The value of a JSON text; an AssertionError saying where it is malformed. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("malformed JSON: " + e.getOriginalMessage() + " at " + e.getLocation(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object o) { return (Map<String, Object>) o; }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object o) { return (List<Object>) o; }
}
