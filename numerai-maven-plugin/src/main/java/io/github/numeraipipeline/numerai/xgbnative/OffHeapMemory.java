package io.github.numeraipipeline.numerai.xgbnative;

import com.sun.jna.Memory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out native memory for batches and counts what is not freed yet, so that tests can see that every path
 * (success, XGBoost refusing the data, a failing read) gives it all back. Each training run has its own.
 */
public final class OffHeapMemory {
    private final AtomicLong live = new AtomicLong();

    /** Memory of this size; an allocation failure is a clear error, not an OutOfMemoryError from deep inside. */
    Memory allocate(long bytes, String purpose) throws XgbNativeException {
        Memory memory;
        try {
            memory = new Memory(bytes);
        } catch (OutOfMemoryError e) {
            throw new XgbNativeException(String.format(Locale.ROOT, "Cannot allocate %.1f MiB outside the Java heap for"
                    + " %s: this machine is out of memory. Use a larger machine, fewer eras"
                    + " (-Dnumerai.train.eraStep), or train fewer models at once.", bytes / 1048576.0, purpose), e);
        }
        live.addAndGet(bytes);
        return memory;
    }

    void free(Memory memory) {
        if (memory != null) {
            long size = memory.size();
            memory.close();
            live.addAndGet(-size);
        }
    }

    /** Bytes handed out and not freed. */
    public long liveBytes() {
        return live.get();
    }
}
