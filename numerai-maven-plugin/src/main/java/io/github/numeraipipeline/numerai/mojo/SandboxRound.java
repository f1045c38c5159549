package io.github.numeraipipeline.numerai.mojo;

import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;

/** The sandbox's round, as {@code -Dnumerai.sandbox.round} says: open, never, closed, or opening after a duration. */
final class SandboxRound {
    private SandboxRound() {
    }

    /** How long after start the sandbox's round opens; null for never. */
    static Duration opensIn(String value) throws MojoFailureException {
        switch (value == null ? "open" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "open":
                return Duration.ofMinutes(-1);
            case "never":
                return null;
            case "closed":
                return Duration.ofHours(-2);
            default:
                try {
                    return Durations.parse(value, PropertyNames.SANDBOX_ROUND);
                } catch (MojoFailureException e) {
                    throw new MojoFailureException(PropertyNames.SANDBOX_ROUND + "=" + value + " is not one of open,"
                            + " never, closed or an ISO-8601 duration after which the round opens (such as PT30S)", e);
                }
        }
    }
}
