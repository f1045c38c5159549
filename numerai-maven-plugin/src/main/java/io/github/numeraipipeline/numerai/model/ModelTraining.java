package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.parquet.EraBlocks;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.report.ValidationReport;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import io.github.numeraipipeline.numerai.xgbnative.NativeHeap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model config end to end: checks that the data fits in memory, reads the train file's feature set and
 * target, trains (every n-th era), scores it on the validation file, writes the report, then the booster and its
 * manifest into the {@link BoosterStore} (never beside the config: that place belongs to boosters the desk brings).
 */
public final class ModelTraining {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

    /**
     * The dataset files of the config's data version.
     *
     * @param metaModel  {@code meta_model.parquet}, read when the config asks for mmc; may be null otherwise
     * @param benchmarks {@code validation_benchmark_models.parquet}, read when it asks for bmc; may be null otherwise
     */
    public record DataFiles(Path train, Path validation, Path features, Path metaModel, Path benchmarks) {
        public DataFiles(Path train, Path validation, Path features) {
            this(train, validation, features, null, null);
        }
    }

    /**
     * @param eraStep         train on every n-th era (1: all)
     * @param progressEvery   how often to log training progress
     * @param reportDirectory where {@code <name>.html} and {@code <name>.json} go
     * @param matrix          how the train file reaches XGBoost
     */
    public record Options(int eraStep, Duration progressEvery, Path reportDirectory, TrainingMatrix matrix) {
        public Options {
            if (eraStep < 1) {
                throw new IllegalArgumentException("eraStep must be at least 1: " + eraStep);
            }
            if (matrix == null) {
                throw new IllegalArgumentException("matrix is required");
            }
        }

        /** The float path for small data, the int8 stream for large ({@link TrainingMatrix#AUTO}). */
        public Options(int eraStep, Duration progressEvery, Path reportDirectory) {
            this(eraStep, progressEvery, reportDirectory, TrainingMatrix.AUTO);
        }
    }

    /** What a training run left: the booster, its manifest, the report, and the validation numbers. */
    public record Outcome(ModelConfig config, Path booster, Path manifest, Path report, ValidationMetrics metrics) {
    }

    private final Options options;
    private final BoosterStore boosters;
    private final Clock clock;
    private final ParquetFrameReader reader = new ParquetFrameReader();

    /** Training that writes each booster and its manifest into {@code boosters}. */
    public ModelTraining(Options options, BoosterStore boosters) {
        this(options, boosters, Clock.systemUTC());
    }

    /** Training whose manifests also take their time from {@code clock}. */
    public ModelTraining(Options options, BoosterStore boosters, Clock clock) {
        this.options = options;
        this.boosters = boosters;
        this.clock = clock;
    }

    /**
     * One straight line: the plan (matrix path, memory), the train rows, their matrix, the boosting, the scoring
     * on validation, then the files.
     */
    public Outcome train(ModelConfig config, DataFiles data) throws NumeraiException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        List<String> features = FeatureSets.load(data.features()).featureSet(config.featureSet());
        TargetColumn.require(config, data.train());
        Trained trained = boost(config, data.train(), data.validation(), features, seconds);
        try (TrainedBooster booster = trained.booster) {
            byte[] boosterFile = booster.file(config.name());
            Validated validated = validate(config, data, features, booster, seconds);
            return writeFiles(config, data, features, trained, boosterFile, validated, seconds, start);
        } catch (IOException e) {
            throw ModelException.fault("Model " + config.name() + ": cannot write its report or manifest: " + e, e);
        }
    }

    /**
     * Plan, source, matrix, boosting. The train data is let go of once its matrix is made (the float path's frame
     * is the largest thing on the heap, and validation is read next).
     */
    private Trained boost(ModelConfig config, Path trainFile, Path validationFile, List<String> features,
            Map<String, Double> seconds) throws NumeraiException {
        long step = System.nanoTime();
        TrainingPlan plan = TrainingPlan.decide(config, trainFile, validationFile, features, options.eraStep(),
                options.matrix());
        TrainingInput input;
        int rows;
        int eras;
        try (TrainingSource source = plan.source(config, trainFile, features, options.eraStep())) {
            if (source.rows() == 0) {
                throw new ModelException("Model " + config.name() + ": " + trainFile + " has no rows with a \""
                        + config.target() + "\" target to train on.");
            }
            rows = Math.toIntExact(source.rows());
            eras = source.eras();
            seconds.put("read", elapsed(step));
            LOG.info("Model {}: training on {} rows of {} eras ({}) x {} features, target {}{}", config.name(), rows,
                    eras, EraSelection.describe(options.eraStep()), features.size(), config.target(),
                    plan.describe(config));
            step = System.nanoTime();
            // the one place the library decides: XGBoost's matrix or LightGBM's Dataset, then its boosting
            input = config.library() == ModelLibrary.LIGHTGBM ? source.lgbmDataset(options.progressEvery())
                    : new XgbInput(source.matrix(), options.progressEvery());
        }
        if (plan.matrix().streams()) {
            // the float path has always counted its matrix in "train" (docs/scale.md)
            seconds.put("matrix", elapsed(step));
            step = System.nanoTime();
        }
        try (input) {
            TrainedBooster booster = input.boost(config);
            seconds.put("train", elapsed(step));
            return new Trained(booster, rows, eras, plan.manifestMatrix(config));
        }
    }

    /**
     * Scores the booster on the validation file's rows of data type validation with a target, a block of whole eras
     * at a time ({@link EraBlocks}: the file is never on the heap at once); a file whose eras are not kept together
     * is read whole.
     */
    private Validated validate(ModelConfig config, DataFiles data, List<String> features,
            TrainedBooster booster, Map<String, Double> seconds) throws NumeraiException {
        long step = System.nanoTime();
        Path validationFile = data.validation();
        ValidationReferences references = ValidationReferences.load(config, config.target(), data.metaModel(),
                data.benchmarks());
        List<ValidationMetrics> parts = new ArrayList<>();
        try (EraBlocks blocks = EraBlocks.open(validationFile, features, List.of(config.target()))) {
            for (FeatureFrame block = blocks.next(); block != null; block = blocks.next()) {
                score(config, block, features, booster, references).ifPresent(parts::add);
            }
        } catch (EraBlocks.ErasNotTogether e) {
            LOG.info("{}; scoring it read whole", e.getMessage());
            parts.clear();
            score(config, reader.read(validationFile, features, List.of(config.target())), features, booster,
                    references).ifPresent(parts::add);
        }
        if (parts.isEmpty()) {
            throw new ModelException("Model " + config.name() + ": " + validationFile + " has no validation"
                    + " rows with a \"" + config.target() + "\" target to score on.");
        }
        references.requireMatches();
        ValidationMetrics metrics = ValidationMetrics.combine(parts);
        seconds.put("validate", elapsed(step));
        LOG.info(String.format(Locale.ROOT, "Model %s on %d validation eras: mean corr %.4f, sharpe %.2f,"
                + " max drawdown %.4f, max feature exposure %.3f", config.name(), metrics.eras().size(),
                metrics.mean(), metrics.sharpe(), metrics.maxDrawdown(), metrics.maxFeatureExposure()));
        return new Validated(metrics, metrics.rows());
    }

    /** The metrics of these rows' eras, of the rows of data type validation with a target; empty when none. */
    private static Optional<ValidationMetrics> score(ModelConfig config, FeatureFrame rows, List<String> features,
            TrainedBooster booster, ValidationReferences references) throws NumeraiException {
        int[] scored = EraSelection.rows(rows, config.target(), 1, EraSelection.VALIDATION);
        if (scored.length == 0) {
            return Optional.empty();
        }
        float[] predictions = booster.predict(config.name(), features, rows, scored);
        return Optional.of(ValidationMetrics.score(rows, config.target(), features, scored, predictions,
                references.extrasFor(rows)));
    }

    /**
     * The report, then the booster, then its manifest, only once everything else worked: a booster whose manifest
     * does not vouch for it (a run killed between the two) counts as missing and is trained again.
     */
    private Outcome writeFiles(ModelConfig config, DataFiles data, List<String> features, Trained trained,
            byte[] boosterFile, Validated validated, Map<String, Double> seconds, long start)
            throws IOException, ModelException {
        Path booster = boosters.trainedBooster(config);
        ValidationReport.Facts facts = new ValidationReport.Facts(config.name(), config.dataVersion(),
                config.featureSet(), config.target(), trained.rows, features.size(), options.eraStep(),
                EraSelection.describe(options.eraStep()), data.validation().toString(), booster.toString());
        Path report = ValidationReport.write(options.reportDirectory(), facts, validated.metrics);
        seconds.put("total", elapsed(start));
        BoosterFile.write(boosterFile, booster);
        Path manifest = boosters.trainedManifest(config);
        new TrainingManifest(config, clock.instant())
                .file("config", config.source())
                .file("features", data.features())
                .file("train", data.train())
                .file("validation", data.validation())
                .booster(booster, boosterFile)
                .training(config, options.eraStep(), trained.rows, trained.eras, features.size(), validated.rows)
                .matrix(trained.matrix)
                .validation(validated.metrics)
                .seconds(seconds)
                .writeTo(manifest);
        LOG.info("Model {}: booster {}, manifest {}, report {}", config.name(), booster, manifest, report);
        return new Outcome(config, booster, manifest, report, validated.metrics);
    }

    private static double elapsed(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }

    private record Trained(TrainedBooster booster, int rows, int eras, String matrix) {
    }

    /** What a model is trained from: XGBoost's matrix or LightGBM's Dataset; closing frees it. */
    interface TrainingInput extends AutoCloseable {
        TrainedBooster boost(ModelConfig config) throws NumeraiException;

        @Override
        void close();
    }

    /** A booster just trained, of either library: its file and its outputs for the validation rows. */
    interface TrainedBooster extends AutoCloseable {
        byte[] file(String model) throws ModelException;

        float[] predict(String model, List<String> features, FeatureFrame frame, int[] rows)
                throws NumeraiException;

        @Override
        void close();
    }

    private record XgbInput(DMatrix matrix, Duration progressEvery) implements TrainingInput {
        @Override
        public TrainedBooster boost(ModelConfig config) throws ModelException {
            return new XgbBooster(new XgbTrainer(progressEvery).train(config, matrix));
        }

        /** Also hands back what XGBoost freed while boosting (glibc keeps it otherwise), before validation. */
        @Override
        public void close() {
            matrix.dispose();
            NativeHeap.trim();
        }
    }

    private record XgbBooster(Booster booster) implements TrainedBooster {
        @Override
        public byte[] file(String model) throws ModelException {
            return BoosterFile.json(booster, model);
        }

        @Override
        public float[] predict(String model, List<String> features, FeatureFrame frame, int[] rows)
                throws ModelException {
            try {
                return XgbPredictor.predict(booster, features, frame, rows);
            } catch (XGBoostError e) {
                throw ModelException.fault("Model " + model + ": XGBoost failed to predict the validation"
                        + " rows: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            booster.dispose();
        }
    }

    private record Validated(ValidationMetrics metrics, int rows) {
    }
}
