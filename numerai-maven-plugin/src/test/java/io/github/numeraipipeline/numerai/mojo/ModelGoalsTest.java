package io.github.numeraipipeline.numerai.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals on models refuse bad parameters before any work, naming the parameter and the fix. */
@MojoTest
class ModelGoalsTest {
    private static final String POM = "src/test/resources/unit/models/pom.xml";
    /** The configs the repository ships. */
    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private String failureOf(AbstractMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", temp.resolve("out").toFile());
        MojoExtension.setVariableValueToObject(mojo, "dataDirectory", temp.resolve("data").toFile());
        mojo.setPluginContext(new HashMap<>());
        return assertThrows(MojoFailureException.class, mojo::execute).getMessage();
    }

    @Test
    @InjectMojo(goal = "train", pom = POM)
    @MojoParameter(name = "eraStep", value = "0")
    void trainRefusesAnEraStepBelowOne(TrainMojo mojo) throws Exception {
        String message = failureOf(mojo);

        assertTrue(message.contains("numerai.train.eraStep=0 must be at least 1"), message);
        assertFalse(Files.exists(temp.resolve("data")), "nothing fetched");
    }

    @Test
    @InjectMojo(goal = "train", pom = POM)
    @MojoParameter(name = "sandbox", value = "false")
    @MojoParameter(name = "onlyMissing", value = "true")
    void trainOnlyMissingLeavesAModelWithABoosterBesideItsConfigAlone(TrainMojo mojo) throws Exception {
        Path models = Files.createDirectories(temp.resolve("models"));
        Files.copy(MODELS.resolve("xgba.json"), models.resolve("xgba.json"));
        Files.writeString(models.resolve("xgba.model.json"), "{\"brought\": \"by the desk\"}");
        MojoExtension.setVariableValueToObject(mojo, "modelsDirectory", models.toFile());
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", temp.resolve("out").toFile());
        MojoExtension.setVariableValueToObject(mojo, "dataDirectory", temp.resolve("data").toFile());
        mojo.setPluginContext(new HashMap<>());
        List<String> said = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                said.add(content.toString());
            }
        });

        mojo.execute();

        assertTrue(said.contains("Model xgba: booster " + models.resolve("xgba.model.json").toAbsolutePath()
                + " (beside its config) is there; not training (numerai.train.onlyMissing)"), said.toString());
        assertFalse(Files.exists(temp.resolve("data")), "nothing downloaded, nothing trained");
        assertEquals("{\"brought\": \"by the desk\"}", Files.readString(models.resolve("xgba.model.json")));
    }

    @Test
    @InjectMojo(goal = "train", pom = POM)
    @MojoParameter(name = "sandbox", value = "false")
    void trainFailsBeforeAnyDownloadWhenTheDataDirectoryCannotKeepItsBoosters(TrainMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "modelsDirectory", MODELS.toFile());
        MojoExtension.setVariableValueToObject(mojo, "outputDirectory", temp.resolve("out").toFile());
        Path notAFolder = Files.writeString(temp.resolve("data"), "a file where the data directory should be");
        MojoExtension.setVariableValueToObject(mojo, "dataDirectory", notAFolder.toFile());
        // Were it to download first, it would ask Numerai itself: the default numerai.apiUrl.
        mojo.setPluginContext(new HashMap<>());

        String message = assertThrows(MojoFailureException.class, mojo::execute).getMessage();

        assertTrue(message.startsWith(notAFolder.resolve("boosters") + " (in numerai.dataDirectory=" + notAFolder
                + ") cannot be written"), message);
        assertTrue(message.contains("trained boosters are kept there")
                && message.contains("point -Dnumerai.dataDirectory at a folder this user can write"), message);
    }

    @Test
    @InjectMojo(goal = "predict", pom = POM)
    @MojoParameter(name = "transform", value = "zscore")
    void predictRefusesAnUnknownTransform(PredictMojo mojo) throws Exception {
        String message = failureOf(mojo);

        assertTrue(message.contains("numerai.predict.transform is \"zscore\"; use rank (the default) or raw"), message);
    }

    @Test
    @InjectMojo(goal = "download", pom = POM)
    @MojoParameter(name = "modelsDirectory", value = "no/such/folder")
    void downloadNamesAModelsDirectoryThatDoesNotExist(DownloadMojo mojo) throws Exception {
        String message = failureOf(mojo);

        assertTrue(message.contains("does not exist") && message.contains("-Dnumerai.modelsDirectory"), message);
    }

    @Test
    @InjectMojo(goal = "download", pom = POM)
    @MojoParameter(name = "lockWait", value = "10 minutes")
    void downloadRefusesALockWaitThatIsNotADurationBeforeFetchingAnything(DownloadMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "modelsDirectory", MODELS.toFile());

        String message = failureOf(mojo);

        assertTrue(message.contains("numerai.lockWait=10 minutes is not an ISO-8601 duration; write for example"
                + " -Dnumerai.lockWait=PT10M"), message);
        assertFalse(Files.exists(temp.resolve("data")), "nothing fetched");
    }

    @Test
    @InjectMojo(goal = "submit", pom = POM)
    void submitWithoutPredictionsSaysToPredictFirst(SubmitMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "modelsDirectory", MODELS.toFile());

        String message = failureOf(mojo);

        // the repository's three models, each named with the file it lacks
        assertTrue(message.contains("No predictions file for lgba (") && message.contains("xgba (")
                && message.contains("xgbb (") && message.contains("run numerai:predict first"), message);
    }
}
