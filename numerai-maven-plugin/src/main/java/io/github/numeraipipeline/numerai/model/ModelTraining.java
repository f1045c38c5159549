package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.data.ParquetFrameReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model config end to end: checks that the data fits in memory, reads the train file's feature set and
 * target, trains (every n-th era), writes the booster beside the config, scores it on the validation file, and
 * writes the report and the manifest.
 */
public final class ModelTraining {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

    /** The dataset files of the config's data version. */
    public record DataFiles(Path train, Path validation, Path features) {
    }

    /**
     * @param eraStep         train on every n-th era (1: all)
     * @param progressEvery   how often to log training progress
     * @param reportDirectory where {@code <name>.html} and {@code <name>.json} go
     */
    public record Options(int eraStep, Duration progressEvery, Path reportDirectory) {
        public Options {
            if (eraStep < 1) {
                throw new IllegalArgumentException("eraStep must be at least 1: " + eraStep);
            }
        }
    }

    /** What a training run left: the booster, its manifest, the report, and the validation numbers. */
    public record Outcome(ModelConfig config, Path booster, Path manifest, Path report, ValidationMetrics metrics) {
    }

    private final Options options;
    private final ParquetFrameReader reader = new ParquetFrameReader();

    public ModelTraining(Options options) {
        this.options = options;
    }

    public Outcome train(ModelConfig config, DataFiles data) throws NumeraiException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        List<String> features = FeatureSets.load(data.features()).featureSet(config.featureSet());
        long fileRows = Math.max(ParquetFrameReader.rowCount(data.train()),
                ParquetFrameReader.rowCount(data.validation()));
        TrainingMemory.check(config.name(), fileRows, features.size(), options.eraStep());

        Trained trained = trainOnTrainFile(config, data.train(), features, seconds);
        try {
            byte[] boosterJson = BoosterFile.save(trained.booster, config.booster());
            LOG.info("Model {}: booster written to {}", config.name(), config.booster());

            long step = System.nanoTime();
            FeatureFrame validation = reader.read(data.validation(), features, List.of(config.target()));
            int[] rows = EraSelection.rows(validation, config.target(), 1, EraSelection.VALIDATION);
            if (rows.length == 0) {
                throw new ModelException("Model " + config.name() + ": " + data.validation() + " has no validation"
                        + " rows with a \"" + config.target() + "\" target to score on.");
            }
            float[] predictions = XgbPredictor.predict(trained.booster, features, validation, rows);
            ValidationMetrics metrics = ValidationMetrics.score(validation, config.target(), features, rows,
                    predictions);
            seconds.put("validate", elapsed(step));
            LOG.info(String.format(Locale.ROOT, "Model %s on %d validation eras: mean corr %.4f, sharpe %.2f,"
                    + " max drawdown %.4f, max feature exposure %.3f", config.name(), metrics.eras().size(),
                    metrics.mean(), metrics.sharpe(), metrics.maxDrawdown(), metrics.maxFeatureExposure()));

            ValidationReport.Facts facts = new ValidationReport.Facts(config, trained.rows, features.size(),
                    options.eraStep(), data.validation().toString());
            Path report = ValidationReport.write(options.reportDirectory(), facts, metrics);
            seconds.put("total", elapsed(start));
            Path manifest = TrainingManifest.pathFor(config);
            new TrainingManifest(config)
                    .file("config", config.source())
                    .file("features", data.features())
                    .file("train", data.train())
                    .file("validation", data.validation())
                    .booster(config.booster(), boosterJson)
                    .training(config, options.eraStep(), trained.rows, trained.eras, features.size(), rows.length)
                    .validation(metrics)
                    .seconds(seconds)
                    .writeTo(manifest);
            LOG.info("Model {}: report {}, manifest {}", config.name(), report, manifest);
            return new Outcome(config, config.booster(), manifest, report, metrics);
        } catch (XGBoostError e) {
            throw ModelException.fault("Model " + config.name() + ": XGBoost failed to predict the validation"
                    + " rows: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ModelException.fault("Model " + config.name() + ": cannot write its report or manifest: " + e, e);
        } finally {
            trained.booster.dispose();
        }
    }

    /** Reads, selects and trains inside one method, so that the train frame is garbage once it returns. */
    private Trained trainOnTrainFile(ModelConfig config, Path trainFile, List<String> features,
            Map<String, Double> seconds) throws NumeraiException {
        long step = System.nanoTime();
        FeatureFrame train = reader.read(trainFile, features, List.of(config.target()));
        int[] rows = EraSelection.rows(train, config.target(), options.eraStep(), null);
        if (rows.length == 0) {
            throw new ModelException("Model " + config.name() + ": " + trainFile + " has no rows with a \""
                    + config.target() + "\" target to train on.");
        }
        int eras = (int) Arrays.stream(rows).mapToObj(r -> EraSelection.eraOf(train.eras().get(r)))
                .distinct().count();
        float[] all = train.target(config.target());
        float[] labels = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        seconds.put("read", elapsed(step));
        LOG.info("Model {}: training on {} rows of {} eras ({}) x {} features, target {}", config.name(),
                rows.length, eras, EraSelection.describe(options.eraStep()), features.size(), config.target());
        step = System.nanoTime();
        DMatrix matrix;
        try {
            matrix = FeatureMatrix.of(train, features, rows, labels);
        } catch (XGBoostError e) {
            throw ModelException.fault("Model " + config.name() + ": XGBoost cannot take the training data: "
                    + e.getMessage(), e);
        }
        try {
            Booster booster = new XgbTrainer(options.progressEvery()).train(config, matrix);
            seconds.put("train", elapsed(step));
            return new Trained(booster, rows.length, eras);
        } finally {
            matrix.dispose();
        }
    }

    private static double elapsed(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }

    private record Trained(Booster booster, int rows, int eras) {
    }
}
