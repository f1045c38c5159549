package io.github.numeraipipeline.numerai.parquet;

import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (definition levels, dictionary ids) a whole page at a time
 * into an int array. Parquet-MR's decoder hands out one value per call, which dominated reading a feature file.
 *
 * <p>Format: runs, each with a ULEB128 header; an even header is a repeated run of {@code header >> 1} copies of
 * one value stored in {@code ceil(bitWidth / 8)} little-endian bytes; an odd header is {@code header >> 1} groups
 * of 8 values bit-packed least significant bit first.
 */
final class HybridRleDecoder {
    private final byte[] bytes;
    private int position;
    private final int end;
    private final int bitWidth;

    HybridRleDecoder(byte[] bytes, int position, int end, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new ParquetDecodingException("bit width " + bitWidth + " is out of range 0..32");
        }
        this.bytes = bytes;
        this.position = position;
        this.end = end;
        this.bitWidth = bitWidth;
    }

    /** Fills {@code values[0..count)}. */
    void decode(int[] values, int count) {
        if (bitWidth == 0) {
            Arrays.fill(values, 0, count, 0);
            return;
        }
        int filled = 0;
        while (filled < count) {
            int header = readUnsignedVarInt();
            if ((header & 1) == 0) {
                int run = Math.min(header >>> 1, count - filled);
                int value = readRepeatedValue();
                Arrays.fill(values, filled, filled + run, value);
                filled += run;
            } else {
                filled = unpack(values, filled, count, (header >>> 1) * 8);
            }
        }
    }

    private int unpack(int[] values, int filled, int count, int packed) {
        int groupBytes = packed / 8 * bitWidth;
        if (position + groupBytes > end) {
            throw new ParquetDecodingException("bit-packed run runs past the end of the page");
        }
        int take = Math.min(packed, count - filled);
        if (bitWidth <= 8) {
            unpackNarrow(values, filled, take);
        } else {
            unpackWide(values, filled, take);
        }
        position += groupBytes;
        return filled + take;
    }

    /** Up to 8 bits per value (feature ids need 3): a group of 8 values fits in one long. */
    private void unpackNarrow(int[] values, int filled, int take) {
        int mask = (1 << bitWidth) - 1;
        int read = position;
        for (int done = 0; done < take; done += 8) {
            long group = 0;
            for (int b = 0; b < bitWidth; b++) {
                group |= (bytes[read++] & 0xFFL) << (8 * b);
            }
            int inGroup = Math.min(8, take - done);
            for (int k = 0; k < inGroup; k++) {
                values[filled + done + k] = (int) (group >>> (k * bitWidth)) & mask;
            }
        }
    }

    private void unpackWide(int[] values, int filled, int take) {
        long mask = (1L << bitWidth) - 1;
        long buffer = 0;
        int bits = 0;
        int read = position;
        for (int i = 0; i < take; i++) {
            while (bits < bitWidth) {
                buffer |= (bytes[read++] & 0xFFL) << bits;
                bits += 8;
            }
            values[filled + i] = (int) (buffer & mask);
            buffer >>>= bitWidth;
            bits -= bitWidth;
        }
    }

    private int readRepeatedValue() {
        int width = (bitWidth + 7) / 8;
        if (position + width > end) {
            throw new ParquetDecodingException("repeated run runs past the end of the page");
        }
        int value = 0;
        for (int i = 0; i < width; i++) {
            value |= (bytes[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    private int readUnsignedVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position >= end) {
                throw new ParquetDecodingException("run header runs past the end of the page");
            }
            int b = bytes[position++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ParquetDecodingException("run header is longer than 5 bytes");
    }
}
