package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any target column of the train file may be trained on; one it lacks is an error naming the ones it has. */
class TargetColumnTest {
    @TempDir
    Path dir;

    private ModelConfig config(String target) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        return ModelConfigs.read(Files.writeString(models.resolve("m.json"), "{\"name\": \"m\", \"dataVersion\":"
                + " \"v5.3\", \"featureSet\": \"small\", \"target\": \"" + target + "\", \"numBoostRound\": 3,"
                + " \"params\": {\"objective\": \"reg:squarederror\", \"tree_method\": \"hist\", \"seed\": 42}}"));
    }

    @Test
    void anotherTargetOfTheTrainFileIsTrainedOnAndScoredAgainst() throws Exception {
        ModelTraining.DataFiles data = ModelFixtures.dataset(dir.resolve("data"));

        ModelTraining.Outcome outcome = ModelFixtures.train(config("target_ender_60"), data,
                ModelFixtures.boosters(dir.resolve("desk")), dir.resolve("reports"), 1);

        assertTrue(Files.isRegularFile(outcome.booster()));
        // the validation eras without targets (NaN) are not scored: 8 eras, 2 unresolved
        assertEquals(6, outcome.metrics().eras().size());
        assertTrue(Files.readString(outcome.report().resolveSibling("m.json")).contains("target_ender_60"));
    }

    @Test
    void aTargetTheTrainFileLacksNamesTheConfigTheKeyAndTheTargetsThereAre() throws Exception {
        ModelTraining.DataFiles data = ModelFixtures.dataset(dir.resolve("data"));
        ModelConfig config = config("target_nomad_20");

        ModelException e = assertThrows(ModelException.class, () -> ModelFixtures.train(config, data,
                ModelFixtures.boosters(dir.resolve("desk")), dir.resolve("reports"), 1));

        assertTrue(e.getMessage().contains(config.source().toString())
                && e.getMessage().contains("\"target\" is \"target_nomad_20\"")
                && e.getMessage().contains("target, target_ender_20, target_ender_60, target_cyrusd_20"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("desk").resolve("boosters").resolve("m.model.json")));
    }
}
