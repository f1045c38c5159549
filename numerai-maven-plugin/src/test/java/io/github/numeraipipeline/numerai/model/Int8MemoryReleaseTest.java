package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training again and again on the int8 stream gives every native byte back: the batch buffers (counted exactly),
 * the page folders of the disk matrix, and whatever XGBoost allocates while building and training (seen in the
 * resident memory of a JVM whose heap is touched in full from the start, where keeping one 16 MB matrix a round
 * would show as 80 MB over the last five rounds). A matrix the code forgets to dispose of is still freed by
 * XGBoost4J's finalizer at some GC, so the growth check guards native memory that no Java object owns.
 */
class Int8MemoryReleaseTest {
    private static final List<String> FIXED_TOUCHED_HEAP = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
    /**
     * One malloc arena: with one per thread (glibc's default), memory XGBoost's threads free stays in their arenas
     * and comes back tens of MiB at a time, so the resident size jumps up and down by more than the limit below
     * from round to round without any leak. A leak grows the same with one arena.
     */
    private static final Map<String, String> ONE_MALLOC_ARENA = Map.of("MALLOC_ARENA_MAX", "1");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void trainingRepeatedlyOnTheInt8StreamDoesNotGrowTheProcess(String matrix) throws Exception {
        Map<String, String> after = ModelFixtures.runInAnotherJvm(Int8TrainingRounds.class, FIXED_TOUCHED_HEAP,
                ONE_MALLOC_ARENA, List.of("growth-bytes", "off-heap-left", "page-folders-left"), dir.toString(), matrix);

        long grown = Long.parseLong(after.get("growth-bytes"));
        // leaking one matrix a training would be 80 MiB here
        assertTrue(grown < 16L << 20, "resident memory grew past the warm-up's peak by " + (grown >> 20) + " MiB over "
                + (Int8TrainingRounds.ROUNDS - Int8TrainingRounds.WARM_UP) + " trainings");
        assertEquals("0", after.get("off-heap-left"), "batch buffers freed once each matrix is built");
        assertEquals("0", after.get("page-folders-left"), "page folders deleted with their matrices");
    }
}
