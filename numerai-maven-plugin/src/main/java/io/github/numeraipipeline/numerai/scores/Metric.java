package io.github.numeraipipeline.numerai.scores;

import java.util.Locale;

/** A metric as Numerai names it: {@code displayName} (CORR20, MMC, payout, ...) and its {@code version}. */
public record Metric(String displayName, String version) implements Comparable<Metric> {

    public Metric {
        version = version == null ? "" : version;
    }

    /** {@code CORR20} or {@code CORR20@v5}, the form {@code numerai.scores.metrics} takes. */
    public String key() {
        return version.isEmpty() ? displayName : displayName + "@" + version;
    }

    /** {@code CORR20 v5}, for people. */
    public String label() {
        return version.isEmpty() ? displayName : displayName + " " + version;
    }

    /** Whether a configured name ({@code CORR20} or {@code CORR20@v5}) picks this metric; names ignore case. */
    boolean matches(String wanted) {
        int at = wanted.indexOf('@');
        String name = at < 0 ? wanted : wanted.substring(0, at);
        return name.trim().toLowerCase(Locale.ROOT).equals(displayName.toLowerCase(Locale.ROOT))
                && (at < 0 || wanted.substring(at + 1).trim().equalsIgnoreCase(version));
    }

    @Override
    public int compareTo(Metric other) {
        int byName = displayName.compareToIgnoreCase(other.displayName);
        return byName != 0 ? byName : version.compareTo(other.version);
    }

    @Override
    public String toString() {
        return key();
    }
}
