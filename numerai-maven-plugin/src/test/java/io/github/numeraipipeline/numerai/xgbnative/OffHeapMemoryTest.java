package io.github.numeraipipeline.numerai.xgbnative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

class OffHeapMemoryTest {
    @Test
    void countsWhatIsHandedOutUntilItIsFreed() throws Exception {
        OffHeapMemory memory = new OffHeapMemory();

        Memory first = memory.allocate(1000, "a test batch");
        Memory second = memory.allocate(24, "its labels");
        assertEquals(1024, memory.liveBytes());
        memory.free(first);
        memory.free(second);
        memory.free(null);

        assertEquals(0, memory.liveBytes());
    }

    @Test
    void anAllocationTheMachineCannotGiveIsAClearErrorNotAnOutOfMemoryError() {
        OffHeapMemory memory = new OffHeapMemory();

        XgbNativeException thrown = assertThrows(XgbNativeException.class,
                () -> memory.allocate(Long.MAX_VALUE / 2, "a batch of 1 rows x 1 int8 features"));

        assertTrue(thrown.getMessage().startsWith("Cannot allocate"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("a batch of 1 rows"), thrown.getMessage());
        assertEquals(0, memory.liveBytes());
    }
}
