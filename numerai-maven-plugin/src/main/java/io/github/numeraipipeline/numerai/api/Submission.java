package io.github.numeraipipeline.numerai.api;

import java.time.Instant;

/** A submission Numerai has recorded for a model. {@code roundNumber} is null when Numerai did not say. */
public record Submission(String id, String filename, Instant insertedAt, String triggerId, Integer roundNumber) {
}
