package io.github.numeraipipeline.numerai.scores;

/**
 * Something a desk operator should look at: a model missed a round ({@code missed}) or its 20-round mean fell below
 * the set line ({@code below}). Alerts never fail the build; Jenkins marks it unstable.
 */
public record ScoreAlert(String model, String kind, String message) {
    public static final String MISSED = "missed";
    public static final String BELOW = "below";
}
