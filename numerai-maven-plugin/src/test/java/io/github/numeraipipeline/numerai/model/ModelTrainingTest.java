package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static ModelTraining.DataFiles data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = ModelFixtures.dataset(shared.resolve("data"));
    }

    @Test
    void theSameDataAndConfigGiveAByteIdenticalBoosterAcrossRunsJvmsAndThreadCounts() throws Exception {
        ModelConfig first = TrainOnce.withThreads(ModelFixtures.config(dir.resolve("a"), "xgbt", 30), 2);
        ModelConfig second = TrainOnce.withThreads(ModelFixtures.config(dir.resolve("b"), "xgbt", 30), 1);

        Path firstBooster = ModelFixtures.train(first, data, ModelFixtures.boosters(dir.resolve("data-a")),
                dir.resolve("reports-a"), 1).booster();
        Path secondBooster = ModelFixtures.train(second, data, ModelFixtures.boosters(dir.resolve("data-b")),
                dir.resolve("reports-b"), 1).booster();
        String otherJvm = trainInAnotherJvm(dir.resolve("jvm"), 2);

        byte[] booster = ModelFixtures.bytes(firstBooster);
        assertArrayEquals(booster, ModelFixtures.bytes(secondBooster));
        assertEquals(Sha256.of(booster), otherJvm);
    }

    @Test
    void theInt8StreamAndTheFloatPathWriteTheSameBoosterAndScores() throws Exception {
        ModelConfig viaFloats = ModelFixtures.config(dir.resolve("float"), "xgbt", 20);
        ModelConfig viaInt8 = ModelFixtures.config(dir.resolve("int8"), "xgbt", 20);

        ModelTraining.Outcome floats = new ModelTraining(new ModelTraining.Options(2, Duration.ofHours(1),
                dir.resolve("reports-float"), TrainingMatrix.FLOAT), ModelFixtures.boosters(dir.resolve("data-float")))
                .train(viaFloats, data);
        ModelTraining.Outcome int8 = new ModelTraining(new ModelTraining.Options(2, Duration.ofHours(1),
                dir.resolve("reports-int8"), TrainingMatrix.INT8), ModelFixtures.boosters(dir.resolve("data-int8")))
                .train(viaInt8, data);

        assertArrayEquals(ModelFixtures.bytes(floats.booster()), ModelFixtures.bytes(int8.booster()));
        assertEquals(floats.metrics().mean(), int8.metrics().mean());
        JsonNode manifest = new ObjectMapper().readTree(int8.manifest().toFile());
        assertEquals(20 * 150, manifest.at("/training/trainRows").asInt());
        assertEquals("int8", manifest.at("/training/matrix").asText());
        assertEquals("float", new ObjectMapper().readTree(floats.manifest().toFile()).at("/training/matrix").asText());
        assertTrue(manifest.at("/seconds/matrix").asDouble() >= 0, "the int8 path times its matrix build");
    }

    @Test
    void xgboostRefusingTheInt8MatrixIsTheModelsFaultWithXgboostsOwnMessage() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models-maxbin"));
        ModelConfig config = ModelConfigs.read(Files.writeString(models.resolve("bins.json"), "{\"name\": \"bins\","
                + " \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"numBoostRound\": 2,"
                + " \"params\": {\"tree_method\": \"hist\", \"max_bin\": 1}}"));
        BoosterStore boosters = ModelFixtures.boosters(dir.resolve("data-maxbin"));

        ModelException thrown = assertThrows(ModelException.class, () -> new ModelTraining(new ModelTraining.Options(1,
                Duration.ofHours(1), dir.resolve("reports-maxbin"), TrainingMatrix.INT8), boosters).train(config, data));

        assertTrue(thrown.getMessage().startsWith("XGBoost failed to build the quantile matrix"), thrown.getMessage());
        assertFalse(thrown.isUserError(), "XGBoost failing is not the user's to fix");
        assertFalse(Files.exists(boosters.trainedBooster(config)));
    }

    @Test
    void autoStreamsLargeDataToDiskMediumDataInMemoryAndKeepsTheFloatPathForSmall() {
        long fullSet = 2_755_200L * 2376;
        assertEquals(TrainingMatrix.FLOAT, TrainingMatrix.AUTO.choose(6000L * 42));
        assertEquals(TrainingMatrix.FLOAT, TrainingMatrix.AUTO.choose(TrainingMatrix.INT8_FROM_VALUES - 1));
        assertEquals(TrainingMatrix.INT8, TrainingMatrix.AUTO.choose(TrainingMatrix.INT8_FROM_VALUES));
        assertEquals(TrainingMatrix.INT8, TrainingMatrix.AUTO.choose(100_000L * 2376));
        assertEquals(TrainingMatrix.INT8_DISK, TrainingMatrix.AUTO.choose(TrainingMatrix.DISK_FROM_VALUES));
        assertEquals(TrainingMatrix.INT8_DISK, TrainingMatrix.AUTO.choose(500_000L * 2376));
        assertEquals(TrainingMatrix.INT8_DISK, TrainingMatrix.AUTO.choose(fullSet));
        assertEquals(TrainingMatrix.FLOAT, TrainingMatrix.FLOAT.choose(fullSet));
        assertEquals(TrainingMatrix.INT8, TrainingMatrix.INT8.choose(10));
        assertEquals(TrainingMatrix.INT8, TrainingMatrix.parse(" Int8 "));
        assertEquals(TrainingMatrix.INT8_DISK, TrainingMatrix.parse("int8-disk"));
        assertEquals("int8-disk", TrainingMatrix.INT8_DISK.toString());
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> TrainingMatrix.parse("double"));
        assertTrue(thrown.getMessage().contains("use auto, float, int8 or int8-disk"), thrown.getMessage());
    }

    @Test
    void writesTheBoosterAndAManifestPinningConfigDataAndBoosterIntoTheDataDirectoryNeverBesideTheConfig()
            throws Exception {
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 20);
        BoosterStore boosters = ModelFixtures.boosters(dir.resolve("data"));

        ModelTraining.Outcome outcome = ModelFixtures.train(config, data, boosters, dir.resolve("reports"), 1);

        assertEquals(dir.resolve("data/boosters/xgbt.model.json").toAbsolutePath(), outcome.booster());
        assertEquals(dir.resolve("data/boosters/xgbt.manifest.json").toAbsolutePath(), outcome.manifest());
        assertFalse(Files.exists(config.booster()), "the place beside the config is for boosters the desk brings");
        assertEquals(new BoosterStore.Located(outcome.booster(), BoosterStore.Origin.TRAINED),
                boosters.lookup(config).booster());
        assertEquals(outcome.booster().toString(), new ObjectMapper().readTree(dir.resolve("reports/xgbt.json")
                .toFile()).path("booster").asText(), "the validation report names the booster it scored");
        JsonNode manifest = new ObjectMapper().readTree(outcome.manifest().toFile());
        assertEquals(Sha256.of(outcome.booster()), manifest.at("/files/booster/sha256").asText());
        assertEquals(outcome.booster().toString(), manifest.at("/files/booster/path").asText());
        assertEquals(Sha256.of(config.source()), manifest.at("/files/config/sha256").asText());
        assertEquals(Sha256.of(data.train()), manifest.at("/files/train/sha256").asText());
        assertEquals(Sha256.of(data.validation()), manifest.at("/files/validation/sha256").asText());
        assertEquals(Sha256.of(data.features()), manifest.at("/files/features/sha256").asText());
        assertEquals("3.4.0", manifest.at("/libraries/xgboost4j").asText());
        assertEquals(40 * 150, manifest.at("/training/trainRows").asInt());
        assertEquals(42, manifest.at("/training/features").asInt());
        assertTrue(manifest.at("/seconds/train").asDouble() >= 0);
        // the configs listing ignores what training wrote
        assertEquals(List.of("xgbt"), ModelConfigs.load(dir.resolve("models"), List.of()).stream()
                .map(ModelConfig::name).toList());
    }

    @Test
    void validatesOnTheErasWithTargetsAndFindsTheSignal() throws Exception {
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 30);

        ValidationMetrics metrics = ModelFixtures.train(config, data, ModelFixtures.boosters(dir.resolve("data")),
                dir.resolve("reports"), 1).metrics();

        // 8 validation eras, the newest 2 without targets
        assertEquals(6, metrics.eras().size());
        assertEquals(6 * 150, metrics.rows());
        assertTrue(metrics.mean() > 0.05, "mean corr " + metrics.mean());
        assertTrue(metrics.maxFeatureExposure() > 0 && metrics.maxFeatureExposure() <= 1);
        assertEquals(metrics.mean() / metrics.std(), metrics.sharpe(), 1e-12);
    }

    @Test
    void scoresValidationABlockOfWholeErasAtATimeWithTheNumbersOfTheWholeFile() throws Exception {
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 10);
        // row groups of 100 rows cut the eras of 150 rows: every block carries an era over to the next
        Path validation = dir.resolve("validation.parquet");
        new SyntheticDataset(ModelFixtures.SPEC).writeFile(DatasetFile.VALIDATION, validation,
                ParquetLayout.defaults().withRowGroupRows(100));
        ModelTraining.DataFiles blocks = new ModelTraining.DataFiles(data.train(), validation, data.features());

        ModelTraining.Outcome outcome = ModelFixtures.train(config, blocks, ModelFixtures.boosters(dir.resolve("data")),
                dir.resolve("reports"), 1);

        List<String> features = FeatureSets.load(data.features()).featureSet("small");
        FeatureFrame whole = new ParquetFrameReader().read(validation, features, List.of("target"));
        int[] rows = EraSelection.rows(whole, "target", 1, EraSelection.VALIDATION);
        Booster booster = XGBoost.loadModel(outcome.booster().toString());
        try {
            assertEquals(ValidationMetrics.score(whole, "target", features, rows,
                    XgbPredictor.predict(booster, features, whole, rows)), outcome.metrics());
        } finally {
            booster.dispose();
        }
    }

    @Test
    void trainsOnEveryNthEraWhenAsked() throws Exception {
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 5);

        ModelTraining.Outcome outcome = ModelFixtures.train(config, data, ModelFixtures.boosters(dir.resolve("data")),
                dir.resolve("reports"), 4);

        JsonNode manifest = new ObjectMapper().readTree(outcome.manifest().toFile());
        assertEquals(10, manifest.at("/training/trainEras").asInt());
        assertEquals(10 * 150, manifest.at("/training/trainRows").asInt());
        assertEquals(4, manifest.at("/training/eraStep").asInt());
    }

    @Test
    void writesAReportAPersonCanOpenOfflineAndTheSameNumbersAsJson() throws Exception {
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 10);

        ModelTraining.Outcome outcome = ModelFixtures.train(config, data, ModelFixtures.boosters(dir.resolve("data")),
                dir.resolve("reports"), 1);

        String html = Files.readString(outcome.report());
        assertEquals(dir.resolve("reports/xgbt.html"), outcome.report());
        assertEquals(2, html.split("<svg", -1).length - 1, "a per-era and a cumulative chart");
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") && !html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("reports/xgbt.json").toFile());
        assertEquals(outcome.metrics().mean(), json.at("/numeraiCorr/mean").asDouble(), 0);
        assertEquals(6, json.get("eras").size());
        assertEquals(outcome.metrics().eras().get(5).cumulative(), json.at("/eras/5/cumulative").asDouble(), 0);
    }

    @Test
    void aConfigWithoutRoundsOrWithAnUnknownFeatureSetIsAnErrorNamingIt() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        ModelConfig noRounds = ModelConfigs.read(Files.writeString(models.resolve("a.json"),
                "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}"));
        ModelConfig unknownSet = ModelConfigs.read(Files.writeString(models.resolve("b.json"),
                "{\"name\": \"b\", \"dataVersion\": \"v5.0\", \"featureSet\": \"huge\", \"numBoostRound\": 2}"));

        BoosterStore boosters = ModelFixtures.boosters(dir.resolve("data"));

        String rounds = assertThrows(ModelException.class,
                () -> ModelFixtures.train(noRounds, data, boosters, dir.resolve("r"), 1)).getMessage();
        String set = assertThrows(Exception.class,
                () -> ModelFixtures.train(unknownSet, data, boosters, dir.resolve("r"), 1)).getMessage();

        assertTrue(rounds.contains("numBoostRound") && rounds.contains("a.json"), rounds);
        assertTrue(set.contains("\"huge\""), set);
        assertFalse(Files.exists(boosters.trainedBooster(noRounds)));
        assertFalse(Files.exists(noRounds.booster()));
    }

    @Test
    void aTrainingThatFailsAfterTheTreesLeavesNeitherBoosterNorManifest() throws Exception {
        // Validation without a single era with targets: the trees are grown, then scoring fails.
        ModelTraining.DataFiles noTargets = new ModelTraining.DataFiles(data.train(),
                writeValidationWithoutTargets(dir.resolve("no-targets")), data.features());
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 5);
        BoosterStore boosters = ModelFixtures.boosters(dir.resolve("data"));

        String message = assertThrows(ModelException.class,
                () -> ModelFixtures.train(config, noTargets, boosters, dir.resolve("reports"), 1)).getMessage();

        assertTrue(message.contains("no validation rows"), message);
        assertFalse(Files.exists(boosters.trainedBooster(config)), "no booster that would pass for a trained one");
        assertFalse(Files.exists(boosters.trainedManifest(config)));
        assertFalse(boosters.lookup(config).found());
    }

    private static Path writeValidationWithoutTargets(Path folder) throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(ModelFixtures.SPEC.withValidation(2, 150, 2));
        Path file = folder.resolve(DatasetCache.VALIDATION);
        Files.createDirectories(folder);
        dataset.writeFile(DatasetFile.VALIDATION, file, ParquetLayout.defaults());
        return file;
    }

    /** Runs {@link TrainOnce} in a fresh JVM on the same class path; returns the booster's SHA-256. */
    private static String trainInAnotherJvm(Path workDir, int threads) throws Exception {
        return ModelFixtures.runInAnotherJvm(TrainOnce.class, List.of(), List.of("booster-sha256"),
                workDir.toString(), String.valueOf(threads)).get("booster-sha256");
    }
}
