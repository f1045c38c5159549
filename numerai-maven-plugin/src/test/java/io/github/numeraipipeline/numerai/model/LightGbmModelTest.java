package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config with {@code "library": "lightgbm"} trains, is scored and predicts through the same steps as XGBoost's. */
class LightGbmModelTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** Features in the fixture's "small" set. */
    private static final int SPEC_SMALL = 42;

    private static ModelTraining.DataFiles data;
    private static ModelTraining.Outcome trained;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = ModelFixtures.dataset(shared.resolve("data"));
        trained = ModelFixtures.train(config(shared.resolve("models"), "lgbt", 30), data,
                ModelFixtures.boosters(shared.resolve("desk")), shared.resolve("reports"), 1);
    }

    /** {@code <models>/<name>.json}: a small LightGBM config in the shape of Numerai's example model. */
    static ModelConfig config(Path models, String name, int rounds) throws Exception {
        Files.createDirectories(models);
        return ModelConfigs.read(Files.writeString(models.resolve(name + ".json"), "{\"name\": \"" + name + "\","
                + " \"library\": \"lightgbm\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"target\": \"target\", \"numBoostRound\": " + rounds + ", \"params\": {\"objective\":"
                + " \"regression\", \"learning_rate\": 0.1, \"num_leaves\": 15, \"max_depth\": 4,"
                + " \"feature_fraction\": 0.5, \"bagging_fraction\": 0.8, \"bagging_freq\": 1, \"seed\": 42}}"));
    }

    @Test
    void writesLightGbmsTextModelWithAManifestAndAReportIntoTheStore() throws Exception {
        assertEquals(shared.resolve("desk").resolve("boosters").resolve("lgbt.model.txt"), trained.booster());
        String text = Files.readString(trained.booster());
        assertTrue(text.startsWith("tree\nversion=v4\n"), text.substring(0, 40));
        assertTrue(text.contains("\n[deterministic: 1]\n") && text.contains("\n[force_row_wise: 1]\n")
                && text.contains("\n[num_threads: 2]\n"), "the determinism settings are in the model's params");
        assertEquals(30, text.split("\nTree=").length - 1, "one tree a round");
        JsonNode manifest = new ObjectMapper().readTree(trained.manifest().toFile());
        assertEquals(Sha256.of(trained.booster()), manifest.at("/files/booster/sha256").asText(), manifest.toString());
        assertEquals("4.3.0-1", manifest.at("/libraries/lightgbm4j").asText());
        assertEquals("lightgbm-dataset", manifest.at("/training/matrix").asText(), "not XGBoost's float matrix");
        assertTrue(Files.isRegularFile(trained.report()));
        assertTrue(trained.metrics().mean() > 0.05, "finds the fixture's signal: " + trained.metrics().mean());
    }

    @Test
    void theSameDataAndConfigGiveAByteIdenticalModelFileAcrossRunsAndJvms() throws Exception {
        Path again = ModelFixtures.train(config(dir.resolve("models"), "lgbt", 30), data,
                ModelFixtures.boosters(dir.resolve("desk")), dir.resolve("reports"), 1).booster();
        Map<String, String> otherJvm = ModelFixtures.runInAnotherJvm(LgbmTrainOnce.class, List.of(),
                List.of("model-sha256"), dir.resolve("jvm").toString());

        byte[] model = ModelFixtures.bytes(trained.booster());
        assertArrayEquals(model, ModelFixtures.bytes(again));
        assertEquals(Sha256.of(model), otherJvm.get("model-sha256"));
    }

    @Test
    void rowGroupsStreamedIntoLightGbmGiveTheModelLightGbmTrainsFromAFloatMatrixOfTheSameRows() throws Exception {
        // several row groups, and missing values, so that the rows come in batches and some are NaN
        Path files = dir.resolve("groups");
        new SyntheticDataset(ModelFixtures.SPEC).write(files, List.of(DatasetFile.values()),
                ParquetLayout.defaults().withRowGroupRows(1000).withFeatureNullRate(0.02));
        ModelTraining.DataFiles grouped = new ModelTraining.DataFiles(files.resolve(DatasetCache.TRAIN),
                files.resolve(DatasetCache.VALIDATION), files.resolve(DatasetCache.FEATURES));
        ModelConfig config = config(dir.resolve("models"), "lgbt", 30);
        Path streamed = ModelFixtures.train(config, grouped, ModelFixtures.boosters(dir.resolve("desk")),
                dir.resolve("reports"), 2).booster();

        List<String> features = FeatureSets.load(grouped.features()).featureSet("small");
        FeatureFrame train = new ParquetFrameReader().read(grouped.train(), features, List.of("target"));
        int[] rows = EraSelection.rows(train, "target", 2, null);
        assertTrue(rows.length > 2000 && rows.length < train.rowCount(), "every 2nd era: " + rows.length);
        String params = LgbmParams.text(LgbmParams.of(config));

        assertEquals(lightGbmsOwnFloatTraining(train, features, rows, params, 30),
                Files.readString(streamed, StandardCharsets.UTF_8));
    }

    @Test
    void predictsWhatLightGbmItselfPredictsFromTheSavedFileWhateverTheLiveColumnOrder() throws Exception {
        ModelConfig config = config(dir.resolve("models"), "lgbt", 30);
        Path live = data.train().resolveSibling(DatasetCache.LIVE);
        try (BoosterFile booster = BoosterFile.load(config, trained.booster())) {
            List<String> names = booster.featureNames();
            assertEquals(SPEC_SMALL, names.size());
            FeatureFrame frame = new ParquetFrameReader().read(live, names, List.of());

            double[] ours = booster.lightGbm().predict(frame, null);
            double[] expected = lightGbmsOwnPredict(trained.booster(), rowMajor(frame, names), frame.rowCount(),
                    names.size());
            assertEquals(frame.rowCount(), ours.length);
            for (int i = 0; i < ours.length; i++) {
                assertEquals(expected[i], ours[i], 1e-9, "row " + i);
            }
            assertTrue(java.util.Arrays.stream(ours).distinct().count() > 10, "the model predicts more than a constant");

            FeatureFrame shuffled = shuffledColumns(frame, new Random(3));
            assertTrue(!shuffled.featureNames().equals(names));
            assertArrayEquals(ours, booster.lightGbm().predict(shuffled, null));
            float[] asPredictWritesThem = booster.predict(names, shuffled);
            for (int i = 0; i < ours.length; i++) {
                assertEquals((float) ours[i], asPredictWritesThem[i]);
            }
        }
    }

    @Test
    void predictWritesAnXgboostAndALightGbmModelSideBySideFromTheirTrainedFiles() throws Exception {
        BoosterStore store = ModelFixtures.boosters(dir.resolve("desk"));
        ModelConfig xgb = ModelFixtures.config(dir.resolve("models"), "xgbt", 5);
        ModelConfig lgbm = config(dir.resolve("models"), "lgbt", 30);
        ModelFixtures.train(xgb, data, store, dir.resolve("reports"), 1);
        Path model = ModelFixtures.train(lgbm, data, store, dir.resolve("reports"), 1).booster();
        Path live = data.train().resolveSibling(DatasetCache.LIVE);
        ModelPredictions.LiveData liveData = new ModelPredictions.LiveData() {
            @Override
            public Path liveFile(String dataVersion) {
                return live;
            }

            @Override
            public Path featuresJson(String dataVersion) {
                return data.features();
            }
        };

        PredictionRecord record = new ModelPredictions(dir.resolve("out"), PredictionTransform.RAW, store)
                .run(List.of(xgb, lgbm), liveData, 1294);

        record.requireNoFailures();
        assertEquals(List.of("xgbt", "lgbt"), record.files().stream().map(f -> f.model()).toList());
        assertEquals(new PredictionRecord.BoosterUsed(model, "trained", Sha256.of(model)),
                record.boosters().get("lgbt"));
        List<String> names;
        double[] direct;
        try (BoosterFile booster = BoosterFile.load(lgbm, model)) {
            names = booster.featureNames();
            direct = booster.lightGbm().predict(new ParquetFrameReader().read(live, names, List.of()), null);
        }
        List<String> lines = Files.readAllLines(record.files().get(1).path());
        assertEquals(direct.length + 1, lines.size());
        for (int i = 0; i < direct.length; i++) {
            // the CSV carries the desk's float32 predictions, as it does XGBoost's
            assertEquals((float) direct[i], Float.parseFloat(lines.get(i + 1).split(",")[1]), "row " + i);
        }
    }

    @Test
    void modelsSideBySideLeaveALightGbmConfigsThreadCountAsItIsForItsModelDependsOnIt() throws Exception {
        ModelConfig lgbm = config(dir.resolve("models"), "lgbt", 30);

        ModelConfig shared = new ParallelModels(2, 8).withThreadShare(lgbm);

        assertEquals(lgbm.params(), shared.params());
        assertEquals(LgbmParams.DEFAULT_THREADS, LgbmParams.of(shared).get("num_threads"));
    }

    @Test
    void theMemoryCheckCountsLightGbmsSmallBinsNotXgboostsFloatMatrix() throws Exception {
        long gib = 1L << 30;
        // 500k rows x 2,376 features on a 16 GiB machine with an 8 GiB heap: 15 GB as XGBoost floats, 3.4 as bins
        ModelException xgb = assertThrows(ModelException.class,
                () -> TrainingMemory.check("xgbm", 500_000, 2376, 1, 8 * gib, 16 * gib));
        assertTrue(xgb.getMessage().contains("XGBoost takes float32"), xgb.getMessage());
        TrainingMemory.checkLightGbm("lgbm", 500_000, 50_000, 2376, 1, 8 * gib, 16 * gib);

        // on 10 GiB (2 beside the heap) LightGBM does not fit either, and is told how many eras would
        ModelException lgbm = assertThrows(ModelException.class,
                () -> TrainingMemory.checkLightGbm("lgbm", 500_000, 50_000, 2376, 1, 8 * gib, 10 * gib));
        assertTrue(lgbm.getMessage().contains("Model lgbm") && lgbm.getMessage().contains("LightGBM's Dataset")
                && lgbm.getMessage().contains("-Dnumerai.train.eraStep=2"), lgbm.getMessage());
        // its heap is a row group at a time, not the whole file: 1 GiB streams 500k rows in row groups of 50k
        TrainingMemory.checkLightGbm("lgbm", 500_000, 50_000, 2376, 1, gib, 16 * gib);
        ModelException heap = assertThrows(ModelException.class,
                () -> TrainingMemory.checkLightGbm("lgbm", 500_000, 500_000, 2376, 1, gib, 16 * gib));
        assertTrue(heap.getMessage().contains("Java heap") && heap.getMessage().contains("row groups of 500,000")
                && heap.getMessage().contains("MAVEN_OPTS=-Xmx4g"), heap.getMessage());
    }

    @Test
    void aLibraryThatIsNotOneIsRefusedNamingTheFileAndKey() throws Exception {
        Path file = write("bad.json", "{\"name\": \"bad\", \"library\": \"catboost\", \"dataVersion\": \"v5.0\","
                + " \"featureSet\": \"small\"}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigs.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("\"library\" is \"catboost\"")
                && e.getMessage().contains("[xgboost, lightgbm]"), e.getMessage());
    }

    @Test
    void aBoosterNamedInTheOtherLibrarysFormatIsRefusedNamingTheFileAndKey() throws Exception {
        Path lgbm = write("lg.json", "{\"name\": \"lg\", \"library\": \"lightgbm\", \"dataVersion\": \"v5.0\","
                + " \"featureSet\": \"small\", \"booster\": \"lg.model.json\"}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigs.read(lgbm));
        assertTrue(e.getMessage().contains(lgbm.toString()) && e.getMessage().contains("\"booster\" is"
                + " \"lg.model.json\", xgboost's format"), e.getMessage());

        Path xgb = write("xg.json", "{\"name\": \"xg\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"booster\": \"xg.model.txt\"}");
        e = assertThrows(ModelConfigException.class, () -> ModelConfigs.read(xgb));
        assertTrue(e.getMessage().contains(xgb.toString()) && e.getMessage().contains("lightgbm's format"),
                e.getMessage());
    }

    @Test
    void libraryAndItsOlderNameTypeMustAgree() throws Exception {
        Path file = write("both.json", "{\"name\": \"both\", \"type\": \"xgboost\", \"library\": \"lightgbm\","
                + " \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelConfigs.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("\"type\""), e.getMessage());
    }

    @Test
    void defaultsKeepEveryExistingConfigXgboostAndNameLightGbmModelsModelTxt() throws Exception {
        ModelConfig xgb = ModelConfigs.read(write("x.json", "{\"name\": \"x\", \"dataVersion\": \"v5.0\","
                + " \"featureSet\": \"small\"}"));
        ModelConfig lgbm = ModelConfigs.read(write("l.json", "{\"name\": \"l\", \"library\": \"lightgbm\","
                + " \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}"));
        assertEquals(ModelLibrary.XGBOOST, xgb.library());
        assertEquals(dir.resolve("x.model.json").toAbsolutePath(), xgb.booster());
        assertEquals(ModelLibrary.LIGHTGBM, lgbm.library());
        assertEquals(dir.resolve("l.model.txt").toAbsolutePath(), lgbm.booster());
        assertEquals(dir.resolve("s").resolve("boosters").resolve("l.model.txt"),
                BoosterStore.inDataDirectory(dir.resolve("s")).trainedBooster(lgbm));
    }

    @Test
    void aModelFileOfTheOtherLibrarysFormatIsRefusedNamingTheFileAndTheKey() throws Exception {
        ModelConfig lgbm = ModelConfigs.read(write("l.json", "{\"name\": \"l\", \"library\": \"lightgbm\","
                + " \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}"));
        Files.writeString(lgbm.booster(), "{\"learner\": {\"gradient_booster\": {}}}");
        ModelException e = assertThrows(ModelException.class, () -> BoosterFile.load(lgbm, lgbm.booster()));
        assertTrue(e.getMessage().contains(lgbm.booster().toString()) && e.getMessage().contains("XGBoost's format")
                && e.getMessage().contains("\"library\""), e.getMessage());

        ModelConfig xgb = ModelConfigs.read(write("x.json", "{\"name\": \"x\", \"dataVersion\": \"v5.0\","
                + " \"featureSet\": \"small\"}"));
        Files.copy(trained.booster(), xgb.booster());
        e = assertThrows(ModelException.class, () -> BoosterFile.load(xgb, xgb.booster()));
        assertTrue(e.getMessage().contains(xgb.booster().toString()) && e.getMessage().contains("LightGBM model")
                && e.getMessage().contains("\"library\""), e.getMessage());
    }

    @Test
    void unknownLightGbmParamsAreLightGbmsErrorNamingTheConfig() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models-bad"));
        ModelConfig config = ModelConfigs.read(Files.writeString(models.resolve("badp.json"), "{\"name\": \"badp\","
                + " \"library\": \"lightgbm\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"numBoostRound\": 2, \"params\": {\"objective\": \"no_such_objective\"}}"));
        ModelException e = assertThrows(ModelException.class, () -> ModelFixtures.train(config, data,
                ModelFixtures.boosters(dir.resolve("desk")), dir.resolve("reports"), 1));
        assertTrue(e.getMessage().contains("badp") && e.getMessage().contains("no_such_objective"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("desk").resolve("boosters").resolve("badp.model.txt")));
    }

    private Path write(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    /**
     * What Python's lightgbm does with a float32 array of the rows: LightGBM's own Dataset from the whole matrix
     * ({@code LGBM_DatasetCreateFromMat}: its own bin sample, its own pushing), the same params, the same rounds.
     */
    static String lightGbmsOwnFloatTraining(FeatureFrame frame, List<String> features, int[] rows, String params,
            int rounds) {
        int width = features.size();
        SWIGTYPE_p_float matrix = lightgbmlib.new_floatArray((long) rows.length * width);
        SWIGTYPE_p_float labels = lightgbmlib.new_floatArray(rows.length);
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        float[] target = frame.target("target");
        for (int j = 0; j < width; j++) {
            byte[] column = frame.feature(features.get(j));
            for (int i = 0; i < rows.length; i++) {
                byte value = column[rows[i]];
                lightgbmlib.floatArray_setitem(matrix, (long) i * width + j,
                        value == FeatureFrame.MISSING ? Float.NaN : value);
            }
        }
        for (int i = 0; i < rows.length; i++) {
            lightgbmlib.floatArray_setitem(labels, i, target[rows[i]]);
        }
        try {
            assertEquals(0, lightgbmlib.LGBM_DatasetCreateFromMat(lightgbmlib.float_to_voidp_ptr(matrix),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32, rows.length, width, 1, params, null, out),
                    lightgbmlib.LGBM_GetLastError());
            SWIGTYPE_p_void dataset = lightgbmlib.voidpp_value(out);
            try {
                assertEquals(0, lightgbmlib.LGBM_DatasetSetFeatureNames(dataset, features.toArray(String[]::new),
                        width));
                assertEquals(0, lightgbmlib.LGBM_DatasetSetField(dataset, "label",
                        lightgbmlib.float_to_voidp_ptr(labels), rows.length, lightgbmlibConstants.C_API_DTYPE_FLOAT32));
                assertEquals(0, lightgbmlib.LGBM_BoosterCreate(dataset, params, out), lightgbmlib.LGBM_GetLastError());
                SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(out);
                try {
                    for (int round = 0; round < rounds; round++) {
                        assertEquals(0, lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished));
                    }
                    return lightgbmlib.LGBM_BoosterSaveModelToStringSWIG(booster, 0, -1,
                            lightgbmlibConstants.C_API_FEATURE_IMPORTANCE_SPLIT, 1 << 20, length);
                } finally {
                    lightgbmlib.LGBM_BoosterFree(booster);
                }
            } finally {
                lightgbmlib.LGBM_DatasetFree(dataset);
            }
        } finally {
            lightgbmlib.delete_floatArray(matrix);
            lightgbmlib.delete_floatArray(labels);
            lightgbmlib.delete_voidpp(out);
            lightgbmlib.delete_intp(finished);
            lightgbmlib.delete_int64_tp(length);
        }
    }

    /** LightGBM's C API on its own: the model file loaded by LightGBM, doubles in, doubles out. */
    static double[] lightGbmsOwnPredict(Path modelFile, double[] rowMajor, int rows, int columns) {
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        assertEquals(0, lightgbmlib.LGBM_BoosterCreateFromModelfile(modelFile.toString(), iterations, out));
        SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(out);
        SWIGTYPE_p_double input = lightgbmlib.new_doubleArray(rowMajor.length);
        SWIGTYPE_p_double result = lightgbmlib.new_doubleArray(rows);
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            for (int i = 0; i < rowMajor.length; i++) {
                lightgbmlib.doubleArray_setitem(input, i, rowMajor[i]);
            }
            assertEquals(0, lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.double_to_voidp_ptr(input),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT64, rows, columns, 1,
                    lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, "", length, result),
                    lightgbmlib.LGBM_GetLastError());
            assertEquals(rows, lightgbmlib.int64_tp_value(length));
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = lightgbmlib.doubleArray_getitem(result, i);
            }
            return values;
        } finally {
            lightgbmlib.LGBM_BoosterFree(booster);
            lightgbmlib.delete_doubleArray(input);
            lightgbmlib.delete_doubleArray(result);
            lightgbmlib.delete_int64_tp(length);
            lightgbmlib.delete_intp(iterations);
            lightgbmlib.delete_voidpp(out);
        }
    }

    static double[] rowMajor(FeatureFrame frame, List<String> names) {
        double[] values = new double[frame.rowCount() * names.size()];
        for (int j = 0; j < names.size(); j++) {
            byte[] column = frame.feature(names.get(j));
            for (int i = 0; i < frame.rowCount(); i++) {
                values[i * names.size() + j] = column[i] == FeatureFrame.MISSING ? Double.NaN : column[i];
            }
        }
        return values;
    }

    private static FeatureFrame shuffledColumns(FeatureFrame frame, Random random) {
        List<String> names = new ArrayList<>(frame.featureNames());
        Collections.shuffle(names, random);
        byte[][] columns = names.stream().map(frame::feature).toArray(byte[][]::new);
        return new FeatureFrame(frame.ids().toArray(String[]::new), frame.eras().toArray(String[]::new),
                frame.dataTypes().toArray(String[]::new), names, columns, List.of(), new float[0][]);
    }
}
