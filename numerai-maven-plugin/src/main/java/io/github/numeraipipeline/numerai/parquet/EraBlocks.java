package io.github.numeraipipeline.numerai.parquet;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DataIoException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * A file's rows in blocks of whole eras, read a row group at a time, so that what scores eras one by one (the
 * validation metrics) never holds the whole file: a block is the rows read so far up to the last era that has
 * ended, and the era still running on goes into the next block. Numerai's files keep an era's rows together; a
 * file that does not (an era again after other eras in a later block) is an {@link ErasNotTogether}, and its reader
 * must read the file whole.
 *
 * <p>Not thread-safe; close it to release the file.
 */
public final class EraBlocks implements AutoCloseable {
    /** An era's rows are not together in the file: read it whole. */
    public static final class ErasNotTogether extends DataException {
        private static final long serialVersionUID = 1L;

        ErasNotTogether(Path file, String era) {
            super(file + ": the rows of era " + era + " are not together in the file");
        }
    }

    private final Path file;
    private final ParquetFrameReader.RowGroups groups;
    private final Set<String> ended = new HashSet<>();
    /** Rows of the last era read, which may go on in the next row group; null when none are waiting. */
    private FeatureFrame runningOn;

    private EraBlocks(Path file, ParquetFrameReader.RowGroups groups) {
        this.file = file;
        this.groups = groups;
    }

    /** Opens the file with the columns and checks of {@link ParquetFrameReader#read}. */
    public static EraBlocks open(Path file, List<String> featureNames, List<String> targetNames)
            throws DataException {
        return new EraBlocks(file, new ParquetFrameReader().rowGroups(file, featureNames, targetNames));
    }

    /**
     * About the most rows reading the file block by block holds on the heap at once, for a memory check before
     * it: a block is at most a row group and the era carried into it, copied once while it is cut, so three of the
     * largest row groups (no more than the file) while an era fits in a row group, as in Numerai's files.
     */
    public static long rowsHeldAtMost(Path file) throws DataException {
        try (ParquetFileReader reader = ParquetFrameReader.open(file)) {
            long largest = reader.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).max().orElse(0);
            return Math.min(reader.getRecordCount(), 3 * largest);
        } catch (IOException e) {
            throw new DataIoException("Could not read " + file + ": " + e, e);
        }
    }

    /** The next block of whole eras, in file order, or null after the last. */
    public FeatureFrame next() throws DataException {
        while (true) {
            FeatureFrame group = groups.next();
            if (group == null) {
                FeatureFrame last = runningOn;
                runningOn = null;
                return last == null ? null : ended(last);
            }
            FeatureFrame rows = runningOn == null ? group : runningOn.append(group);
            int lastEraStarts = lastEraStart(rows);
            if (lastEraStarts == 0) {
                runningOn = rows;
                continue;
            }
            runningOn = rows.rows(lastEraStarts, rows.rowCount());
            return ended(rows.rows(0, lastEraStarts));
        }
    }

    /** The first row of the run of rows that have the last row's era. */
    private static int lastEraStart(FeatureFrame rows) {
        List<String> eras = rows.eras();
        int start = eras.size() - 1;
        while (start > 0 && Objects.equals(eras.get(start - 1), eras.get(eras.size() - 1))) {
            start--;
        }
        return start;
    }

    /** Notes the block's eras as ended; one that had already ended is an {@link ErasNotTogether}. */
    private FeatureFrame ended(FeatureFrame block) throws ErasNotTogether {
        Set<String> eras = new HashSet<>();
        for (String era : block.eras()) {
            eras.add(FeatureFrame.eraOf(era));
        }
        for (String era : eras) {
            if (!ended.add(era)) {
                throw new ErasNotTogether(file, era);
            }
        }
        return block;
    }

    @Override
    public void close() {
        groups.close();
    }
}
