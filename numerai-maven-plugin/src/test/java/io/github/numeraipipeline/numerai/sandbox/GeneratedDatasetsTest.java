package io.github.numeraipipeline.numerai.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox serves v5.0 to v5.3; v5.3's features.json adds the quantum set, the other files are shared. */
class GeneratedDatasetsTest {
    private static final SyntheticDatasetSpec SPEC = SyntheticDatasetSpec.defaults().withFeatureCount(2748)
            .withLiveRows(50).withTrain(2, 10).withValidation(2, 10, 1);

    @TempDir
    Path dir;

    @Test
    void listsEveryVersionFromV50ToV53() {
        List<String> files = new GeneratedDatasets(SPEC, dir).files();

        for (String version : List.of("v5.0", "v5.1", "v5.2", "v5.3")) {
            assertTrue(files.containsAll(List.of(version + "/features.json", version + "/live.parquet",
                    version + "/train.parquet", version + "/validation.parquet")), version + ": " + files);
        }
    }

    @Test
    void v53HasTheQuantumSetOf807FeaturesAndEveryTarget() throws Exception {
        GeneratedDatasets datasets = new GeneratedDatasets(SPEC, dir);

        FeatureSets v53 = FeatureSets.load(datasets.file("v5.3/features.json"));
        FeatureSets v52 = FeatureSets.load(datasets.file("v5.2/features.json"));

        assertEquals(807, v53.featureSet(SyntheticDataset.QUANTUM_SET).size());
        assertFalse(v52.names().contains(SyntheticDataset.QUANTUM_SET), "v5.2 predates the quantum set");
        List<String> all = v53.featureSet("all");
        List<String> quantum = v53.featureSet(SyntheticDataset.QUANTUM_SET);
        assertTrue(all.containsAll(quantum));
        assertEquals(quantum, all.stream().filter(quantum::contains).toList(), "in file order");
        assertTrue(v53.targets().containsAll(List.of("target", "target_ender_20", "target_ender_60",
                "target_cyrusd_20")), v53.targets().toString());
        for (String set : v52.names()) {
            assertEquals(v52.featureSet(set), v53.featureSet(set), set);
        }
    }

    @Test
    void theOlderVersionsFilesAreTheSameBytesAsBefore() throws Exception {
        GeneratedDatasets datasets = new GeneratedDatasets(SPEC, dir);
        Path written = Files.createDirectories(dir.resolve("direct"));
        new SyntheticDataset(SPEC).writeAll(written);

        for (String version : List.of("v5.0", "v5.2", "v5.3")) {
            for (String file : List.of("live.parquet", "train.parquet")) {
                assertArrayEquals(Files.readAllBytes(written.resolve(file)),
                        Files.readAllBytes(datasets.file(version + "/" + file)), version + "/" + file);
            }
        }
        assertArrayEquals(Files.readAllBytes(written.resolve("features.json")),
                Files.readAllBytes(datasets.file("v5.0/features.json")));
    }
}
