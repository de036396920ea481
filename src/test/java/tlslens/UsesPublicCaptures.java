package tlslens;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test (class or method) that reads the public captures ({@link PublicCaptures}): the JUnit group
 * "public-captures". It runs wherever the folder is; src/test/scripts/test.sh leaves the group out,
 * and says so, only where the folder is missing, and .ci/run requires the folder.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(PublicCaptures.TAG)
public @interface UsesPublicCaptures {}
