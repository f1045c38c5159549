package io.github.numeraipipeline.numerai.model;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One model of the desk, as {@code models/<name>.json} describes it.
 *
 * @param name          the Numerai model (slot) name its predictions are uploaded to
 * @param type          the library that trains it, its {@code "library"} key: {@code xgboost} or {@code lightgbm}
 * @param dataVersion   the dataset version, such as {@code v5.0}
 * @param featureSet    a feature set of that version's {@code features.json}, such as {@code small}
 * @param target        the target column trained on
 * @param numBoostRound boosting rounds for training; 0 when not given (a config used only to predict)
 * @param params        the learner's parameters, passed as they are
 * @param booster       the booster beside the config (its {@code "booster"} key, resolved against the config's
 *                      folder): used when it is there, else the desk's own ({@link BoosterStore})
 * @param source        the config file, for messages
 */
public record ModelConfig(String name, String type, String dataVersion, String featureSet, String target,
                          int numBoostRound, Map<String, Object> params, Path booster, Path source) {

    public ModelConfig {
        params = Map.copyOf(params);
    }

    /** The library that trains and runs it. */
    public ModelLibrary library() {
        return ModelLibrary.of(type).orElseThrow(() -> new IllegalStateException("unknown library " + type));
    }

    /** The same model with one XGBoost param set (such as {@code nthread}). */
    public ModelConfig withParam(String param, Object value) {
        Map<String, Object> changed = new HashMap<>(params);
        changed.put(param, value);
        return new ModelConfig(name, type, dataVersion, featureSet, target, numBoostRound, changed, booster, source);
    }
}
