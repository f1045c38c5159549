package io.github.numeraipipeline.numerai.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EraBlocksTest {
    /** 10 eras of 250 rows. */
    private static final SyntheticDataset DATASET = new SyntheticDataset(SyntheticDatasetSpec.defaults()
            .withFeatureCount(20).withTrain(10, 250));
    private static final List<String> TARGETS = List.of(SyntheticDataset.MAIN_TARGET);

    @TempDir
    Path dir;

    @Test
    void blocksEndWhereErasEndAndAddUpToTheWholeFile() throws Exception {
        Path file = dir.resolve("train.parquet");
        // row groups of 700 rows end inside eras (at rows 700, 1400, 2100)
        DATASET.writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults().withRowGroupRows(700)
                .withFeatureNullRate(0.02));
        List<String> features = DATASET.featureNames();
        FeatureFrame whole = new ParquetFrameReader().read(file, features, TARGETS);

        List<FeatureFrame> blocks = new ArrayList<>();
        try (EraBlocks reader = EraBlocks.open(file, features, TARGETS)) {
            for (FeatureFrame block = reader.next(); block != null; block = reader.next()) {
                blocks.add(block);
            }
            assertNull(reader.next());
        }

        // 700 rows are 2 whole eras and 200 rows of the third, which goes on into the next block; the last era
        // is known to have ended only at the end of the file
        assertEquals(List.of(500, 750, 750, 250, 250), blocks.stream().map(FeatureFrame::rowCount).toList());
        int offset = 0;
        for (FeatureFrame block : blocks) {
            int rows = block.rowCount();
            assertNotEquals(whole.eras().get(offset + rows - 1), offset + rows < whole.rowCount()
                    ? whole.eras().get(offset + rows) : null, "a block ends with its last era");
            assertEquals(whole.ids().subList(offset, offset + rows), block.ids());
            assertEquals(whole.eras().subList(offset, offset + rows), block.eras());
            for (String feature : features) {
                assertArrayEquals(Arrays.copyOfRange(whole.feature(feature), offset, offset + rows),
                        block.feature(feature), feature);
            }
            assertArrayEquals(Arrays.copyOfRange(whole.target(SyntheticDataset.MAIN_TARGET), offset, offset + rows),
                    block.target(SyntheticDataset.MAIN_TARGET));
            offset += rows;
        }
        assertEquals(whole.rowCount(), offset);
    }

    @Test
    void anEraWhoseRowsAreNotTogetherSaysSo() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("scattered.parquet"),
                "message m { optional binary id (STRING); optional binary era (STRING); optional int32 feature_a (INT_8); }",
                List.of(ParquetFixtures.row("id", "n1", "era", "0001", "feature_a", 1),
                        ParquetFixtures.row("id", "n2", "era", "0002", "feature_a", 2),
                        ParquetFixtures.row("id", "n3", "era", "0001", "feature_a", 3)));

        try (EraBlocks reader = EraBlocks.open(file, List.of("feature_a"), List.of())) {
            EraBlocks.ErasNotTogether thrown = assertThrows(EraBlocks.ErasNotTogether.class, () -> {
                while (reader.next() != null) {
                    // read to the end
                }
            });
            assertTrue(thrown.getMessage().contains("era 0001"), thrown.getMessage());
        }
    }
}
