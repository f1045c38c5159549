package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which rows a model learns from or is scored on: those with a target, of every n-th era (Numerai's own examples
 * train on every 4th era, since neighbouring eras overlap in time and add little), and for validation only rows of
 * data type {@code validation} (newer rows have no resolved targets yet).
 */
final class EraSelection {
    static final String VALIDATION = "validation";

    private EraSelection() {
    }

    /**
     * @param eraStep  keep the 1st, (1+n)th, (1+2n)th ... era in era order; 1 keeps all
     * @param dataType keep only rows of this data type when the file has the column; null for any
     * @return frame row indexes, in file order
     */
    static int[] rows(FeatureFrame frame, String target, int eraStep, String dataType) {
        return rows(frame, target, kept(frame.eras(), eraStep), dataType);
    }

    /** The eras {@code eraStep} keeps out of these (with repeats, in any order): for files read in parts. */
    static Set<String> kept(Collection<String> eras, int eraStep) {
        return everyNth(new TreeSet<>(eras.stream().map(FeatureFrame::eraOf).toList()), eraStep);
    }

    /** Rows with a target, of one of the kept eras and of the data type (null for any), in frame order. */
    static int[] rows(FeatureFrame frame, String target, Set<String> keptEras, String dataType) {
        List<String> eras = frame.eras();
        List<String> types = frame.dataTypes();
        float[] targets = frame.target(target);
        int[] rows = new int[frame.rowCount()];
        int count = 0;
        for (int i = 0; i < rows.length; i++) {
            boolean typeOk = dataType == null || types.get(i) == null || dataType.equals(types.get(i));
            if (typeOk && !Float.isNaN(targets[i]) && keptEras.contains(FeatureFrame.eraOf(eras.get(i)))) {
                rows[count++] = i;
            }
        }
        return Arrays.copyOf(rows, count);
    }

    /** "every era", "every 4th era": for logs and reports. */
    static String describe(int eraStep) {
        if (eraStep == 1) {
            return "every era";
        }
        int lastTwo = eraStep % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : switch (eraStep % 10) {
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return "every " + eraStep + suffix + " era";
    }

    private static Set<String> everyNth(TreeSet<String> eras, int step) {
        Set<String> kept = new TreeSet<>();
        int index = 0;
        for (String era : eras) {
            if (index++ % step == 0) {
                kept.add(era);
            }
        }
        return kept;
    }
}
