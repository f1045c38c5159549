package io.github.numeraipipeline.numerai.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;

/** Bytes {@code [start, end)} of an array: a heap buffer's backing array without a copy (a direct one copied). */
record ByteRange(byte[] array, int start, int end) {

    static ByteRange of(BytesInput input) throws IOException {
        return of(input.toByteBuffer());
    }

    static ByteRange of(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + buffer.position();
            return new ByteRange(buffer.array(), start, start + buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return new ByteRange(copy, 0, copy.length);
    }

    int length() {
        return end - start;
    }

    /** Little-endian int at {@code position} (absolute index into the array). */
    int intAt(int position) {
        return (array[position] & 0xFF) | (array[position + 1] & 0xFF) << 8 | (array[position + 2] & 0xFF) << 16
                | (array[position + 3] & 0xFF) << 24;
    }

    /** Little-endian long at {@code position} (absolute index into the array). */
    long longAt(int position) {
        return (intAt(position) & 0xFFFFFFFFL) | (long) intAt(position + 4) << 32;
    }
}
