package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk's real boosters, trained by Python xgboost 1.7 on Numerai v5.0 ({@code shared/reference/seed-models}
 * beside the repository; skipped where it is absent), load and predict a generated live file of the real v5.2
 * shape, picking their 42 columns by name out of 2,748 in another order.
 */
class SeedBoostersTest {
    private static final Path SEED_MODELS = Path.of("..", "..", "shared", "reference", "seed-models");

    @TempDir
    Path dir;

    @Test
    void pythonBoostersPredictAGeneratedLiveFile() throws Exception {
        assumeTrue(Files.isDirectory(SEED_MODELS), "no " + SEED_MODELS.toAbsolutePath());
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.writeString(models.resolve("xgba.json"), config("xgba", SEED_MODELS.resolve("xgb_A.json")));
        Files.writeString(models.resolve("xgbb.json"), config("xgbb", SEED_MODELS.resolve("xgb_B.json")));
        SyntheticDataset dataset = new SyntheticDataset(SyntheticDatasetSpec.defaults());
        Path live = dir.resolve(DatasetCache.LIVE);
        dataset.writeFile(DatasetFile.LIVE, live, ParquetLayout.defaults());

        PredictionRecord record = new ModelPredictions(dir.resolve("out"), PredictionTransform.RANK,
                BoosterStore.inDataDirectory(dir.resolve("data"))).run(
                ModelConfigs.load(models, List.of()), new ModelPredictions.LiveData() {
                    @Override
                    public Path liveFile(String dataVersion) {
                        return live;
                    }

                    @Override
                    public Path featuresJson(String dataVersion) {
                        throw new AssertionError("the seed boosters record their feature names");
                    }
                }, null);

        record.requireNoFailures();
        assertEquals(2, record.files().size());
        for (PredictionFile file : record.files()) {
            assertEquals(6720, file.rows());
            assertEquals(6721, Files.readAllLines(file.path()).size());
        }
        assertEquals(SEED_MODELS.resolve("xgb_A.json").toAbsolutePath().normalize(),
                record.boosters().get("xgba").file(), "the booster the config names, brought by the desk");
        assertEquals("config", record.boosters().get("xgba").origin());
        ModelConfig xgba = ModelConfigs.read(models.resolve("xgba.json"));
        try (BoosterFile booster = BoosterFile.load(xgba, xgba.booster())) {
            assertEquals(42, booster.featureNames().size());
            assertEquals(dataset.featureSets().featureSet("small"), booster.featureNames());
            assertTrue(dataset.featureNames().indexOf(booster.featureNames().get(0)) > 0
                    || dataset.featureNames().indexOf(booster.featureNames().get(1)) != 1, "file order differs");
        }
    }

    private static String config(String name, Path booster) {
        return "{\"name\": \"" + name + "\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"booster\": \""
                + booster.toAbsolutePath().toString().replace("\\", "/") + "\"}";
    }
}
