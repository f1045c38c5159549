package io.github.numeraipipeline.numerai.scores;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which metrics the desk charts. Numerai adds and renames metrics, so nothing here is a fixed list of what exists:
 * the user names metrics ({@code numerai.scores.metrics=CORR20,MMC@v5}), or, by default, the canonical corr, the
 * canonical MMC and payout, each under whichever of its known names Numerai returns (newest version).
 */
public final class MetricChoice {
    /** Names Numerai has used for its canonical metrics, most current first. */
    static final List<List<String>> DEFAULTS = List.of(
            List.of("CORR20V2", "CORR20", "canon_corr", "v2_corr20", "corr20"),
            List.of("MMC", "canon_mmc", "mmc20", "v2_mmc", "MMC20"),
            List.of("payout"));

    private final List<String> wanted;

    /** {@code wanted} empty: the defaults. */
    public MetricChoice(List<String> wanted) {
        this.wanted = wanted.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The charted metrics, in the order asked for, among those the history has. */
    public List<Metric> chart(Collection<Metric> available) {
        Set<Metric> chosen = new LinkedHashSet<>();
        if (wanted.isEmpty()) {
            for (List<String> names : DEFAULTS) {
                for (String name : names) {
                    Metric newest = newest(available, name);
                    if (newest != null) {
                        chosen.add(newest);
                        break;
                    }
                }
            }
        } else {
            for (String name : wanted) {
                Metric newest = newest(available, name);
                if (newest != null) {
                    chosen.add(newest);
                }
            }
        }
        return new ArrayList<>(chosen);
    }

    /** Configured names that match no metric in the history, to say so in the log. */
    public List<String> unmatched(Collection<Metric> available) {
        return wanted.stream().filter(name -> available.stream().noneMatch(m -> m.matches(name))).toList();
    }

    private static Metric newest(Collection<Metric> available, String name) {
        return available.stream().filter(m -> m.matches(name)).max(Metric::compareTo).orElse(null);
    }
}
