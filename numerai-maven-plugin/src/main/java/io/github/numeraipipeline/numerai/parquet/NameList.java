package io.github.numeraipipeline.numerai.parquet;

import java.util.Collection;
import java.util.stream.Collectors;

/** Names for error messages: a few are enough to recognise the problem; thousands would bury it. */
final class NameList {
    private static final int SHOWN = 5;

    private NameList() {}

    /** "a, b, c" or "a, b, c, d, e and 12 more (17 in all)". */
    static String summarize(Collection<String> names) {
        String shown = names.stream().limit(SHOWN).collect(Collectors.joining(", "));
        return names.size() <= SHOWN
                ? shown
                : shown + " and " + (names.size() - SHOWN) + " more (" + names.size() + " in all)";
    }
}
