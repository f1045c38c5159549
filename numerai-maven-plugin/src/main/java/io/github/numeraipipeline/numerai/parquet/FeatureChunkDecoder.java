package io.github.numeraipipeline.numerai.parquet;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of one feature column chunk straight into the frame's {@code byte[]}, a page at a time, for
 * the layouts Numerai-style files use: dictionary or plain INT32/INT64 values, RLE definition levels, data page
 * v1 or v2. A dictionary is checked once against 0..4 and then used as a lookup table. Parquet-MR's
 * {@code ColumnReader} hands out one value per call through several layers, which made it three times slower on
 * a live file. Chunks with other encodings (delta, byte-stream-split, bit-packed levels) are left to it; see
 * {@link #canDecode}.
 *
 * <p>Not thread-safe (scratch arrays are reused): one per thread.
 */
final class FeatureChunkDecoder {
    /**
     * Encodings a chunk may list. BIT_PACKED is there because Parquet-MR lists it for the repetition levels of
     * every non-repeated column, where no level is written at all.
     */
    private static final Set<Encoding> DECODABLE = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);
    private static final byte INVALID = Byte.MIN_VALUE;

    /** Builds the error for a value outside 0..4 at a row of the frame. */
    @FunctionalInterface
    interface OutOfRange {
        DataException at(int row, long value);
    }

    private int[] levels = new int[0];
    private int[] ids = new int[0];

    static boolean canDecode(ColumnChunkMetaData chunk) {
        return DECODABLE.containsAll(chunk.getEncodings());
    }

    /** Decodes all pages of the chunk into {@code values[offset..)}; nulls become {@link FeatureFrame#MISSING}. */
    void decode(PageReader pages, ColumnDescriptor column, byte[] values, int offset, OutOfRange outOfRange)
            throws IOException, DataException {
        boolean int64 = column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
        int maxDefinition = column.getMaxDefinitionLevel();
        Dictionary dictionary = Dictionary.of(pages.readDictionaryPage(), int64);
        int row = offset;
        for (DataPage page = pages.readPage(); page != null; page = pages.readPage()) {
            int count = page.getValueCount();
            levels = grow(levels, count);
            ids = grow(ids, count);
            PageValues encoded = page instanceof DataPageV1 v1
                    ? levelsV1(v1, maxDefinition, count)
                    : levelsV2((DataPageV2) page, maxDefinition, count);
            int defined = definedCount(maxDefinition, count);
            ByteRange bytes = encoded.bytes;
            if (encoded.encoding.usesDictionary()) {
                if (dictionary == null) {
                    throw new ParquetDecodingException("dictionary-encoded page without a dictionary page");
                }
                int bitWidth = bytes.array()[bytes.start()] & 0xFF;
                new HybridRleDecoder(bytes.array(), bytes.start() + 1, bytes.end(), bitWidth).decode(ids, defined);
            } else if (encoded.encoding == Encoding.PLAIN) {
                if (bytes.length() < (long) defined * (int64 ? 8 : 4)) {
                    throw new ParquetDecodingException("plain page shorter than its " + defined + " values");
                }
            } else {
                throw new ParquetDecodingException("unexpected value encoding " + encoded.encoding);
            }
            place(values, row, count, defined < count ? maxDefinition : -1,
                    encoded.encoding.usesDictionary() ? dictionary : null, bytes, int64, outOfRange);
            row += count;
        }
    }

    /**
     * Decodes one feature column chunk of a row group into {@code values[offset..offset + rows)}: with this
     * decoder where the chunk's encodings allow ({@link #canDecode}), else through Parquet-MR's column reader.
     */
    void decodeChunk(PageReadStore group, ColumnChunkMetaData chunk, ColumnDescriptor column,
            ColumnReadStoreImpl readers, byte[] values, int offset, int rows, OutOfRange outOfRange)
            throws IOException, DataException {
        if (canDecode(chunk)) {
            decode(group.getPageReader(column), column, values, offset, outOfRange);
        } else {
            readWithColumnReader(readers.getColumnReader(column), column, values, offset, rows, outOfRange);
        }
    }

    /**
     * The same through Parquet-MR's {@link ColumnReader}, one value a call, for the chunks {@link #canDecode}
     * refuses: {@code rows} values into {@code values[offset..)}.
     */
    static void readWithColumnReader(ColumnReader column, ColumnDescriptor descriptor, byte[] values, int offset,
            int rows, OutOfRange outOfRange) throws DataException {
        int defined = descriptor.getMaxDefinitionLevel();
        boolean int64 = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
        for (int r = offset; r < offset + rows; r++) {
            if (column.getCurrentDefinitionLevel() == defined) {
                long value = int64 ? column.getLong() : column.getInteger();
                if (value < 0 || value > FeatureFrame.MAX_VALUE) {
                    throw outOfRange.at(r, value);
                }
                values[r] = (byte) value;
            } else {
                values[r] = FeatureFrame.MISSING;
            }
            column.consume();
        }
    }

    /** A page's encoded values, once its definition levels are decoded into {@link #levels}. */
    private record PageValues(Encoding encoding, ByteRange bytes) {}

    private PageValues levelsV1(DataPageV1 page, int maxDefinition, int count) throws IOException {
        ByteRange bytes = ByteRange.of(page.getBytes());
        int position = bytes.start();
        if (maxDefinition > 0) {
            if (page.getDlEncoding() != Encoding.RLE) {
                // BIT_PACKED levels: deprecated since Parquet 2.0 and not written by any current writer
                throw new ParquetDecodingException("definition levels encoded as " + page.getDlEncoding()
                        + " (a very old writer) are not supported; re-save the file");
            }
            int length = bytes.intAt(position);
            position += 4;
            new HybridRleDecoder(bytes.array(), position, position + length, bitWidth(maxDefinition))
                    .decode(levels, count);
            position += length;
        }
        return new PageValues(page.getValueEncoding(), new ByteRange(bytes.array(), position, bytes.end()));
    }

    private PageValues levelsV2(DataPageV2 page, int maxDefinition, int count) throws IOException {
        if (maxDefinition > 0) {
            ByteRange levelBytes = ByteRange.of(page.getDefinitionLevels());
            new HybridRleDecoder(levelBytes.array(), levelBytes.start(), levelBytes.end(), bitWidth(maxDefinition))
                    .decode(levels, count);
        }
        return new PageValues(page.getDataEncoding(), ByteRange.of(page.getData()));
    }

    private int definedCount(int maxDefinition, int count) {
        if (maxDefinition == 0) {
            return count;
        }
        int defined = 0;
        for (int i = 0; i < count; i++) {
            if (levels[i] == maxDefinition) {
                defined++;
            }
        }
        return defined;
    }

    /**
     * Writes a page's values to {@code values[row..row+count)}, checking the range.
     *
     * @param definedLevel the level of a non-null value when the page has nulls, -1 when it has none
     * @param dictionary the chunk's dictionary for a dictionary-encoded page ({@link #ids} holds the ids), null
     *     for a plain one
     */
    private void place(byte[] values, int row, int count, int definedLevel, Dictionary dictionary, ByteRange plain,
            boolean int64, OutOfRange outOfRange) throws DataException {
        int next = 0;
        for (int i = 0; i < count; i++) {
            if (definedLevel >= 0 && levels[i] != definedLevel) {
                values[row + i] = FeatureFrame.MISSING;
                continue;
            }
            int index = next++;
            byte value;
            if (dictionary != null) {
                int id = ids[index];
                if (id >= dictionary.lookup.length) {
                    throw new ParquetDecodingException("dictionary id " + id + " outside the dictionary");
                }
                value = dictionary.lookup[id];
            } else {
                value = featureByte(int64 ? plain.longAt(plain.start() + 8 * index)
                        : plain.intAt(plain.start() + 4 * index));
            }
            if (value == INVALID) {
                long raw = dictionary != null ? dictionary.raw[ids[index]]
                        : int64 ? plain.longAt(plain.start() + 8 * index) : plain.intAt(plain.start() + 4 * index);
                throw outOfRange.at(row + i, raw);
            }
            values[row + i] = value;
        }
    }

    private static byte featureByte(long value) {
        return value >= 0 && value <= FeatureFrame.MAX_VALUE ? (byte) value : INVALID;
    }

    /** A dictionary page's values and, for each id, the feature byte (INVALID when outside 0..4). */
    private record Dictionary(byte[] lookup, long[] raw) {
        static Dictionary of(DictionaryPage page, boolean int64) throws IOException {
            if (page == null) {
                return null;
            }
            ByteRange bytes = ByteRange.of(page.getBytes());
            int size = page.getDictionarySize();
            if (bytes.length() < (long) size * (int64 ? 8 : 4)) {
                throw new ParquetDecodingException("dictionary page shorter than its " + size + " values");
            }
            byte[] lookup = new byte[size];
            long[] raw = new long[size];
            for (int i = 0; i < size; i++) {
                raw[i] = int64 ? bytes.longAt(bytes.start() + 8 * i) : bytes.intAt(bytes.start() + 4 * i);
                lookup[i] = featureByte(raw[i]);
            }
            return new Dictionary(lookup, raw);
        }
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    private static int[] grow(int[] array, int size) {
        return array.length >= size ? array : new int[size];
    }
}
