package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rule for where a model's booster is read from and written to: a booster beside its config wins; else the
 * one the desk trained into {@code <dataDirectory>/boosters}, as long as its manifest vouches for it; sandbox runs
 * only ever use their own.
 */
class BoosterStoreTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static ModelTraining.DataFiles data;

    @BeforeAll
    static void writeDataset() throws Exception {
        data = ModelFixtures.dataset(shared.resolve("datasets"));
    }

    private Path models() {
        return dir.resolve("models");
    }

    private BoosterStore desk() {
        return BoosterStore.inDataDirectory(dir.resolve("data"));
    }

    private Path train(ModelConfig config, BoosterStore boosters) throws Exception {
        return ModelFixtures.train(config, data, boosters, dir.resolve("reports"), 1).booster();
    }

    @Test
    void theDeskTrainsIntoTheDataDirectoryAndPredictFindsItThere() throws Exception {
        ModelConfig config = ModelFixtures.config(models(), "xgbt", 5);

        Path trained = train(config, desk());

        assertEquals(dir.resolve("data/boosters/xgbt.model.json").toAbsolutePath(), trained);
        assertEquals(dir.resolve("data/boosters/xgbt.manifest.json").toAbsolutePath(), desk().trainedManifest(config));
        BoosterStore.Lookup lookup = desk().lookup(config);
        assertEquals(new BoosterStore.Located(trained, BoosterStore.Origin.TRAINED), lookup.booster());
        assertNull(lookup.reason());
        assertEquals("trained", lookup.booster().origin().id());
    }

    @Test
    void aBoosterBesideItsConfigWinsAndTrainingNeverWritesIt() throws Exception {
        ModelConfig config = ModelFixtures.config(models(), "xgbt", 5);
        Path trained = train(ModelFixtures.config(dir.resolve("elsewhere"), "xgbt", 3), desk());
        byte[] brought = Files.readAllBytes(trained);
        Files.write(config.booster(), brought);

        Path retrained = train(config, desk());

        assertArrayEquals(brought, Files.readAllBytes(config.booster()), "the committed booster is left alone");
        assertFalse(java.util.Arrays.equals(brought, Files.readAllBytes(retrained)));
        assertEquals(new BoosterStore.Located(config.booster(), BoosterStore.Origin.CONFIG),
                desk().lookup(config).booster());
        assertEquals(dir.resolve("models/xgbt.model.json").toAbsolutePath(), config.booster());
    }

    @Test
    void withoutAnyBoosterTheMessageNamesBothPlacesAndTheFix() throws Exception {
        ModelConfig config = ModelFixtures.config(models(), "xgbt", 5);

        BoosterStore.Lookup lookup = desk().lookup(config);
        String message = assertThrows(ModelException.class, lookup::require).getMessage();

        assertFalse(lookup.found());
        assertTrue(message.startsWith("Model xgbt has no booster: none beside its config (" + config.booster()), message);
        assertTrue(message.contains("none trained by the desk (" + desk().trainedBooster(config) + ")"), message);
        assertTrue(message.contains("Train it with numerai:train") && message.contains("put an XGBoost JSON model"
                + " beside the config"), message);
    }

    @Test
    void aTrainedBoosterCountsOnlyForTheConfigItWasTrainedFrom() throws Exception {
        ModelConfig config = ModelFixtures.config(models(), "xgbt", 5);
        train(config, desk());
        String original = Files.readString(config.source());

        Files.writeString(config.source(), original.replace("\"eta\": 0.1", "\"eta\": 0.3"));
        BoosterStore.Lookup edited = desk().lookup(config);
        Files.writeString(config.source(), original);
        BoosterStore.Lookup restored = desk().lookup(config);

        assertFalse(edited.found());
        assertTrue(edited.reason().contains("was trained from another version of " + config.source()),
                edited.reason());
        assertTrue(assertThrows(ModelException.class, edited::require).getMessage().contains("Train it again"));
        assertTrue(restored.found());
    }

    @Test
    void aTrainedBoosterWhoseManifestDoesNotVouchForItCountsAsMissing() throws Exception {
        ModelConfig config = ModelFixtures.config(models(), "xgbt", 5);
        Path trained = train(config, desk());
        byte[] other = Files.readAllBytes(train(ModelFixtures.config(dir.resolve("other"), "xgbt", 3),
                BoosterStore.inDataDirectory(dir.resolve("other-data"))));

        // A run killed after the new booster was written, before its manifest
        Files.write(trained, other);
        BoosterStore.Lookup replaced = desk().lookup(config);
        Files.delete(desk().trainedManifest(config));
        BoosterStore.Lookup noManifest = desk().lookup(config);

        assertFalse(replaced.found());
        assertTrue(replaced.reason().contains("describes another booster"), replaced.reason());
        assertFalse(noManifest.found());
        assertTrue(noManifest.reason().contains("has no readable manifest"), noManifest.reason());
    }

    @Test
    void sandboxRunsUseOnlyTheSandboxsOwnBoostersNeverTheOnesBesideTheConfigs() throws Exception {
        ModelConfig config = ModelFixtures.config(models(), "xgbt", 5);
        Path real = train(ModelFixtures.config(dir.resolve("real"), "xgbt", 3), desk());
        Files.copy(real, config.booster());
        BoosterStore sandbox = BoosterStore.inSandbox(dir.resolve("data/sandbox/shape"));

        BoosterStore.Lookup before = sandbox.lookup(config);
        Path trained = train(config, sandbox);

        assertFalse(before.found(), "a real booster is not used on made-up data");
        assertTrue(assertThrows(ModelException.class, before::require).getMessage()
                .contains("sandbox runs never use the boosters beside the configs"));
        assertEquals(dir.resolve("data/sandbox/shape/boosters/xgbt.model.json").toAbsolutePath(), trained);
        assertEquals(new BoosterStore.Located(trained, BoosterStore.Origin.SANDBOX), sandbox.lookup(config).booster());
        assertArrayEquals(Files.readAllBytes(real), Files.readAllBytes(config.booster()));
        assertEquals(BoosterStore.Origin.CONFIG, desk().lookup(config).booster().origin(),
                "outside the sandbox the booster beside the config still wins");
    }
}
