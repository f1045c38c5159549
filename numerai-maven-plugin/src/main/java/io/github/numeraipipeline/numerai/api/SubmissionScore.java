package io.github.numeraipipeline.numerai.api;

/**
 * One score Numerai keeps for a model: a metric ({@code displayName} and its {@code version}) of one round's
 * submission, with Numerai's own field names. {@code value}, {@code percentile}, {@code day}, {@code date} and
 * {@code resolveDate} are null when Numerai leaves them out (a round still scoring has no percentile yet).
 */
public record SubmissionScore(int roundNumber, String displayName, String version, Double value, Double percentile,
                              Integer day, String date, boolean resolved, String resolveDate) {
}
