package io.github.numeraipipeline.numerai.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boosts a config's rounds one at a time, so that a person watching sees how far it is every few seconds. The
 * booster is the same as {@code XGBoost.train} with all rounds at once, and the same for the same data and params,
 * byte for byte, across runs, JVMs and thread counts (the hist method's sums are ordered), which the tests check.
 */
final class XgbTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(XgbTrainer.class);

    private final Duration progressEvery;

    XgbTrainer(Duration progressEvery) {
        this.progressEvery = progressEvery;
    }

    Booster train(ModelConfig config, DMatrix data) throws ModelException {
        int rounds = config.numBoostRound();
        if (rounds < 1) {
            throw new ModelException("Model " + config.name() + ": " + config.source() + " has no \"numBoostRound\","
                    + " so it cannot be trained; add the number of boosting rounds (such as 200).");
        }
        Map<String, Object> params = new HashMap<>(config.params());
        TrainingProgress progress = new TrainingProgress(config.name(), rounds, progressEvery);
        try {
            // zero rounds: XGBoost4J's way to a fresh booster bound to the training data
            Booster booster = XGBoost.train(data, params, 0, Map.of(), null, null);
            try {
                for (int iteration = 0; iteration < rounds; iteration++) {
                    booster.update(data, iteration);
                    progress.roundDone(iteration + 1);
                }
                LOG.info(String.format(Locale.ROOT, "Trained %s: %d rounds in %.1f s", config.name(), rounds,
                        progress.secondsSoFar()));
                return booster;
            } catch (XGBoostError | RuntimeException e) {
                booster.dispose();
                throw e;
            }
        } catch (XGBoostError e) {
            throw new ModelException("Model " + config.name() + ": XGBoost refused to train with the params of "
                    + config.source() + ": " + e.getMessage(), e);
        }
    }
}
