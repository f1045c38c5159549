package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.io.Sha256;
import java.nio.file.Path;

/**
 * Trains the fixture config in a JVM of its own and prints the booster's SHA-256: the determinism test runs it to
 * compare boosters across JVMs. Arguments: working directory, nthread.
 */
public final class TrainOnce {
    private TrainOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ModelTraining.DataFiles data = ModelFixtures.dataset(dir.resolve("data"));
        ModelConfig config = ModelFixtures.config(dir.resolve("models"), "xgbt", 30);
        ModelConfig threaded = withThreads(config, Integer.parseInt(args[1]));
        ModelTraining.Outcome outcome = ModelFixtures.train(threaded, data,
                ModelFixtures.boosters(dir.resolve("desk-data")), dir.resolve("reports"), 1);
        System.out.println("booster-sha256=" + Sha256.of(outcome.booster()));
    }

    static ModelConfig withThreads(ModelConfig config, int threads) {
        return config.withParam("nthread", threads);
    }
}
