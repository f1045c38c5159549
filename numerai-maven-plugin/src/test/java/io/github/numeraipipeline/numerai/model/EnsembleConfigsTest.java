package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config keys of issue 16: "ensemble", "neutralize", "submit"; each bad value names the file, key and fix. */
class EnsembleConfigsTest {
    private static final String XGBA = "{\"name\": \"xgba\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}";
    private static final String XGBB = "{\"name\": \"xgbb\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}";

    @TempDir
    Path dir;

    private Path write(String file, String json) throws IOException {
        return Files.writeString(dir.resolve(file), json);
    }

    private String failure(String ensembleJson) throws IOException {
        write("xgba.json", XGBA);
        write("xgbb.json", XGBB);
        Path file = write("ens.json", ensembleJson);
        String message = assertThrows(ModelConfigException.class, () -> ModelConfigs.load(dir, List.of()))
                .getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        return message;
    }

    @Test
    void anEnsembleNamesItsMembersAndWeightsAndHasNoBooster() throws Exception {
        write("xgba.json", XGBA);
        write("xgbb.json", XGBB);
        write("ens.json", "{\"name\": \"ens\", \"dataVersion\": \"v5.2\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"], \"weights\": [0.75, 0.25]}}");

        ModelConfig ens = ModelConfigs.load(dir, List.of()).get(0);

        assertEquals("ens", ens.name());
        assertTrue(ens.isEnsemble());
        assertEquals(ModelConfig.ENSEMBLE_TYPE, ens.type());
        assertEquals(List.of("xgba", "xgbb"), ens.ensemble().members());
        assertEquals(List.of(0.75, 0.25), ens.ensemble().weights());
        assertNull(ens.booster());
        assertTrue(ens.submit());
    }

    @Test
    void weightsLeftOutAreEqual() throws Exception {
        write("xgba.json", XGBA);
        write("xgbb.json", XGBB);
        write("ens.json", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"]}}");

        assertEquals(List.of(1.0, 1.0), ModelConfigs.load(dir, List.of("ens")).get(0).ensemble().weights());
    }

    @Test
    void anUnknownMemberIsNamedWithTheConfigsThereAre() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbc\"], \"weights\": [0.5, 0.5]}}");
        assertTrue(message.contains("\"ensemble.members\" names \"xgbc\"") && message.contains("[ens, xgba, xgbb]"),
                message);
    }

    @Test
    void weightsMustMatchTheMembers() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"], \"weights\": [1]}}");
        assertTrue(message.contains("\"ensemble.weights\" has 1 weights for 2 members"), message);
        message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\","
                + " \"ensemble\": {\"members\": [\"xgba\", \"xgbb\"], \"weights\": [1, -1]}}");
        assertTrue(message.contains("\"ensemble.weights\" must be positive numbers, found -1"), message);
    }

    @Test
    void aCycleIsRefusedShowingThePath() throws Exception {
        write("xgba.json", XGBA);
        write("e1.json", "{\"name\": \"e1\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgba\", \"e2\"]}}");
        write("e2.json", "{\"name\": \"e2\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"e1\"]}}");

        String message = assertThrows(ModelConfigException.class, () -> ModelConfigs.load(dir, List.of()))
                .getMessage();

        assertTrue(message.contains("e1 -> e2 -> e1") && message.contains("e1.json"), message);
    }

    @Test
    void anEnsembleOfItselfIsRefused() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"ens\"]}}");
        assertTrue(message.contains("names the ensemble itself"), message);
    }

    @Test
    void anEnsembleHasNoBoosterKeys() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"ensemble\": {\"members\": [\"xgba\"]}}");
        assertTrue(message.contains("remove \"featureSet\""), message);
    }

    @Test
    void namingAnEnsembleBringsItsMembersAlongAsInternalConfigs() throws Exception {
        write("xgba.json", XGBA);
        write("xgbb.json", XGBB);
        write("inner.json", "{\"name\": \"inner\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgbb\"]}}");
        write("ens.json", "{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgba\", \"inner\"]}}");

        List<ModelConfig> configs = ModelConfigs.load(dir, List.of("ens"));

        assertEquals(List.of("ens", "xgba", "inner", "xgbb"), configs.stream().map(ModelConfig::name).toList());
        assertTrue(configs.get(0).submit());
        assertFalse(configs.get(1).submit(), "named only as a member: predicted, not uploaded");
        assertEquals(List.of("inner", "ens"), Ensembles.inOrder(configs).stream().map(ModelConfig::name).toList());
    }

    @Test
    void submitFalseKeepsAConfigInternal() throws Exception {
        write("xgba.json", "{\"name\": \"xgba\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"submit\": false}");
        assertFalse(ModelConfigs.load(dir, List.of()).get(0).submit());
        write("xgba.json", "{\"name\": \"xgba\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\", \"submit\": \"no\"}");
        String message = assertThrows(ModelConfigException.class, () -> ModelConfigs.load(dir, List.of())).getMessage();
        assertTrue(message.contains("\"submit\" must be true or false"), message);
    }

    @Test
    void neutralizeTakesAProportionAndAFeatureSetOrAList() throws Exception {
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"neutralize\": {\"proportion\": 0.5, \"featureSet\": \"small\"}}");
        write("b.json", "{\"name\": \"b\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"neutralize\": {\"proportion\": 1, \"features\": [\"feature_x\", \"feature_y\"]}}");

        List<ModelConfig> configs = ModelConfigs.load(dir, List.of());

        assertEquals(new ModelConfig.Neutralize(0.5, "small", List.of()), configs.get(0).neutralize());
        assertEquals(new ModelConfig.Neutralize(1.0, null, List.of("feature_x", "feature_y")),
                configs.get(1).neutralize());
    }

    @Test
    void aProportionOutsideZeroOneIsRefused() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgba\"]},"
                + " \"neutralize\": {\"proportion\": 1.5, \"featureSet\": \"small\"}}");
        assertTrue(message.contains("\"neutralize.proportion\" must be a number from 0 to 1") && message.contains("1.5"),
                message);
    }

    @Test
    void neutralizeNeedsASetOrAListNotBoth() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgba\"]},"
                + " \"neutralize\": {\"proportion\": 0.5, \"featureSet\": \"small\", \"features\": [\"f\"]}}");
        assertTrue(message.contains("either \"featureSet\"") && message.contains("not both"), message);
        message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"ensemble\": {\"members\": [\"xgba\"]},"
                + " \"neutralize\": {\"proportion\": 0.5}}");
        assertTrue(message.contains("not neither"), message);
    }

    @Test
    void validationMetricsAreCorrAndWhatIsAskedFor() throws Exception {
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"validationMetrics\": [\"fnc\", \"mmc\", \"bmc\"], \"benchmarkModel\": \"v52_lgbm_cyrusd20\"}");
        ModelConfig config = ModelConfigs.load(dir, List.of()).get(0);
        assertEquals(List.of("corr", "fnc", "mmc", "bmc"), config.validationMetrics());
        assertEquals("v52_lgbm_cyrusd20", config.benchmarkModel());
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\"}");
        assertEquals(List.of("corr"), ModelConfigs.load(dir, List.of()).get(0).validationMetrics());
        assertNull(ModelConfigs.load(dir, List.of()).get(0).benchmarkModel(), "the version's and target's benchmark");
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"validationMetrics\": [\"corr\", \"payout\"]}");
        String message = assertThrows(ModelConfigException.class, () -> ModelConfigs.load(dir, List.of())).getMessage();
        assertTrue(message.contains("\"validationMetrics\" names \"payout\"")
                && message.contains("[corr, fnc, mmc, bmc]") && message.contains("a.json"), message);
    }

    @Test
    void benchmarkModelOnlyWithBmc() throws Exception {
        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.0\", \"featureSet\": \"small\","
                + " \"validationMetrics\": [\"mmc\"], \"benchmarkModel\": \"v52_lgbm_ender20\"}");
        assertTrue(message.contains("\"benchmarkModel\"") && message.contains("has no \"bmc\""), message);
    }

    @Test
    void anEnsembleMayAskForMmcAndBmcButNotFnc() throws Exception {
        write("ens.json", "{\"name\": \"ens\", \"dataVersion\": \"v5.2\", \"ensemble\": {\"members\": [\"a\"]},"
                + " \"validationMetrics\": [\"mmc\", \"bmc\"]}");
        write("a.json", "{\"name\": \"a\", \"dataVersion\": \"v5.2\", \"featureSet\": \"small\"}");
        ModelConfig ensemble = ModelConfigs.load(dir, List.of("ens")).get(0);
        assertEquals(List.of("corr", "mmc", "bmc"), ensemble.validationMetrics());

        String message = failure("{\"name\": \"ens\", \"dataVersion\": \"v5.2\", \"ensemble\": {\"members\": [\"a\"]},"
                + " \"validationMetrics\": [\"fnc\"]}");
        assertTrue(message.contains("\"fnc\"") && message.contains("no feature set"), message);
    }
}
