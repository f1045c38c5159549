package io.github.numeraipipeline.numerai.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HybridRleDecoderTest {

    /** Random values (bit-packed runs) with long repeats (RLE runs) and a tail that is not a multiple of 8. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 10, 17, 32})
    void decodesWhatParquetMrsEncoderWrites(int bitWidth) throws Exception {
        SplittableRandom random = new SplittableRandom(bitWidth);
        int[] expected = new int[1003];
        long bound = 1L << bitWidth;
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i >= 300 && i < 500 ? 1 : (int) random.nextLong(bound);
        }
        RunLengthBitPackingHybridEncoder encoder =
                new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 16, HeapByteBufferAllocator.getInstance());
        for (int value : expected) {
            encoder.writeInt(value);
        }
        byte[] bytes = encoder.toBytes().toByteArray();

        int[] actual = new int[expected.length + 5];
        new HybridRleDecoder(bytes, 0, bytes.length, bitWidth).decode(actual, expected.length);

        assertArrayEquals(expected, Arrays.copyOf(actual, expected.length));
    }
}
