package io.github.numeraipipeline.numerai.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DataException;
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

class ParquetRowGroupsTest {
    private static final SyntheticDataset DATASET = new SyntheticDataset(SyntheticDatasetSpec.defaults()
            .withFeatureCount(30).withTrain(10, 250));

    @TempDir
    Path dir;

    @Test
    void rowGroupsReadOneByOneAddUpToTheWholeFrame() throws Exception {
        Path file = dir.resolve("train.parquet");
        DATASET.writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults().withRowGroupRows(700)
                .withFeatureNullRate(0.02));
        List<String> features = DATASET.featureNames().subList(5, 25);
        List<String> targets = List.of(SyntheticDataset.MAIN_TARGET);
        FeatureFrame whole = new ParquetFrameReader().read(file, features, targets);

        List<FeatureFrame> parts = new ArrayList<>();
        try (ParquetFrameReader.RowGroups groups = new ParquetFrameReader().rowGroups(file, features, targets)) {
            for (FeatureFrame part = groups.next(); part != null; part = groups.next()) {
                parts.add(part);
            }
            assertNull(groups.next(), "stays at the end");
        }

        assertEquals(List.of(700, 700, 700, 400), parts.stream().map(FeatureFrame::rowCount).toList());
        int offset = 0;
        for (FeatureFrame part : parts) {
            int rows = part.rowCount();
            assertEquals(whole.ids().subList(offset, offset + rows), part.ids());
            assertEquals(whole.eras().subList(offset, offset + rows), part.eras());
            for (String feature : features) {
                byte[] expected = Arrays.copyOfRange(whole.feature(feature), offset, offset + rows);
                assertArrayEquals(expected, part.feature(feature), feature);
            }
            assertArrayEquals(Arrays.copyOfRange(whole.target(SyntheticDataset.MAIN_TARGET), offset,
                    offset + rows), part.target(SyntheticDataset.MAIN_TARGET));
            offset += rows;
        }
    }

    @Test
    void aMissingFeatureIsReportedWhenOpeningNotHalfwayThrough() throws Exception {
        Path file = dir.resolve("train.parquet");
        DATASET.writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults());

        DataException thrown = assertThrows(DataException.class, () -> new ParquetFrameReader().rowGroups(file,
                List.of("feature_not_there"), List.of()));

        assertTrue(thrown.getMessage().contains("feature_not_there"), thrown.getMessage());
    }
}
