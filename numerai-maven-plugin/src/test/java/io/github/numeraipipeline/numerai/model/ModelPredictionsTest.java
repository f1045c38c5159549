package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.predictions.SubmissionChecks;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPredictionsTest {
    private static final int ROUND = 1294;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static ModelTraining.DataFiles data;
    private static Path live;
    private static SyntheticDataset dataset;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = ModelFixtures.dataset(shared.resolve("data"));
        live = shared.resolve("data").resolve(DatasetCache.LIVE);
        dataset = new SyntheticDataset(ModelFixtures.SPEC);
    }

    /** This test's desk booster store, {@code <dir>/data/boosters}. */
    private BoosterStore boosters() {
        return ModelFixtures.boosters(dir.resolve("data"));
    }

    private ModelPredictions.LiveData liveData() {
        return new ModelPredictions.LiveData() {
            @Override
            public Path liveFile(String dataVersion) {
                return live;
            }

            @Override
            public Path featuresJson(String dataVersion) {
                return data.features();
            }
        };
    }

    @Test
    void predictionsMatchXgboostsOwnInMemoryPredictionsWhateverTheColumnOrder() throws Exception {
        // the booster takes the small set in reverse file order: the live file's order must not matter
        List<String> reversed = new ArrayList<>(dataset.featureSets().featureSet("small"));
        Collections.reverse(reversed);
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbr", 20);
        Booster inMemory = trainDirectly(reversed, config, 20, 1);

        float[][] expected = inMemory.predict(denseMatrix(dataset.frame(DatasetFile.LIVE, ParquetLayout.defaults()),
                reversed));
        FeatureFrame liveFrame = new ParquetFrameReader().read(live, dataset.featureNames(), List.of());
        float[] actual;
        try (BoosterFile booster = BoosterFile.load(config, config.booster())) {
            assertEquals(reversed, booster.featureNames());
            actual = XgbPredictor.predict(booster, booster.featureNames(), liveFrame);
        }

        assertEquals(expected.length, actual.length);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i][0], actual[i], 0f, "row " + i);
        }
    }

    @Test
    void writesOneCheckedRankedFilePerModelAndARecordOfThem() throws Exception {
        ModelConfig a = ModelFixtures.config(dir.resolve("models"), "xgba", 10);
        ModelConfig b = ModelFixtures.config(dir.resolve("models"), "xgbb", 5);
        Path boosterA = ModelFixtures.train(a, data, boosters(), dir.resolve("reports"), 1).booster();
        Path boosterB = ModelFixtures.train(b, data, boosters(), dir.resolve("reports"), 2).booster();
        Path output = dir.resolve("out");

        PredictionRecord record = new ModelPredictions(output, PredictionTransform.RANK, boosters())
                .run(List.of(a, b), liveData(), ROUND);

        record.requireNoFailures();
        assertEquals(List.of("xgba", "xgbb"), record.files().stream().map(PredictionFile::model).toList());
        PredictionFile file = record.files().get(0);
        assertEquals(output.resolve("predictions_xgba.csv"), file.path());
        String csv = Files.readString(file.path());
        assertTrue(csv.startsWith("id,prediction\n"));
        List<String> ids = dataset.frame(DatasetFile.LIVE, ParquetLayout.defaults()).ids();
        assertEquals(ids.size(), SubmissionChecks.check(new StringReader(csv), new HashSet<>(ids)));
        assertEquals(ModelFixtures.SPEC.liveRows(), file.rows());
        assertEquals(Sha256.of(file.path()), file.sha256());
        assertEquals(ROUND, record.round());
        assertEquals(Map.of("xgba", new PredictionRecord.BoosterUsed(boosterA, "trained", Sha256.of(boosterA)),
                "xgbb", new PredictionRecord.BoosterUsed(boosterB, "trained", Sha256.of(boosterB))), record.boosters(),
                "the record names the booster each file was predicted with");
        // tie-kept ranks: each value is (rank - 0.5) / n
        double[] values = csv.lines().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",")[1])).toArray();
        for (double value : values) {
            double rank = value * values.length + 0.5;
            assertEquals(rank * 2, Math.rint(rank * 2), 1e-6, "a rank or a tie's average rank: " + value);
        }
        assertEquals(record, PredictionRecord.readFrom(output));
    }

    @Test
    void aFailingModelFailsAloneAndLeavesNoFileWhileTheOthersStand() throws Exception {
        Path models = dir.resolve("models");
        ModelConfig good = ModelFixtures.config(models, "good", 5);
        byte[] booster = Files.readAllBytes(ModelFixtures.train(good, data, boosters(), dir.resolve("reports"), 1)
                .booster());
        ModelConfig missing = ModelFixtures.config(models, "missing", 5);
        ModelConfig truncated = ModelFixtures.config(models, "truncated", 5);
        Files.write(truncated.booster(), java.util.Arrays.copyOf(booster, booster.length / 2));
        ModelConfig otherFeatures = ModelFixtures.config(models, "other", 5);
        trainDirectly(List.of("feature_not_in_live_data", dataset.featureNames().get(0)), otherFeatures, 3, 1);
        ModelConfig constant = ModelFixtures.config(models, "constant", 5);
        trainDirectly(dataset.featureSets().featureSet("small"), constant, 0, 1);
        Path output = Files.createDirectories(dir.resolve("out"));
        Files.writeString(output.resolve("predictions_missing.csv"), "id,prediction\nstale,0.5\n");

        PredictionRecord record = new ModelPredictions(output, PredictionTransform.RANK, boosters())
                .run(List.of(good, missing, truncated, otherFeatures, constant), liveData(), ROUND);

        assertEquals(List.of("good"), record.files().stream().map(PredictionFile::model).toList());
        assertTrue(Files.exists(output.resolve("predictions_good.csv")));
        Map<String, String> failures = record.failures();
        assertEquals(List.of("missing", "truncated", "other", "constant"), List.copyOf(failures.keySet()));
        String noBooster = failures.get("missing");
        assertTrue(noBooster.contains("has no booster") && noBooster.contains(missing.booster().toString())
                && noBooster.contains(boosters().trainedBooster(missing).toString())
                && noBooster.contains("numerai:train"), "names both places and the fix: " + noBooster);
        assertTrue(failures.get("truncated").contains("not a complete JSON"), failures.get("truncated"));
        assertTrue(failures.get("other").contains("feature_not_in_live_data"), failures.get("other"));
        assertTrue(failures.get("constant").contains("non-zero standard deviation"), failures.get("constant"));
        for (String name : failures.keySet()) {
            assertFalse(Files.exists(output.resolve("predictions_" + name + ".csv")), name);
        }
        ModelException error = assertThrows(ModelException.class, record::requireNoFailures);
        assertTrue(error.getMessage().startsWith("4 of 5 model(s)"), error.getMessage());
        assertEquals(List.of("good"), List.copyOf(record.boosters().keySet()));
        assertEquals(record, PredictionRecord.readFrom(output));
    }

    @Test
    void modelsPredictingInParallelWriteWhatTheyWriteOneAtATime() throws Exception {
        Path models = dir.resolve("models");
        ModelConfig first = ModelFixtures.config(models, "first", 5);
        ModelConfig second = ModelFixtures.config(models, "second", 9);
        ModelFixtures.train(first, data, boosters(), dir.resolve("reports"), 1);
        ModelFixtures.train(second, data, boosters(), dir.resolve("reports"), 1);
        ModelConfig constant = ModelFixtures.config(models, "constant", 5);
        trainDirectly(dataset.featureSets().featureSet("small"), constant, 0, 1);
        List<ModelConfig> configs = List.of(first, constant, second);
        Path alone = Files.createDirectories(dir.resolve("alone"));
        Path together = Files.createDirectories(dir.resolve("together"));

        PredictionRecord one = new ModelPredictions(alone, PredictionTransform.RANK, boosters(),
                new ParallelModels(1)).run(configs, liveData(), ROUND);
        PredictionRecord three = new ModelPredictions(together, PredictionTransform.RANK, boosters(),
                new ParallelModels(3)).run(configs, liveData(), ROUND);

        assertEquals(List.of("first", "second"), three.files().stream().map(PredictionFile::model).toList());
        assertEquals(one.failures(), three.failures());
        for (String name : List.of("first", "second")) {
            assertArrayEquals(Files.readAllBytes(alone.resolve("predictions_" + name + ".csv")),
                    Files.readAllBytes(together.resolve("predictions_" + name + ".csv")), name);
        }
    }

    @Test
    void rawKeepsOutputsAsTheyAreAndRefusesThemOutsideZeroOne() throws Exception {
        ModelConfig inRange = ModelFixtures.config(dir.resolve("models"), "inrange", 5);
        trainDirectly(dataset.featureSets().featureSet("small"), inRange, 5, 1);
        ModelConfig scaled = ModelFixtures.config(dir.resolve("models"), "scaled", 5);
        trainDirectly(dataset.featureSets().featureSet("small"), scaled, 5, 10);

        PredictionRecord record = new ModelPredictions(dir.resolve("out"), PredictionTransform.RAW, boosters())
                .run(List.of(inRange, scaled), liveData(), ROUND);

        assertEquals(List.of("inrange"), record.files().stream().map(PredictionFile::model).toList());
        assertTrue(record.failures().get("scaled").contains("outside [0, 1]"), record.failures().get("scaled"));
        FeatureFrame liveFrame = new ParquetFrameReader().read(live, dataset.featureNames(), List.of());
        float[] outputs;
        try (BoosterFile booster = BoosterFile.load(inRange, inRange.booster())) {
            outputs = XgbPredictor.predict(booster, booster.featureNames(), liveFrame);
        }
        String firstRow = Files.readString(record.files().get(0).path()).lines().skip(1).findFirst().orElseThrow();
        assertEquals(liveFrame.ids().get(0) + "," + outputs[0], firstRow);
    }

    @Test
    void transformNamesAreCheckedAndNamed() {
        assertEquals(PredictionTransform.RANK, assertDoesNotThrowParse("rank"));
        assertEquals(PredictionTransform.RAW, assertDoesNotThrowParse(" RAW "));
        ModelException error = assertThrows(ModelException.class, () -> PredictionTransform.parse("clip"));
        assertTrue(error.getMessage().contains("numerai.predict.transform"));
    }

    private static PredictionTransform assertDoesNotThrowParse(String value) {
        try {
            return PredictionTransform.parse(value);
        } catch (ModelException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Trains with XGBoost4J directly on a plain float matrix (not {@link FeatureMatrix}), saves the booster beside the
     * config (as a desk that brings its own boosters does), and returns it.
     */
    private static Booster trainDirectly(List<String> features, ModelConfig config, int rounds, float labelScale)
            throws Exception {
        FeatureFrame train = dataset.frame(DatasetFile.TRAIN, ParquetLayout.defaults());
        List<String> known = new ArrayList<>();
        for (String feature : features) {
            known.add(train.featureNames().contains(feature) ? feature : train.featureNames().get(1));
        }
        DMatrix matrix = denseMatrix(train, known);
        matrix.setFeatureNames(features.toArray(String[]::new));
        float[] labels = train.target("target").clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] *= labelScale;
        }
        matrix.setLabel(labels);
        Map<String, Object> params = new HashMap<>(config.params());
        Booster booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
        Files.write(config.booster(), booster.toByteArray("json"));
        return booster;
    }

    private static DMatrix denseMatrix(FeatureFrame frame, List<String> features) throws Exception {
        int n = frame.rowCount();
        float[] values = new float[n * features.size()];
        for (int j = 0; j < features.size(); j++) {
            byte[] column = frame.feature(features.get(j));
            for (int i = 0; i < n; i++) {
                values[i * features.size() + j] = column[i] == FeatureFrame.MISSING ? Float.NaN : column[i];
            }
        }
        return new DMatrix(values, n, features.size(), Float.NaN);
    }
}
