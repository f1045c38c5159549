package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.io.Sha256;
import java.nio.file.Path;

/**
 * Trains the LightGBM fixture config in a JVM of its own and prints the model file's SHA-256: the determinism test
 * compares it with the model trained in the test's JVM. Argument: working directory.
 */
public final class LgbmTrainOnce {
    private LgbmTrainOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ModelTraining.DataFiles data = ModelFixtures.dataset(dir.resolve("data"));
        ModelConfig config = LightGbmModelTest.config(dir.resolve("models"), "lgbt", 30);
        ModelTraining.Outcome outcome = ModelFixtures.train(config, data,
                ModelFixtures.boosters(dir.resolve("desk-data")), dir.resolve("reports"), 1);
        System.out.println("model-sha256=" + Sha256.of(outcome.booster()));
    }
}
