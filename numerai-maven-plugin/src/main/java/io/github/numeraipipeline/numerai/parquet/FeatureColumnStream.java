package io.github.numeraipipeline.numerai.parquet;

import io.github.numeraipipeline.numerai.data.DataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.MessageType;

/**
 * A file's feature columns, one row group at a time and in any order, each column handed to a {@link Sink} as soon
 * as it is decoded, only the rows asked for: the int8 training stream reads the same row groups once per pass of
 * XGBoost, and a row group of the full v5 shape is 119 MB of values a 50,000-row group. Nothing of a row group's
 * size is allocated here: each decoding thread has one array of the largest row group's rows, reused. Values and
 * checks are those of {@link ParquetFrameReader#read}; an out-of-range value names its row group and row.
 *
 * <p>Not thread-safe; close it to release the file and its threads.
 */
public final class FeatureColumnStream implements AutoCloseable {
    /** Takes decoded columns; called from several threads at once, each column of a row group once. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param feature index in the feature names the stream was opened with
         * @param values  the column's values of the rows asked for, in row order: {@code values[0..rows)}; the
         *                array is reused as soon as this returns
         */
        void column(int feature, byte[] values, int rows);
    }

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** A few slices a thread, so that a slow column chunk does not leave a core idle at the end of a row group. */
    private static final int SLICES = 4 * THREADS;

    private final Path file;
    private final ParquetFileReader reader;
    private final FrameSchema schema;
    /** The feature columns alone: Parquet-MR reads every requested column chunk of a row group. */
    private final MessageType requested;
    private final String createdBy;
    /** Indexes into the reader's row groups of those with rows (Parquet-MR's own loop skips empty ones). */
    private final int[] blockIndexes;
    private final List<BlockMetaData> blocks;
    private final ExecutorService threads;
    private final FeatureChunkDecoder[] decoders = new FeatureChunkDecoder[SLICES];
    private final byte[][] decoded = new byte[SLICES][];
    private final byte[][] chosen = new byte[SLICES][];

    private FeatureColumnStream(Path file, ParquetFileReader reader, FrameSchema schema, MessageType requested) {
        this.file = file;
        this.reader = reader;
        this.schema = schema;
        this.requested = requested;
        this.createdBy = reader.getFileMetaData().getCreatedBy();
        List<BlockMetaData> all = reader.getRowGroups();
        this.blockIndexes = IntStream.range(0, all.size())
                .filter(i -> all.get(i).getRowCount() > 0).toArray();
        this.blocks = all;
        int largest = 0;
        for (int index : blockIndexes) {
            largest = Math.max(largest, (int) all.get(index).getRowCount());
        }
        for (int s = 0; s < SLICES; s++) {
            decoders[s] = new FeatureChunkDecoder();
            decoded[s] = new byte[largest];
            chosen[s] = new byte[largest];
        }
        this.threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "parquet-feature-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the file and checks its schema for these features (the file's other columns are not read).
     *
     * @throws DataException as {@link ParquetFrameReader#read} would for these features
     */
    public static FeatureColumnStream open(Path file, List<String> featureNames) throws DataException {
        ParquetFileReader reader = ParquetFrameReader.open(file);
        try {
            FrameSchema schema = FrameSchema.check(file, reader.getFileMetaData().getSchema(), featureNames,
                    List.of());
            ParquetFrameReader.requireSupportedCompression(file, reader);
            MessageType fileSchema = reader.getFileMetaData().getSchema();
            MessageType requested = new MessageType(fileSchema.getName(),
                    featureNames.stream().map(fileSchema::getType).toList());
            reader.setRequestedSchema(requested);
            return new FeatureColumnStream(file, reader, schema, requested);
        } catch (DataException | RuntimeException e) {
            try {
                reader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof DataException data ? data : ParquetFrameReader.corrupt(file, e);
        }
    }

    /** Row groups with rows, in file order: what {@link #read} counts. */
    public int rowGroups() {
        return blockIndexes.length;
    }

    /** Rows of a row group, {@code 0 <= group < rowGroups()}. */
    public int rows(int group) {
        return (int) blocks.get(blockIndexes[group]).getRowCount();
    }

    /**
     * Decodes row group {@code group}'s features into {@code sink}, column by column on all cores.
     *
     * @param rows the rows of the group to keep, ascending, or null for all
     */
    public void read(int group, int[] rows, Sink sink) throws DataException {
        int blockIndex = blockIndexes[group];
        try (PageReadStore pages = reader.readRowGroup(blockIndex)) {
            Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
            blocks.get(blockIndex).getColumns().forEach(chunk -> chunks.put(chunk.getPath(), chunk));
            int groupRows = (int) pages.getRowCount();
            int features = schema.features.length;
            int sliceSize = Math.max(1, (features + SLICES - 1) / SLICES);
            List<Future<Void>> slices = new ArrayList<>();
            for (int s = 0, from = 0; from < features; s++, from += sliceSize) {
                int slice = s;
                int first = from;
                int last = Math.min(features, from + sliceSize);
                slices.add(threads.submit(() -> decodeSlice(group, pages, chunks, slice, first, last, groupRows,
                        rows, sink)));
            }
            for (Future<Void> slice : slices) {
                ParquetFrameReader.awaitSlice(slice);
            }
        } catch (IOException | RuntimeException e) {
            throw ParquetFrameReader.corrupt(file, e);
        }
    }

    private Void decodeSlice(int group, PageReadStore pages, Map<ColumnPath, ColumnChunkMetaData> chunks,
            int slice, int first, int last, int groupRows, int[] rows, Sink sink) throws DataException, IOException {
        byte[] values = decoded[slice];
        byte[] kept = chosen[slice];
        ColumnReadStoreImpl readers = new ColumnReadStoreImpl(pages, ParquetFrameReader.UNUSED_CONVERTER, requested,
                createdBy);
        for (int f = first; f < last; f++) {
            ColumnDescriptor column = schema.features[f];
            FeatureChunkDecoder.OutOfRange outOfRange = (row, value) -> new DataException(file + ": feature "
                    + column.getPath()[0] + " has value " + value + " in row " + row + " of row group " + group
                    + " (counting from 0); features must be integers 0..4. The file is not a Numerai v5 dataset or"
                    + " is corrupt.");
            decoders[slice].decodeChunk(pages, chunks.get(ColumnPath.get(column.getPath())), column, readers, values,
                    0, groupRows, outOfRange);
            if (rows == null) {
                sink.column(f, values, groupRows);
            } else {
                for (int i = 0; i < rows.length; i++) {
                    kept[i] = values[rows[i]];
                }
                sink.column(f, kept, rows.length);
            }
        }
        return null;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            reader.close();
        } catch (IOException e) {
            // the file was only read
        }
    }
}
