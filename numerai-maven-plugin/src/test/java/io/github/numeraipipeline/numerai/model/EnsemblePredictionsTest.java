package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.scoring.Neutralization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ensembles and neutralized models on the live file: the files equal an independent computation from the members'
 * files (ranks by sorting, written out here) and from numerai-tools' chain (checked against numpy in
 * NeutralizationTest), and the boosters' own files do not change when ensembles join the run.
 */
class EnsemblePredictionsTest {
    private static final double CLOSE = 1e-6;

    @TempDir
    static Path shared;

    private static ModelTraining.DataFiles data;
    private static Path live;
    private static Path models;
    private static BoosterStore boosters;
    private static ModelConfig a;
    private static ModelConfig b;
    private static ModelConfig lgb;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainTwoBoosters() throws Exception {
        data = ModelFixtures.dataset(shared.resolve("data"));
        live = shared.resolve("data").resolve(DatasetCache.LIVE);
        models = shared.resolve("models");
        boosters = ModelFixtures.boosters(shared.resolve("desk"));
        a = ModelFixtures.config(models, "xgba", 10);
        b = ModelFixtures.config(models, "xgbb", 5);
        ModelFixtures.train(a, data, boosters, shared.resolve("reports"), 1);
        ModelFixtures.train(b, data, boosters, shared.resolve("reports"), 2);
        lgb = LightGbmModelTest.config(models, "lgbt", 30);
        ModelFixtures.train(lgb, data, boosters, shared.resolve("reports"), 1);
    }

    private static ModelPredictions.LiveData liveData() {
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

    private static ModelConfig config(String name, String json) throws Exception {
        return ModelConfigs.read(Files.writeString(models.resolve(name + ".json"), json));
    }

    private PredictionRecord predict(Path output, ModelConfig... configs) throws Exception {
        return new ModelPredictions(output, PredictionTransform.RANK, boosters).run(List.of(configs), liveData(), 7);
    }

    @Test
    void anEnsembleIsTheRankedWeightedMeanOfItsMembersRanks() throws Exception {
        ModelConfig ens = config("ens", "{\"name\": \"ens\", \"dataVersion\": \"v5.2\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"], \"weights\": [0.7, 0.3]}}");
        Path output = dir.resolve("out");

        PredictionRecord record = predict(output, a, b, ens);

        record.requireNoFailures();
        assertEquals(List.of("xgba", "xgbb", "ens"), record.files().stream().map(PredictionFile::model).toList());
        double[] first = values(output.resolve("predictions_xgba.csv"));
        double[] second = values(output.resolve("predictions_xgbb.csv"));
        double[] mean = new double[first.length];
        double[] rankA = averageRanks(first);
        double[] rankB = averageRanks(second);
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (0.7 * rankA[i] + 0.3 * rankB[i]) / 1.0;
        }
        assertArrayEquals(averageRanks(mean), values(output.resolve("predictions_ens.csv")), CLOSE);
        assertEquals(ids(output.resolve("predictions_xgba.csv")), ids(output.resolve("predictions_ens.csv")));
        assertFalse(record.boosters().containsKey("ens"), "an ensemble has no booster of its own");
    }

    @Test
    void theBoostersFilesAreByteIdenticalWithOrWithoutEnsembles() throws Exception {
        ModelConfig ens = config("ens", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"]},"
                + " \"neutralize\": {\"proportion\": 0.5, \"featureSet\": \"small\"}}");
        predict(dir.resolve("alone"), a, b).requireNoFailures();
        predict(dir.resolve("together"), a, b, ens).requireNoFailures();

        for (String file : List.of("predictions_xgba.csv", "predictions_xgbb.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("alone").resolve(file)),
                    Files.readAllBytes(dir.resolve("together").resolve(file)), file);
        }
    }

    @Test
    void aNeutralizedModelIsNumeraiToolsChainOnItsOutputsThenRanked() throws Exception {
        ModelConfig neutral = config("xgba", "{\"name\": \"xgba\", \"dataVersion\": \"v5.0\", \"featureSet\":"
                + " \"small\", \"numBoostRound\": 10, \"params\": {\"objective\": \"reg:squarederror\","
                + " \"tree_method\": \"hist\", \"max_depth\": 4, \"eta\": 0.1, \"subsample\": 0.8,"
                + " \"colsample_bytree\": 0.8, \"seed\": 42}, \"neutralize\": {\"proportion\": 0.5, \"featureSet\":"
                + " \"small\"}}");
        // the same booster as xgba: the config differs only in "neutralize", so train it again into its own store
        BoosterStore store = ModelFixtures.boosters(dir.resolve("desk"));
        ModelFixtures.train(neutral, data, store, dir.resolve("reports"), 1);
        Path output = dir.resolve("out");

        new ModelPredictions(output, PredictionTransform.RANK, store).run(List.of(neutral), liveData(), 7)
                .requireNoFailures();

        List<String> small = new SyntheticDataset(ModelFixtures.SPEC).featureSets().featureSet("small");
        FeatureFrame frame = new ParquetFrameReader().read(live, small, List.of());
        float[] outputs;
        try (BoosterFile booster = BoosterFile.load(neutral, store.lookup(neutral).require().file())) {
            outputs = XgbPredictor.predict(booster, booster.featureNames(), frame);
        }
        double[] raw = new double[outputs.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = outputs[i];
        }
        double[] expected = averageRanks(Neutralization.rankGaussianNeutralize(raw, frame, small,
                IntStream.range(0, raw.length).toArray(), 0.5));
        double[] actual = values(output.resolve("predictions_xgba.csv"));
        assertArrayEquals(expected, actual, CLOSE);
        // and neutralizing changed something: the ranks of the raw outputs are not the file
        assertFalse(Arrays.equals(averageRanks(raw), actual));
    }

    @Test
    void anInternalMemberHasNoFileButItsEnsembleDoes() throws Exception {
        ModelConfig hidden = b.withSubmit(false);
        ModelConfig ens = config("ens", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgbb\"]}}");
        Path output = dir.resolve("out");

        PredictionRecord record = predict(output, hidden, ens);

        record.requireNoFailures();
        assertEquals(List.of("ens"), record.files().stream().map(PredictionFile::model).toList());
        assertFalse(Files.exists(output.resolve("predictions_xgbb.csv")));
        assertTrue(Files.isRegularFile(output.resolve("predictions_ens.csv")));
    }

    @Test
    void anEnsembleWhoseMemberFailedFailsNamingTheMember() throws Exception {
        ModelConfig untrained = ModelFixtures.config(dir.resolve("models"), "xgbc", 5);
        ModelConfig ens = config("ens", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbc\"]}}");
        Path output = dir.resolve("out");

        PredictionRecord record = predict(output, a, untrained, ens);

        assertEquals(List.of("xgba"), record.files().stream().map(PredictionFile::model).toList());
        String error = record.failures().get("ens");
        assertTrue(error.contains("no predictions of its member xgbc") && error.contains("ens.json"), error);
        assertFalse(Files.exists(output.resolve("predictions_ens.csv")));
    }

    @Test
    void anUnknownNeutralizerSetNamesTheConfigAndTheSetsThereAre() throws Exception {
        ModelConfig ens = config("ens", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\"]}, \"neutralize\": {\"proportion\": 1, \"featureSet\":"
                + " \"quantum\"}}");

        PredictionRecord record = predict(dir.resolve("out"), a, ens);

        String error = record.failures().get("ens");
        assertTrue(error.contains("ens.json") && error.contains("\"neutralize.featureSet\" is \"quantum\"")
                && error.contains("small, medium, all"), error);
    }

    @Test
    void theValidationReportOfAnEnsembleScoresItsCombinedValidationPredictionsPerEra() throws Exception {
        ModelConfig ens = config("ens", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"], \"weights\": [0.7, 0.3]}}");
        Path reports = dir.resolve("reports");
        CombinedValidation validation = new CombinedValidation(boosters, new CombinedValidation.Files() {
            @Override
            public Path validation(String dataVersion) {
                return data.validation();
            }

            @Override
            public Path features(String dataVersion) {
                return data.features();
            }
        }, reports);

        validation.report(ens, java.util.Map.of("ens", ens, "xgba", a, "xgbb", b));

        // independently: each member's outputs on the validation rows, ranked per era by sorting, mixed, ranked
        List<String> small = new SyntheticDataset(ModelFixtures.SPEC).featureSets().featureSet("small");
        FeatureFrame frame = new ParquetFrameReader().read(data.validation(), small, List.of("target"));
        float[] outA = outputs(a, frame);
        float[] outB = outputs(b, frame);
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(reports.resolve("ens.json").toFile());
        assertEquals(6, report.get("eras").size(), "8 validation eras, 2 without targets");
        for (com.fasterxml.jackson.databind.JsonNode era : report.get("eras")) {
            int[] rows = IntStream.range(0, frame.rowCount())
                    .filter(r -> era.get("era").asText().equals(frame.eras().get(r))).toArray();
            double[] ra = averageRanks(Arrays.stream(rows).mapToDouble(r -> outA[r]).toArray());
            double[] rb = averageRanks(Arrays.stream(rows).mapToDouble(r -> outB[r]).toArray());
            double[] mixed = averageRanks(IntStream.range(0, rows.length).mapToDouble(i -> 0.7 * ra[i] + 0.3 * rb[i])
                    .toArray());
            double[] targets = Arrays.stream(rows).mapToDouble(r -> frame.target("target")[r]).toArray();
            // the report scores float predictions, as it does a booster's
            double[] asFloats = Arrays.stream(mixed).map(v -> (float) v).toArray();
            assertEquals(io.github.numeraipipeline.numerai.scoring.NumeraiCorr.of(asFloats, targets),
                    era.get("corr").asDouble(), 1e-9, "era " + era.get("era"));
        }
    }

    @Test
    void anEnsembleMayMixAnXgboostAndALightGbmMemberEachPredictedByItsOwnLibrary() throws Exception {
        ModelConfig mixed = config("mixed", "{\"name\": \"mixed\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"lgbt\"], \"weights\": [0.6, 0.4]}}");
        Path output = dir.resolve("out");

        PredictionRecord record = predict(output, a, lgb, mixed);

        record.requireNoFailures();
        assertEquals(List.of("xgba", "lgbt", "mixed"), record.files().stream().map(PredictionFile::model).toList());
        // independently: each library on its own saved file, the live rows in the file's order
        List<String> small = new SyntheticDataset(ModelFixtures.SPEC).featureSets().featureSet("small");
        FeatureFrame frame = new ParquetFrameReader().read(live, small, List.of());
        double[] xgbOutputs = xgboostsOwnPredict(boosters.lookup(a).require().file(), frame);
        Path lgbFile = boosters.lookup(lgb).require().file();
        List<String> lgbNames;
        try (BoosterFile booster = BoosterFile.load(lgb, lgbFile)) {
            lgbNames = booster.featureNames();
        }
        double[] lgbOutputs = LightGbmModelTest.lightGbmsOwnPredict(lgbFile,
                LightGbmModelTest.rowMajor(frame, lgbNames), frame.rowCount(), lgbNames.size());
        // the desk's predictions are float32 whichever library made them (LightGBM's doubles narrowed)
        double[] lgbAsFloats = Arrays.stream(lgbOutputs).map(v -> (float) v).toArray();
        assertTrue(Arrays.stream(lgbAsFloats).distinct().count() > 10, "LightGBM predicts more than a constant");
        double[] rankX = averageRanks(xgbOutputs);
        double[] rankL = averageRanks(lgbAsFloats);
        double[] expected = averageRanks(IntStream.range(0, rankX.length)
                .mapToDouble(i -> (0.6 * rankX[i] + 0.4 * rankL[i]) / 1.0).toArray());
        assertEquals(frame.ids(), ids(output.resolve("predictions_mixed.csv")));
        assertArrayEquals(expected, values(output.resolve("predictions_mixed.csv")), CLOSE);
        assertArrayEquals(rankL, values(output.resolve("predictions_lgbt.csv")), CLOSE);
        // and the mix is neither member alone
        assertFalse(Arrays.equals(expected, rankX) || Arrays.equals(expected, rankL));
    }

    @Test
    void theValidationReportOfAMixedEnsembleScoresBothLibrariesMembersPerEra() throws Exception {
        ModelConfig mixed = config("mixed", "{\"name\": \"mixed\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"lgbt\"]}}");
        Path reports = dir.resolve("reports");

        validation(reports).report(mixed, java.util.Map.of("mixed", mixed, "xgba", a, "lgbt", lgb));

        List<String> small = new SyntheticDataset(ModelFixtures.SPEC).featureSets().featureSet("small");
        FeatureFrame frame = new ParquetFrameReader().read(data.validation(), small, List.of("target"));
        double[] outX = xgboostsOwnPredict(boosters.lookup(a).require().file(), frame);
        Path lgbFile = boosters.lookup(lgb).require().file();
        List<String> lgbNames;
        try (BoosterFile booster = BoosterFile.load(lgb, lgbFile)) {
            lgbNames = booster.featureNames();
        }
        double[] outL = Arrays.stream(LightGbmModelTest.lightGbmsOwnPredict(lgbFile,
                LightGbmModelTest.rowMajor(frame, lgbNames), frame.rowCount(), lgbNames.size()))
                .map(v -> (float) v).toArray();
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(reports.resolve("mixed.json").toFile());
        assertEquals(6, report.get("eras").size(), "8 validation eras, 2 without targets");
        for (com.fasterxml.jackson.databind.JsonNode era : report.get("eras")) {
            int[] rows = IntStream.range(0, frame.rowCount())
                    .filter(r -> era.get("era").asText().equals(frame.eras().get(r))).toArray();
            double[] rx = averageRanks(Arrays.stream(rows).mapToDouble(r -> outX[r]).toArray());
            double[] rl = averageRanks(Arrays.stream(rows).mapToDouble(r -> outL[r]).toArray());
            double[] mixedRanks = averageRanks(IntStream.range(0, rows.length)
                    .mapToDouble(i -> (rx[i] + rl[i]) / 2).toArray());
            double[] targets = Arrays.stream(rows).mapToDouble(r -> frame.target("target")[r]).toArray();
            double[] asFloats = Arrays.stream(mixedRanks).map(v -> (float) v).toArray();
            assertEquals(io.github.numeraipipeline.numerai.scoring.NumeraiCorr.of(asFloats, targets),
                    era.get("corr").asDouble(), 1e-9, "era " + era.get("era"));
        }
    }

    private static CombinedValidation validation(Path reports) {
        return new CombinedValidation(boosters, new CombinedValidation.Files() {
            @Override
            public Path validation(String dataVersion) {
                return data.validation();
            }

            @Override
            public Path features(String dataVersion) {
                return data.features();
            }
        }, reports);
    }

    /** XGBoost4J on its own: the JSON model loaded by XGBoost, float rows in the model's feature order. */
    private static double[] xgboostsOwnPredict(Path modelFile, FeatureFrame frame) throws Exception {
        ml.dmlc.xgboost4j.java.Booster booster = ml.dmlc.xgboost4j.java.XGBoost.loadModel(modelFile.toString());
        try {
            String[] names = booster.getFeatureNames();
            float[] rows = new float[frame.rowCount() * names.length];
            for (int j = 0; j < names.length; j++) {
                byte[] column = frame.feature(names[j]);
                for (int i = 0; i < frame.rowCount(); i++) {
                    rows[i * names.length + j] = column[i] == FeatureFrame.MISSING ? Float.NaN : column[i];
                }
            }
            ml.dmlc.xgboost4j.java.DMatrix matrix = new ml.dmlc.xgboost4j.java.DMatrix(rows, frame.rowCount(),
                    names.length, Float.NaN);
            try {
                float[][] outputs = booster.predict(matrix);
                return Arrays.stream(outputs).mapToDouble(o -> o[0]).toArray();
            } finally {
                matrix.dispose();
            }
        } finally {
            booster.dispose();
        }
    }

    private static float[] outputs(ModelConfig config, FeatureFrame frame) throws Exception {
        try (BoosterFile booster = BoosterFile.load(config, boosters.lookup(config).require().file())) {
            return XgbPredictor.predict(booster, booster.featureNames(), frame);
        }
    }

    /** Tie-kept ranks by sorting: {@code (average 1-based rank - 0.5) / n}. */
    private static double[] averageRanks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().sorted(Comparator.comparingDouble(i -> values[i]))
                .toArray(Integer[]::new);
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = (rank - 0.5) / values.length;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double[] values(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",")[1]))
                .toArray();
    }

    private static List<String> ids(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(line -> line.split(",")[0]).toList();
    }
}
