package io.github.numeraipipeline.numerai.parquet;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DataIoException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads the columns a model needs from a Numerai dataset file into a {@link FeatureFrame}: {@code id},
 * {@code era} and {@code data_type} (those two when present), the chosen features and targets, nothing else.
 *
 * <p>It works on Parquet-MR's column level, never assembling a record per row (the record API was three times
 * slower on a live file): feature chunks are decoded a page at a time by {@link FeatureChunkDecoder}, on all
 * cores, and the few other columns (and feature chunks of unusual encodings) through {@link ColumnReader}, values
 * straight into primitive arrays. Accepted: features as INT32 or INT64, with or without an INT(8) annotation,
 * plain, dictionary or delta encoded, data page v1 or v2, uncompressed/snappy/gzip/zstd, any number of row
 * groups, nulls ({@link FeatureFrame#MISSING}); targets as FLOAT or DOUBLE, null as NaN.
 *
 * <p>Everything wrong with the file is a {@link DataException} naming the file and the fix: not Parquet, empty or
 * truncated, no id column, null or duplicate ids, missing or non-integer features, feature values outside 0..4,
 * missing targets.
 */
public final class ParquetFrameReader {
    public static final String ID = "id";
    public static final String ERA = "era";
    public static final String DATA_TYPE = "data_type";

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Magic, footer length, magic: the smallest a Parquet file can be. */
    private static final int MIN_FILE_SIZE = 2 * MAGIC.length + 4;
    /** Feature chunks decode independently; a file's columns are split into this many slices per row group. */
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final int SLICES = 4 * THREADS;
    private static final ThreadFactory DAEMON_THREADS = task -> {
        Thread thread = new Thread(task, "parquet-frame-reader");
        thread.setDaemon(true);
        return thread;
    };
    /** The column API pulls values itself; converters are required by the API but never called. */
    static final GroupConverter UNUSED_CONVERTER = new UnusedConverter();

    /**
     * Reads {@code id}, {@code era}, {@code data_type}, the given features (in this order) and targets.
     *
     * @throws DataException when the file is not a usable Numerai dataset; the message names the file and the fix
     */
    public FeatureFrame read(Path file, List<String> featureNames, List<String> targetNames) throws DataException {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, DAEMON_THREADS);
        try (ParquetFileReader reader = open(file)) {
            FrameSchema schema = FrameSchema.check(
                    file, reader.getFileMetaData().getSchema(), featureNames, targetNames);
            requireSupportedCompression(file, reader);
            reader.setRequestedSchema(schema.requested);
            long rowCount = reader.getRecordCount();
            if (rowCount > Integer.MAX_VALUE) {
                throw new DataException(file + " has " + rowCount + " rows, more than one frame holds ("
                        + Integer.MAX_VALUE + "); read a smaller file.");
            }
            FrameColumns columns = new FrameColumns(file, schema, (int) rowCount, reader.getFileMetaData());
            int offset = 0;
            // readNextRowGroup skips empty row groups
            List<BlockMetaData> blocks =
                    reader.getRowGroups().stream().filter(block -> block.getRowCount() > 0).toList();
            for (BlockMetaData block : blocks) {
                // closing a row group hands its buffers back to the reader's pool for the next one
                try (PageReadStore group = reader.readNextRowGroup()) {
                    columns.readRowGroup(group, block, offset, threads);
                    offset += (int) group.getRowCount();
                }
            }
            return columns.frame(featureNames, targetNames);
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Opens the file to read it one row group at a time, each row group a frame of its own, so that a file larger
     * than the heap can be streamed (the int8 training path). The columns and checks are those of {@link #read};
     * ids are checked for uniqueness within each row group only.
     */
    public RowGroups rowGroups(Path file, List<String> featureNames, List<String> targetNames)
            throws DataException {
        ParquetFileReader reader = open(file);
        try {
            FrameSchema schema = FrameSchema.check(
                    file, reader.getFileMetaData().getSchema(), featureNames, targetNames);
            requireSupportedCompression(file, reader);
            reader.setRequestedSchema(schema.requested);
            return new RowGroups(file, reader, schema, featureNames, targetNames);
        } catch (DataException | RuntimeException e) {
            closeQuietly(reader, e);
            throw e instanceof DataException data ? data : corrupt(file, e);
        }
    }

    /** The row groups of one file, in file order; not thread-safe. Close it to release the file and threads. */
    public static final class RowGroups implements AutoCloseable {
        private final Path file;
        private final ParquetFileReader reader;
        private final FrameSchema schema;
        private final List<String> featureNames;
        private final List<String> targetNames;
        private final List<BlockMetaData> blocks;
        private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, DAEMON_THREADS);
        private int next;

        private RowGroups(Path file, ParquetFileReader reader, FrameSchema schema, List<String> featureNames,
                List<String> targetNames) {
            this.file = file;
            this.reader = reader;
            this.schema = schema;
            this.featureNames = featureNames;
            this.targetNames = targetNames;
            // readNextRowGroup skips empty row groups
            this.blocks = reader.getRowGroups().stream().filter(block -> block.getRowCount() > 0).toList();
        }

        /** The next row group as a frame, or null after the last. */
        public FeatureFrame next() throws DataException {
            if (next == blocks.size()) {
                return null;
            }
            try {
                BlockMetaData block = blocks.get(next++);
                try (PageReadStore group = reader.readNextRowGroup()) {
                    FrameColumns columns = new FrameColumns(file, schema, (int) group.getRowCount(),
                            reader.getFileMetaData());
                    columns.readRowGroup(group, block, 0, threads);
                    return columns.frame(featureNames, targetNames);
                }
            } catch (IOException | RuntimeException e) {
                throw corrupt(file, e);
            }
        }

        @Override
        public void close() {
            threads.shutdownNow();
            closeQuietly(reader, null);
        }
    }

    static DataException corrupt(Path file, Exception e) {
        return new DataException(file + " is corrupt: " + e.getMessage() + ". Delete it and download it again.", e);
    }

    private static void closeQuietly(ParquetFileReader reader, Exception pending) {
        try {
            reader.close();
        } catch (IOException e) {
            if (pending != null) {
                pending.addSuppressed(e);
            }
        }
    }

    /** The top-level column names of a Parquet file, from its footer (no rows are read). */
    public static List<String> columnNames(Path file) throws DataException {
        try (ParquetFileReader reader = open(file)) {
            return FrameSchema.columnNames(reader.getFileMetaData().getSchema());
        } catch (IOException e) {
            throw new DataIoException("Could not read " + file + ": " + e, e);
        }
    }

    /**
     * Checks that every feature of the named set of {@code sets} is a column of {@code parquetFile}, without reading its rows;
     * the error lists the missing features.
     */
    public static void requireFeaturesIn(FeatureSets sets, String setName, Path parquetFile) throws DataException {
        Set<String> columns = new LinkedHashSet<>(columnNames(parquetFile));
        List<String> missing = new ArrayList<>();
        for (String feature : sets.featureSet(setName)) {
            if (!columns.contains(feature)) {
                missing.add(feature);
            }
        }
        if (!missing.isEmpty()) {
            throw missingFeatures(parquetFile, missing);
        }
    }

    /** The number of rows of a Parquet file, from its footer (no rows are read). */
    public static long rowCount(Path file) throws DataException {
        try (ParquetFileReader reader = open(file)) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new DataIoException("Could not read " + file + ": " + e, e);
        }
    }

    static DataException missingFeatures(Path file, List<String> missing) {
        return new DataException(file + " lacks " + missing.size() + " feature" + (missing.size() == 1 ? "" : "s")
                + " of the chosen feature set: " + NameList.summarize(missing) + ". Use features.json and data of"
                + " the same dataset version (the model's dataVersion), or choose a feature set this file has.");
    }

    /**
     * Checks the Parquet magic at both ends before Parquet-MR sees the file, whose own errors ("not a Parquet
     * file (length is too low: 0)") do not say what to do.
     */
    static ParquetFileReader open(Path file) throws DataException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new DataException(file + " is empty (0 bytes), not a Parquet file; delete it and download"
                        + " it again.");
            }
            if (!hasMagicAt(channel, 0)) {
                throw new DataException(file + " is not a Parquet file (it does not start with PAR1); check the"
                        + " path, or delete it and download it again.");
            }
            if (size < MIN_FILE_SIZE || !hasMagicAt(channel, size - MAGIC.length)) {
                throw new DataException(file + " is truncated (" + size + " bytes, no Parquet footer at the end),"
                        + " probably an interrupted download; delete it and download it again.");
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + " does not exist; download the dataset first or fix the path.", e);
        } catch (IOException e) {
            throw new DataIoException("Could not read " + file + ": " + e, e);
        }
        try {
            return ParquetFileReader.open(new LocalInputFile(file),
                    ParquetReadOptions.builder(new PlainParquetConfiguration())
                            .withCodecFactory(PageCodecs.INSTANCE)
                            .withAllocator(new ReadBufferPool())
                            .withMaxAllocationInBytes(ReadBufferPool.BUFFER_BYTES)
                            .build());
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + " has an unreadable Parquet footer (" + e.getMessage()
                    + "); it is corrupt or truncated. Delete it and download it again.", e);
        }
    }

    static void requireSupportedCompression(Path file, ParquetFileReader reader) throws DataException {
        for (BlockMetaData block : reader.getRowGroups()) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                if (!PageCodecs.SUPPORTED.contains(column.getCodec())) {
                    throw new DataException(file + ": column " + column.getPath().toDotString() + " is compressed with "
                            + column.getCodec() + ", which this reader does not support (it reads "
                            + PageCodecs.SUPPORTED + "); Numerai's files use SNAPPY. Re-save the file with one of those.");
                }
            }
        }
    }

    private static boolean hasMagicAt(FileChannel channel, long position) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length);
        while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) > 0) {
            // read until full or end of file
        }
        return Arrays.equals(bytes.array(), MAGIC) && !bytes.hasRemaining();
    }

    /** The arrays of the frame being read, filled row group by row group. */
    private static final class FrameColumns {
        private final Path file;
        private final FrameSchema schema;
        /** Tells Parquet-MR which writer bugs to work around when it decodes. */
        private final String createdBy;
        private final String[] ids;
        private final String[] eras;
        private final String[] dataTypes;
        private final byte[][] features;
        private final float[][] targets;
        /** Eras and data types repeat: one String per distinct value instead of one per row. */
        private final Map<Binary, String> repeatedStrings = new HashMap<>();

        FrameColumns(Path file, FrameSchema schema, int rowCount, FileMetaData metadata) {
            this.file = file;
            this.schema = schema;
            this.createdBy = metadata.getCreatedBy();
            this.ids = new String[rowCount];
            this.eras = new String[rowCount];
            this.dataTypes = new String[rowCount];
            this.features = new byte[schema.features.length][rowCount];
            this.targets = new float[schema.targets.length][rowCount];
        }

        /**
         * Ids, eras and data types first (an out-of-range feature value is reported with its row's id), then the
         * features, whose chunks are independent, split across threads, then the targets.
         */
        void readRowGroup(PageReadStore group, BlockMetaData block, int offset, ExecutorService threads)
                throws DataException, IOException {
            int rows = (int) group.getRowCount();
            ColumnReadStoreImpl store = columnReaders(group);
            readIds(store.getColumnReader(schema.id), offset, rows);
            if (schema.era != null) {
                readRepeatedStrings(store.getColumnReader(schema.era), schema.era, eras, offset, rows);
            }
            if (schema.dataType != null) {
                readRepeatedStrings(store.getColumnReader(schema.dataType), schema.dataType, dataTypes, offset, rows);
            }
            Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
            block.getColumns().forEach(chunk -> chunks.put(chunk.getPath(), chunk));
            List<Future<Void>> slices = new ArrayList<>();
            int sliceSize = Math.max(1, (features.length + SLICES - 1) / SLICES);
            for (int from = 0; from < features.length; from += sliceSize) {
                int first = from;
                int last = Math.min(features.length, from + sliceSize);
                slices.add(threads.submit(() -> readFeatures(group, chunks, first, last, offset, rows)));
            }
            for (Future<Void> slice : slices) {
                awaitSlice(slice);
            }
            for (int t = 0; t < targets.length; t++) {
                readTarget(store.getColumnReader(schema.targets[t]), schema.targets[t], targets[t], offset, rows);
            }
        }

        private Void readFeatures(PageReadStore group, Map<ColumnPath, ColumnChunkMetaData> chunks, int first,
                int last, int offset, int rows) throws DataException, IOException {
            FeatureChunkDecoder decoder = new FeatureChunkDecoder();
            ColumnReadStoreImpl store = columnReaders(group);
            for (int f = first; f < last; f++) {
                ColumnDescriptor column = schema.features[f];
                decoder.decodeChunk(group, chunks.get(ColumnPath.get(column.getPath())), column, store, features[f],
                        offset, rows, (row, value) -> outOfRange(column, row, value));
            }
            return null;
        }

        private ColumnReadStoreImpl columnReaders(PageReadStore group) {
            return new ColumnReadStoreImpl(group, UNUSED_CONVERTER, schema.requested, createdBy);
        }

        FeatureFrame frame(List<String> featureNames, List<String> targetNames) throws DataException {
            requireUniqueIds();
            return new FeatureFrame(ids, eras, dataTypes, featureNames, features, targetNames, targets);
        }

        private void readIds(ColumnReader column, int offset, int rows) throws DataException {
            int defined = schema.id.getMaxDefinitionLevel();
            for (int r = offset; r < offset + rows; r++) {
                if (column.getCurrentDefinitionLevel() != defined) {
                    throw new DataException(file + " has a row without id (row " + r + ", counting from 0); every"
                            + " row of a Numerai dataset has one. Delete the file and download it again.");
                }
                ids[r] = column.getBinary().toStringUsingUTF8();
                column.consume();
            }
        }

        private void readRepeatedStrings(ColumnReader column, ColumnDescriptor descriptor, String[] values,
                int offset, int rows) {
            int defined = descriptor.getMaxDefinitionLevel();
            for (int r = offset; r < offset + rows; r++) {
                if (column.getCurrentDefinitionLevel() == defined) {
                    Binary value = column.getBinary();
                    String known = repeatedStrings.get(value);
                    if (known == null) {
                        known = value.toStringUsingUTF8();
                        repeatedStrings.put(value.copy(), known);
                    }
                    values[r] = known;
                }
                column.consume();
            }
        }

        private DataException outOfRange(ColumnDescriptor column, int row, long value) {
            return new DataException(file + ": feature " + column.getPath()[0] + " has value " + value + " in row "
                    + row + " (id " + ids[row] + "); features must be integers 0..4. The file is not a Numerai v5"
                    + " dataset or is corrupt.");
        }

        private static void readTarget(ColumnReader column, ColumnDescriptor descriptor, float[] values, int offset,
                int rows) {
            int defined = descriptor.getMaxDefinitionLevel();
            boolean isDouble = descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE;
            for (int r = offset; r < offset + rows; r++) {
                if (column.getCurrentDefinitionLevel() == defined) {
                    values[r] = isDouble ? (float) column.getDouble() : column.getFloat();
                } else {
                    values[r] = Float.NaN;
                }
                column.consume();
            }
        }

        private void requireUniqueIds() throws DataException {
            Map<String, Integer> firstRow = new HashMap<>(ids.length * 4 / 3 + 1);
            for (int r = 0; r < ids.length; r++) {
                Integer earlier = firstRow.putIfAbsent(ids[r], r);
                if (earlier != null) {
                    throw new DataException(file + " has id " + ids[r] + " twice (rows " + earlier + " and " + r
                            + ", counting from 0); ids must be unique. Delete the file and download it again.");
                }
            }
        }
    }

    /** Waits for a slice of feature columns, passing its failure on as it was thrown. */
    static void awaitSlice(Future<Void> slice) throws DataException, IOException {
        try {
            slice.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataIoException("Interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DataException data) {
                throw data;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
    }

    /** Satisfies {@link ColumnReadStoreImpl}, which looks converters up; values are pulled, never pushed. */
    private static final class UnusedConverter extends GroupConverter {
        private static final PrimitiveConverter PRIMITIVE = new PrimitiveConverter() {};

        @Override
        public Converter getConverter(int fieldIndex) {
            return PRIMITIVE;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    }
}
