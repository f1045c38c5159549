package io.github.numeraipipeline.numerai.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.parquet.ParquetFixtures;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSetsTest {
    @TempDir
    Path dir;

    @Test
    void readsSetsInFileOrderAndTargets() throws Exception {
        Path file = Files.writeString(dir.resolve("features.json"), """
                {"feature_sets": {"small": ["feature_b", "feature_a"], "all": ["feature_a", "feature_b", "feature_c"]},
                 "targets": ["target", "target_ender_20"],
                 "feature_stats": {"ignored": true}}""");

        FeatureSets sets = FeatureSets.load(file);

        assertEquals(List.of("small", "all"), List.copyOf(sets.names()));
        assertEquals(List.of("feature_b", "feature_a"), sets.featureSet("small"));
        assertEquals(List.of("target", "target_ender_20"), sets.targets());
    }

    @Test
    void targetsAreOptional() throws Exception {
        Path file = Files.writeString(dir.resolve("features.json"), "{\"feature_sets\": {\"small\": []}}");

        assertEquals(List.of(), FeatureSets.load(file).targets());
    }

    @Test
    void unknownSetListsTheSetsThereAre() throws Exception {
        Path file = Files.writeString(dir.resolve("features.json"),
                "{\"feature_sets\": {\"small\": [], \"medium\": [], \"all\": []}}");
        FeatureSets sets = FeatureSets.load(file);

        DataException error = assertThrows(DataException.class, () -> sets.featureSet("large"));

        assertEquals(file + " has no feature set \"large\"; it has small, medium, all. Choose one of them as the"
                + " model's featureSet.", error.getMessage());
    }

    @Test
    void notJson() throws Exception {
        Path file = Files.writeString(dir.resolve("features.json"), "<html>503 Service Unavailable</html>");

        DataException error = assertThrows(DataException.class, () -> FeatureSets.load(file));

        assertTrue(error.getMessage().startsWith(file + " is not valid JSON (Unexpected character ('<'"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("); delete it and download features.json again."), error.getMessage());
    }

    @Test
    void jsonWithoutFeatureSets() throws Exception {
        Path file = Files.writeString(dir.resolve("features.json"), "{\"targets\": [\"target\"]}");

        DataException error = assertThrows(DataException.class, () -> FeatureSets.load(file));

        assertEquals(file + " has no \"feature_sets\" object, so it is not a Numerai features.json; delete it and"
                + " download features.json of the dataset version again.", error.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("features.json"));

        DataException error = assertThrows(DataException.class, () -> FeatureSets.load(file));

        assertEquals(file + " is empty; delete it and download features.json again.", error.getMessage());
    }

    @Test
    void setThatIsNotAListOfNames() throws Exception {
        Path file = Files.writeString(dir.resolve("features.json"), "{\"feature_sets\": {\"small\": [1, 2]}}");

        DataException error = assertThrows(DataException.class, () -> FeatureSets.load(file));

        assertEquals(file + ": \"feature_sets.small\" must be a list of column names; delete the file and download"
                + " features.json again.", error.getMessage());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("features.json");

        DataException error = assertThrows(DataException.class, () -> FeatureSets.load(file));

        assertEquals(file + " does not exist; download the dataset's features.json first.", error.getMessage());
    }

    @Test
    void checksThatTheSetsFeaturesAreColumnsOfAParquetFile() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SyntheticDatasetSpec.defaults().withFeatureCount(200)
                .withLiveRows(10));
        dataset.write(dir, List.of(DatasetFile.LIVE, DatasetFile.FEATURES), ParquetLayout.defaults());
        FeatureSets sets = FeatureSets.load(dir.resolve("features.json"));

        for (String set : sets.names()) {
            ParquetFrameReader.requireFeaturesIn(sets, set, dir.resolve("live.parquet"));
        }
    }

    @Test
    void missingFeaturesOfTheSetAreListed() throws Exception {
        Path parquet = ParquetFixtures.write(dir.resolve("live.parquet"),
                "message m { optional binary id (STRING); optional int32 feature_a; }", List.of());
        Path json = Files.writeString(dir.resolve("features.json"),
                "{\"feature_sets\": {\"small\": [\"feature_a\", \"feature_q\", \"feature_r\"]}}");

        DataException error = assertThrows(DataException.class,
                () -> ParquetFrameReader.requireFeaturesIn(FeatureSets.load(json), "small", parquet));

        assertEquals(parquet + " lacks 2 features of the chosen feature set: feature_q, feature_r. Use features.json"
                + " and data of the same dataset version (the model's dataVersion), or choose a feature set this file"
                + " has.", error.getMessage());
    }
}
