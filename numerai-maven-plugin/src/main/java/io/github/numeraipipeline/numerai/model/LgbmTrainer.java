package io.github.numeraipipeline.numerai.model;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boosts a LightGBM config's rounds one at a time on a {@link LgbmDataset}, with the same progress lines as
 * {@link XgbTrainer}, and returns the model in LightGBM's text format (what Python's {@code Booster.save_model}
 * writes and {@code lightgbm.Booster(model_file=...)} reads). With {@link LgbmParams}' settings the text is the
 * same byte for byte for the same data and config.
 */
final class LgbmTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(LgbmTrainer.class);

    private final Duration progressEvery;

    LgbmTrainer(Duration progressEvery) {
        this.progressEvery = progressEvery;
    }

    byte[] train(ModelConfig config, LgbmDataset data, String params) throws ModelException {
        int rounds = config.numBoostRound();
        if (rounds < 1) {
            throw new ModelException("Model " + config.name() + ": " + config.source() + " has no \"numBoostRound\","
                    + " so it cannot be trained; add the number of boosting rounds (such as 2000).");
        }
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        SWIGTYPE_p_void booster;
        try {
            check(lightgbmlib.LGBM_BoosterCreate(data.handle(), params, out), config, "start a booster with the"
                    + " params of " + config.source());
            booster = lightgbmlib.voidpp_value(out);
        } finally {
            lightgbmlib.delete_voidpp(out);
        }
        SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        try {
            TrainingProgress progress = new TrainingProgress(config.name(), rounds, progressEvery);
            int boosted = 0;
            for (int iteration = 0; iteration < rounds; iteration++) {
                check(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished), config, "boost round "
                        + (iteration + 1));
                boosted = iteration + 1;
                progress.roundDone(iteration + 1);
                // LightGBM stops early only when no split gains any more; the model then has fewer trees
                if (lightgbmlib.intp_value(finished) == 1) {
                    LOG.info("Training {}: LightGBM found nothing more to split after {} rounds", config.name(),
                            iteration + 1);
                    break;
                }
            }
            LOG.info(String.format(Locale.ROOT, "Trained %s: %d rounds in %.1f s", config.name(), boosted,
                    progress.secondsSoFar()));
            return modelText(config, booster).getBytes(StandardCharsets.UTF_8);
        } finally {
            lightgbmlib.delete_intp(finished);
            lightgbmlib.LGBM_BoosterFree(booster);
        }
    }

    /** A LightGBM Dataset ready to boost: what {@link TrainingSource} hands {@link ModelTraining}. */
    record Input(LgbmDataset dataset, String params, Duration progressEvery)
            implements ModelTraining.TrainingInput {
        @Override
        public ModelTraining.TrainedBooster boost(ModelConfig config) throws ModelException {
            byte[] text = new LgbmTrainer(progressEvery).train(config, dataset, params);
            return new Trained(LgbmBooster.load(config.name(), text, "just trained"), text);
        }

        @Override
        public void close() {
            dataset.close();
        }
    }

    /** The model just trained, loaded back from its own text: validation scores exactly what predict will run. */
    private record Trained(LgbmBooster booster, byte[] text) implements ModelTraining.TrainedBooster {
        @Override
        public byte[] file(String model) {
            return text.clone();
        }

        @Override
        public float[] predict(String model, java.util.List<String> features,
                io.github.numeraipipeline.numerai.data.FeatureFrame frame, int[] rows) throws ModelException {
            return booster.predictFloats(frame, rows);
        }

        @Override
        public void close() {
            booster.close();
        }
    }

    private static String modelText(ModelConfig config, SWIGTYPE_p_void booster) throws ModelException {
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            // the SWIG wrapper grows its buffer to the model's length itself
            String text = lightgbmlib.LGBM_BoosterSaveModelToStringSWIG(booster, 0, -1,
                    lightgbmlibConstants.C_API_FEATURE_IMPORTANCE_SPLIT, 1 << 20, length);
            if (text == null) {
                throw new ModelException("Model " + config.name() + ": LightGBM failed to write the model: "
                        + lightgbmlib.LGBM_GetLastError());
            }
            return text;
        } finally {
            lightgbmlib.delete_int64_tp(length);
        }
    }

    private static void check(int code, ModelConfig config, String what) throws ModelException {
        LgbmNative.check(code, config.name(), what);
    }
}
