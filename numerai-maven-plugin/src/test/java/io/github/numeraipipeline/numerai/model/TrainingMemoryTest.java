package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingMemoryTest {
    private static final long MIB = 1L << 20;

    @Test
    void aFeatureColumnOfHalfARegionOrMoreTakesWholeG1Regions() {
        // the full v5 shape: 2.75 MB a column, in 4 MB regions (what -Xmx7600m ran out of although 6.8 GB fit)
        long rows = 2_755_200;
        assertEquals(2376 * 4 * MIB + rows * TrainingMemory.HEAP_BYTES_PER_ROW,
                TrainingMemory.heapNeeded(rows, 2376, 4 * MIB));
        assertTrue(TrainingMemory.heapNeeded(rows, 2376, 4 * MIB) > 7600 * MIB);
        // in 32 MB regions the column is under half a region: its own size
        assertEquals(rows * (2376 + TrainingMemory.HEAP_BYTES_PER_ROW), TrainingMemory.heapNeeded(rows, 2376, 32 * MIB));
        // just at half a region it is humongous already; no G1, no rounding
        assertEquals(3 * 4 * MIB + 2 * MIB * TrainingMemory.HEAP_BYTES_PER_ROW,
                TrainingMemory.heapNeeded(2 * MIB, 3, 4 * MIB));
        assertEquals(2 * MIB * (3 + TrainingMemory.HEAP_BYTES_PER_ROW), TrainingMemory.heapNeeded(2 * MIB, 3, 0));
    }

    @Test
    void theInt8StreamNeedsOneRowGroupOnTheHeapNotTheFile() throws Exception {
        long gib = 1L << 30;
        // 2.75 M rows in 50,000-row groups with the default heap of a 24 GiB machine: fits, on disk and in memory
        TrainingMemory.checkInt8("xgbfull", 2_755_200, 50_000, 2376, true, 6 * gib, 24 * gib);
        TrainingMemory.checkInt8("xgbfull", 2_755_200, 50_000, 2376, false, 6 * gib, 24 * gib);
        // a heap smaller than one row group's bytes is refused with the fix
        ModelException heap = assertThrows(ModelException.class,
                () -> TrainingMemory.checkInt8("xgbfull", 2_755_200, 500_000, 2376, true, gib, 24 * gib));
        assertTrue(heap.getMessage().contains("MAVEN_OPTS=-Xmx"), heap.getMessage());
    }
}
