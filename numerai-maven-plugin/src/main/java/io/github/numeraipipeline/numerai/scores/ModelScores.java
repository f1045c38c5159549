package io.github.numeraipipeline.numerai.scores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One model's part of the history: its score entries (by round, then metric) and the rounds it missed. */
public final class ModelScores {
    private final Map<String, ScoreEntry> entries = new LinkedHashMap<>();
    private final TreeSet<Integer> missedRounds = new TreeSet<>();

    /** What a merge did: entries new to the history, entries replaced (a pending value updated or resolved). */
    public record Merge(int added, int replaced) {
    }

    /**
     * Takes in a fetch: an entry of the same round, metric and version replaces the kept one; entries Numerai no
     * longer returns (older than the window it was asked for) stay. When one fetch holds several days of the same
     * round and metric, the latest day is the one kept.
     */
    public Merge merge(List<ScoreEntry> fetched) {
        Map<String, ScoreEntry> latest = new LinkedHashMap<>();
        for (ScoreEntry entry : fetched) {
            latest.merge(entry.key(), entry, (a, b) -> day(b) >= day(a) ? b : a);
        }
        int added = 0;
        int replaced = 0;
        for (ScoreEntry entry : latest.values()) {
            ScoreEntry old = entries.put(entry.key(), entry);
            if (old == null) {
                added++;
            } else if (!old.equals(entry)) {
                replaced++;
            }
        }
        return new Merge(added, replaced);
    }

    private static int day(ScoreEntry entry) {
        return entry.day() == null ? Integer.MIN_VALUE : entry.day();
    }

    /**
     * Sets the missed rounds of the window {@code [from, to]} to {@code missed}; missed rounds older than the window
     * are kept, as the entries are.
     */
    public void missed(int from, int to, List<Integer> missed) {
        missedRounds.removeIf(round -> round >= from && round <= to);
        missedRounds.addAll(missed);
    }

    public List<ScoreEntry> entries() {
        List<ScoreEntry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparingInt(ScoreEntry::roundNumber).thenComparing(ScoreEntry::metric));
        return list;
    }

    public List<Integer> missedRounds() {
        return List.copyOf(missedRounds);
    }

    /** The metrics this model has entries of, sorted by name and version. */
    public List<Metric> metrics() {
        return entries.values().stream().map(ScoreEntry::metric).distinct().sorted().toList();
    }

    /** The entries of one metric, oldest round first. */
    public List<ScoreEntry> series(Metric metric) {
        return entries().stream().filter(e -> e.metric().equals(metric)).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
