package io.github.numeraipipeline.numerai.xgbnative;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeHeapTest {
    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS = 3200;

    /**
     * As XGBoost leaves it after a stage of its matrix: many small blocks freed below one still in use, which
     * glibc's malloc keeps resident on its own (it only gives back a free top of the heap).
     */
    @Test
    void trimHandsFreedNativeMemoryBelowALiveBlockBackToTheOs() throws IOException {
        assumeTrue(NativeHeap.available(), "glibc only");
        List<Memory> blocks = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            Memory block = new Memory(BLOCK);
            block.setMemory(0, BLOCK, (byte) 1);
            blocks.add(block);
        }
        Memory last = new Memory(BLOCK);
        last.setMemory(0, BLOCK, (byte) 1);
        blocks.forEach(Memory::close);
        long before = residentKb();

        NativeHeap.trim();

        long returned = before - residentKb();
        assertTrue(returned > BLOCKS / 2 * (BLOCK / 1024), "trim returned only " + returned + " kB of "
                + BLOCKS * (BLOCK / 1024) + " kB freed");
        last.close();
    }

    private static long residentKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }
}
