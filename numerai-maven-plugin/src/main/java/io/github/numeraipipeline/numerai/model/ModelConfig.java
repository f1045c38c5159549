package io.github.numeraipipeline.numerai.model;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One model of the desk, as {@code models/<name>.json} describes it: a booster, or an ensemble of other configs.
 *
 * @param name          the Numerai model (slot) name its predictions are uploaded to
 * @param type          the library that trains it, its {@code "library"} key ({@code xgboost} or
 *                      {@code lightgbm}), or {@code ensemble} for a config with {@code "ensemble"}
 * @param dataVersion   the dataset version, such as {@code v5.0}
 * @param featureSet    a feature set of that version's {@code features.json}, such as {@code small}; null for an
 *                      ensemble
 * @param target        the target column trained on; null for an ensemble
 * @param numBoostRound boosting rounds for training; 0 when not given (a config used only to predict)
 * @param params        the learner's parameters, passed as they are
 * @param booster       the booster beside the config (its {@code "booster"} key, resolved against the config's
 *                      folder): used when it is there, else the desk's own ({@link BoosterStore}); null for an
 *                      ensemble
 * @param source        the config file, for messages
 * @param submit        whether its predictions are written and uploaded to its slot ({@code "submit": false}
 *                      keeps a config internal, a member of ensembles only)
 * @param ensemble      the members and weights when the config is an ensemble, else null
 * @param neutralize    how its predictions are neutralized against features, or null
 * @param validationMetrics what {@code train}'s validation report computes: {@code corr} always, {@code fnc}
 *                      (feature-neutral correlation), {@code mmc} (contribution beyond the meta model) and
 *                      {@code bmc} (beyond a benchmark model) when asked for
 * @param benchmarkModel the column of {@code validation_benchmark_models.parquet} that {@code bmc} is measured
 *                      against, or null for the benchmark of the config's version and target
 *                      (e.g. {@code v52_lgbm_ender20} for v5.2 and {@code target_ender_20})
 */
public record ModelConfig(String name, String type, String dataVersion, String featureSet, String target,
                          int numBoostRound, Map<String, Object> params, Path booster, Path source,
                          boolean submit, Ensemble ensemble, Neutralize neutralize, List<String> validationMetrics,
                          String benchmarkModel) {

    public static final String ENSEMBLE_TYPE = "ensemble";

    public ModelConfig {
        params = Map.copyOf(params);
        validationMetrics = List.copyOf(validationMetrics);
    }

    /** A booster config, submitted, not neutralized: the desk's original shape. */
    public ModelConfig(String name, String type, String dataVersion, String featureSet, String target,
                       int numBoostRound, Map<String, Object> params, Path booster, Path source) {
        this(name, type, dataVersion, featureSet, target, numBoostRound, params, booster, source, true, null, null,
                List.of("corr"), null);
    }

    /**
     * The weighted mean of the members' per-era tie-kept ranks, ranked again.
     *
     * @param members names of other configs of the models directory
     * @param weights one per member, positive
     */
    public record Ensemble(List<String> members, List<Double> weights) {
        public Ensemble {
            members = List.copyOf(members);
            weights = List.copyOf(weights);
        }
    }

    /**
     * numerai-tools' neutralization of the predictions, per era, against the features of a set or a list.
     *
     * @param proportion in [0, 1]: how much of the projection onto the features is taken away
     * @param featureSet a feature set of the config's data version, or null when {@code features} is given
     * @param features   the neutralizer features by name, or empty when {@code featureSet} is given
     */
    public record Neutralize(double proportion, String featureSet, List<String> features) {
        public Neutralize {
            features = List.copyOf(features);
        }
    }

    /** Whether this config combines other configs instead of having a booster. */
    public boolean isEnsemble() {
        return ensemble != null;
    }

    /** The same model, submitted to its slot or kept internal. */
    public ModelConfig withSubmit(boolean value) {
        return new ModelConfig(name, type, dataVersion, featureSet, target, numBoostRound, params, booster, source,
                value, ensemble, neutralize, validationMetrics, benchmarkModel);
    }

    /** Whether its validation report has this metric ({@code corr}, {@code fnc}, {@code mmc}, {@code bmc}). */
    public boolean validates(String metric) {
        return validationMetrics.contains(metric);
    }

    /** The library that trains and runs it. */
    public ModelLibrary library() {
        return ModelLibrary.of(type).orElseThrow(() -> new IllegalStateException("unknown library " + type));
    }

    /** The same model with one XGBoost param set (such as {@code nthread}). */
    public ModelConfig withParam(String param, Object value) {
        Map<String, Object> changed = new HashMap<>(params);
        changed.put(param, value);
        return new ModelConfig(name, type, dataVersion, featureSet, target, numBoostRound, changed, booster, source,
                submit, ensemble, neutralize, validationMetrics, benchmarkModel);
    }
}
