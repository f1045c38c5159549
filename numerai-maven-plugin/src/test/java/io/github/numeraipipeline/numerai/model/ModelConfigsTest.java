package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigsTest {
    /** The configs the repository ships, which the desk runs. */
    private static final Path REPOSITORY_MODELS = Path.of("..", "models");

    @TempDir
    Path dir;

    private Path write(String file, String json) throws IOException {
        return Files.writeString(dir.resolve(file), json);
    }

    private String messageOf(ThrowingLoad load) {
        return assertThrows(ModelConfigException.class, load::run).getMessage();
    }

    private interface ThrowingLoad {
        void run() throws Exception;
    }

    @Test
    void theShippedConfigsAreTheDesksLightGbmAndTwoXgboostModels() throws Exception {
        List<ModelConfig> configs = ModelConfigs.load(REPOSITORY_MODELS, List.of());

        assertEquals(List.of("lgba", "xgba", "xgbb"), configs.stream().map(ModelConfig::name).toList());
        // Numerai's example model's shape, with 200 rounds instead of 2,000 so that the sandbox's daily run is quick
        ModelConfig lgba = configs.get(0);
        assertEquals(ModelLibrary.LIGHTGBM, lgba.library());
        assertEquals("small", lgba.featureSet());
        assertEquals(200, lgba.numBoostRound());
        assertEquals(Map.of("objective", "regression", "learning_rate", 0.01, "num_leaves", 31, "max_depth", 5,
                "feature_fraction", 0.1, "seed", 42), lgba.params());
        assertEquals(REPOSITORY_MODELS.resolve("lgba.model.txt").toAbsolutePath().normalize(), lgba.booster());
        ModelConfig xgba = configs.get(1);
        assertEquals("v5.0", xgba.dataVersion());
        assertEquals("small", xgba.featureSet());
        assertEquals("target", xgba.target());
        assertEquals(200, xgba.numBoostRound());
        assertEquals(Map.of("objective", "reg:squarederror", "tree_method", "hist", "max_depth", 5, "eta", 0.1,
                "subsample", 0.8, "colsample_bytree", 0.8, "seed", 42), xgba.params());
        assertEquals(REPOSITORY_MODELS.resolve("xgba.model.json").toAbsolutePath().normalize(), xgba.booster());
        ModelConfig xgbb = configs.get(2);
        assertEquals(100, xgbb.numBoostRound());
        assertEquals(Map.of("objective", "reg:squarederror", "tree_method", "hist", "max_depth", 8, "eta", 0.01,
                "subsample", 0.7, "colsample_bytree", 0.7, "seed", 42), xgbb.params());
    }

    @Test
    void addingAModelIsAddingAFileAndBoostersAreNotConfigs() throws Exception {
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");
        write("b.json", "{\"name\": \"b\", \"dataVersion\": \"v5.2\", \"featureSet\": \"medium\", \"booster\": \"x/b.json\"}");
        write("a.model.json", "{\"learner\": {}}");

        List<ModelConfig> configs = ModelConfigs.load(dir, List.of());

        assertEquals(List.of("a", "b"), configs.stream().map(ModelConfig::name).toList());
        assertEquals(dir.resolve("a.model.json").toAbsolutePath(), configs.get(0).booster());
        assertEquals("target", configs.get(0).target());
        assertEquals(0, configs.get(0).numBoostRound(), "not given: a predict-only config");
        assertEquals(dir.resolve("x/b.json").toAbsolutePath(), configs.get(1).booster());
    }

    @Test
    void numeraiModelsPicksConfigsByNameAndNamesTheOnesThereAre() throws Exception {
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");
        write("b.json", "{\"name\": \"b\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");

        assertEquals("b", ModelConfigs.load(dir, List.of(" b")).get(0).name());
        String message = messageOf(() -> ModelConfigs.load(dir, List.of("c")));
        assertTrue(message.contains("numerai.models names \"c\"") && message.contains("[a, b]"), message);
    }

    @Test
    void anUnknownKeyIsNamedWithTheFile() throws Exception {
        Path file = write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"max_depth\": 5}");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains(file.toString()) && message.contains("unknown key \"max_depth\""), message);
        assertTrue(message.contains("inside \"params\""), message);
    }

    @Test
    void aWrongTypeIsNamedWithTheKey() throws Exception {
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"numBoostRound\": \"200\"}");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains("\"numBoostRound\" must be a whole number"), message);
    }

    @Test
    void aMissingRequiredKeyIsNamed() throws Exception {
        write("a.json", "{\"name\": \"a\", \"featureSet\": \"small\"}");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains("lacks \"dataVersion\""), message);
    }

    @Test
    void notJsonIsSaidWithTheLine() throws Exception {
        write("a.json", "{\"name\": \"a\",\n \"dataVersion\": v5 }");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains("is not valid JSON") && message.contains("line 2"), message);
    }

    @Test
    void twoConfigsWithOneNameAreRefused() throws Exception {
        write("a.json", "{\"name\": \"same\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");
        write("b.json", "{\"name\": \"same\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains("Two model configs are named \"same\""), message);
    }

    @Test
    void paramsMustBePlainValues() throws Exception {
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"params\": {\"x\": [1]}}");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains("\"params\".x must be a number, string or boolean"), message);
    }

    @Test
    void aMissingModelsDirectoryNamesTheParameter() {
        String message = messageOf(() -> ModelConfigs.load(dir.resolve("nope"), List.of()));
        assertTrue(message.contains("does not exist") && message.contains("-Dnumerai.modelsDirectory"), message);
    }

    @Test
    void anUnknownLearnerTypeIsRefused() throws Exception {
        write("a.json", "{\"name\": \"a\", \"type\": \"catboost\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");

        String message = messageOf(() -> ModelConfigs.load(dir, List.of()));
        assertTrue(message.contains("\"type\" is \"catboost\""), message);
    }
}
