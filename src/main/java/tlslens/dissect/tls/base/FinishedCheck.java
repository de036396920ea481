package tlslens.dissect.tls.base;

/**
 * A Finished message's verify_data checked against what the keys predict.
 *
 * @param correct   whether they agree
 * @param expected  the verify_data the keys give
 * @param keyOrigin where the key came from ("line N of FILE")
 */
public record FinishedCheck(boolean correct, byte[] expected, String keyOrigin) {}
