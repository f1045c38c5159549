package io.github.numeraipipeline.numerai.data;

import java.util.ArrayList;
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
