package io.github.numeraipipeline.numerai.mojo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.maven.plugin.MojoFailureException;

/** Reads ISO-8601 durations from parameters, with an error that names the parameter and shows the form. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String value, String property) throws MojoFailureException {
        if (value == null || value.isBlank()) {
            throw new MojoFailureException(property + " is empty; give an ISO-8601 duration such as PT10M or PT5H");
        }
        try {
            Duration duration = Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
            if (duration.isNegative()) {
                throw new MojoFailureException(property + "=" + value + " is negative; give a duration such as PT10M");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new MojoFailureException(property + "=" + value + " is not an ISO-8601 duration;"
                    + " write for example -D" + property + "=PT10M (10 minutes), PT30S or PT5H", e);
        }
    }
}
