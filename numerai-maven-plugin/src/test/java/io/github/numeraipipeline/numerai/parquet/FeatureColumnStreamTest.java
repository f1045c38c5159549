package io.github.numeraipipeline.numerai.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureColumnStreamTest {
    private static final SyntheticDataset DATASET = new SyntheticDataset(SyntheticDatasetSpec.defaults()
            .withFeatureCount(300).withTrain(16, 1000));

    @TempDir
    Path dir;

    @Test
    void eachRowGroupsColumnsAreTheFrameReadersValuesOfTheRowsAskedFor() throws Exception {
        Path file = dir.resolve("train.parquet");
        DATASET.writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults().withRowGroupRows(700)
                .withFeatureNullRate(0.02));
        List<String> features = DATASET.featureNames().subList(5, 25);
        FeatureFrame whole = new ParquetFrameReader().read(file, features, List.of());
        int[] everyThird = {0, 3, 6, 9, 399};

        try (FeatureColumnStream stream = FeatureColumnStream.open(file, features)) {
            assertEquals(23, stream.rowGroups());
            assertEquals(700, stream.rows(0));
            assertEquals(16_000 - 22 * 700, stream.rows(22));
            // in any order, as often as asked: the last group, then the second, all rows and some
            for (int group : new int[] {22, 1, 22}) {
                int offset = group * 700;
                byte[][] got = read(stream, group, null, features.size());
                byte[][] chosen = read(stream, group, everyThird, features.size());
                for (int f = 0; f < features.size(); f++) {
                    byte[] all = whole.feature(f);
                    assertArrayEquals(Arrays.copyOfRange(all, offset, offset + stream.rows(group)), got[f]);
                    byte[] expected = new byte[everyThird.length];
                    for (int i = 0; i < everyThird.length; i++) {
                        expected[i] = all[offset + everyThird[i]];
                    }
                    assertArrayEquals(expected, chosen[f], features.get(f));
                }
            }
        }
    }

    /**
     * The frame reader made a frame a row group (1 byte a value and an id string a row), and the old stream a
     * row-major copy of it besides. The stream decodes into arrays it keeps, and Parquet-MR reads the chunk bytes into
     * buffers the reader reuses (ReadBufferPool): what a row group still costs on the heap is its pages, decompressed
     * once each, and a few objects a chunk, bounded by the group's uncompressed size and column count, the same on
     * every pass. (Reading the chunk bytes into fresh buffers as Parquet-MR does by default exceeds the bound.)
     */
    @Test
    void aRowGroupAllocatesOnlyWhatTheFileHoldsForItPassAfterPass() throws Exception {
        Path file = dir.resolve("train.parquet");
        new SyntheticDataset(SyntheticDatasetSpec.defaults().withFeatureCount(300).withTrain(40, 1000))
                .writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults().withRowGroupRows(20_000));
        List<String> features = DATASET.featureNames();
        long uncompressed;
        try (var reader = ParquetFrameReader.open(file)) {
            uncompressed = reader.getRowGroups().stream().mapToLong(block -> block.getTotalByteSize()).max()
                    .orElseThrow();
        }
        long bound = 2 * uncompressed + 8192L * features.size();
        long values = 20_000L * features.size();
        long[] sink = new long[1];
        try (FeatureColumnStream stream = FeatureColumnStream.open(file, features)) {
            readAll(stream, sink);
            // warm-up done (classes, JIT, the decoders' scratch): measure three more passes
            for (int pass = 0; pass < 3; pass++) {
                long before = allocatedByAllThreads();
                readAll(stream, sink);
                long perGroup = (allocatedByAllThreads() - before) / stream.rowGroups();
                assertTrue(perGroup < bound, "pass " + pass + ": " + perGroup + " bytes allocated a row group of "
                        + values + " values and " + uncompressed + " uncompressed bytes; bound " + bound);
            }
        }
        assertTrue(sink[0] > 0);
    }

    @Test
    void aFeatureOutsideTheFileIsTheFrameReadersError() throws Exception {
        Path file = dir.resolve("train.parquet");
        DATASET.writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults());

        DataException thrown = assertThrows(DataException.class,
                () -> FeatureColumnStream.open(file, List.of("feature_not_there")));

        assertTrue(thrown.getMessage().contains("feature_not_there"), thrown.getMessage());
    }

    private static byte[][] read(FeatureColumnStream stream, int group, int[] rows, int features) throws Exception {
        byte[][] columns = new byte[features][];
        stream.read(group, rows, (feature, values, count) -> {
            synchronized (columns) {
                columns[feature] = Arrays.copyOf(values, count);
            }
        });
        return columns;
    }

    private static void readAll(FeatureColumnStream stream, long[] sink) throws Exception {
        for (int group = 0; group < stream.rowGroups(); group++) {
            stream.read(group, null, (feature, values, count) -> {
                synchronized (sink) {
                    sink[0] += values[count - 1];
                }
            });
        }
    }

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    }
}
