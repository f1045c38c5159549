package io.github.numeraipipeline.numerai.sandbox.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes feature names shaped like Numerai's ({@code feature_<word>_<word>_<word>}, e.g.
 * {@code feature_antistrophic_striate_conscriptionist}) from pronounceable made-up words, so that nobody takes a
 * synthetic column for a real one.
 */
final class FeatureNameGenerator {
    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v",
        "br", "ch", "cr", "dr", "gr", "pl", "pr", "sc", "sh", "st", "th", "tr"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ou", "ea", "io"};
    private static final String[] CODAS = {"", "", "", "n", "s", "r", "l", "t", "nt", "st", "x", "m", "ic", "al"};

    private static final String REAL_SMALL_SET = "v5-small-features.txt";

    private FeatureNameGenerator() {}

    /** {@code count} distinct names, the same for the same random state. */
    static List<String> names(int count, SplittableRandom random) {
        List<String> names = new ArrayList<>(count);
        Set<String> seen = new HashSet<>(count * 2);
        while (names.size() < count) {
            String name = "feature_" + word(random) + "_" + word(random) + "_" + word(random);
            if (seen.add(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The names with those at {@code smallSet} (indexes) replaced by the real names of v5's small set, in index
     * order, so that the small set in file order is the real list in its (sorted) order.
     */
    static List<String> withRealSmallSet(List<String> names, int[] smallSet) {
        List<String> real = realSmallSet();
        int[] indexes = smallSet.clone();
        Arrays.sort(indexes);
        List<String> renamed = new ArrayList<>(names);
        for (int i = 0; i < indexes.length && i < real.size(); i++) {
            renamed.set(indexes[i], real.get(i));
        }
        if (new HashSet<>(renamed).size() != renamed.size()) {
            throw new IllegalStateException("a made-up feature name equals a real one; change the seed");
        }
        return renamed;
    }

    /** v5's small set (42 names, sorted), from {@value #REAL_SMALL_SET}. */
    static List<String> realSmallSet() {
        try (InputStream in = FeatureNameGenerator.class.getResourceAsStream(REAL_SMALL_SET)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + REAL_SMALL_SET);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String word(SplittableRandom random) {
        StringBuilder word = new StringBuilder();
        int syllables = 2 + random.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            word.append(pick(ONSETS, random)).append(pick(VOWELS, random));
        }
        return word.append(pick(CODAS, random)).toString();
    }

    private static String pick(String[] choices, SplittableRandom random) {
        return choices[random.nextInt(choices.length)];
    }
}
