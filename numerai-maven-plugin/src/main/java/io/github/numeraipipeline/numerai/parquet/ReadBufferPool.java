package io.github.numeraipipeline.numerai.parquet;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The buffers one file's reader reads row groups into, reused from row group to row group. Parquet-MR reads all
 * column chunks of a row group into fresh buffers of {@link #BUFFER_BYTES} (92 MB for a 100,000-row group of 2,376
 * features) and hands them back when the row group is closed. Fresh ones each time are garbage that lives as long
 * as the row group is decoded, which G1 copies at every young collection and answers by growing the heap (to
 * 1.4-2.5 GB on a 500,000-row train file read four times); reused ones stay put. Buffers of other sizes (the
 * footer, a row group's last part) are not kept.
 */
final class ReadBufferPool implements ByteBufferAllocator {
    /** Below half of G1's smallest region (1 MB), so that no buffer is a "humongous" object either. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    @Override
    public synchronized ByteBuffer allocate(int size) {
        if (size == BUFFER_BYTES && !free.isEmpty()) {
            return free.pop().clear();
        }
        return ByteBuffer.allocate(size);
    }

    @Override
    public synchronized void release(ByteBuffer buffer) {
        if (buffer.capacity() == BUFFER_BYTES && !buffer.isDirect() && !buffer.isReadOnly()) {
            free.push(buffer);
        }
    }

    @Override
    public boolean isDirect() {
        return false;
    }
}
