package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.report.ValidationReport;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
 * target, trains (every n-th era), scores it on the validation file, writes the report, then the booster and its
 * manifest into the {@link BoosterStore} (never beside the config: that place belongs to boosters the desk brings).
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

    public Outcome train(ModelConfig config, DataFiles data) throws NumeraiException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        List<String> features = FeatureSets.load(data.features()).featureSet(config.featureSet());
        TargetColumn.require(config, data.train());
        long trainRows = ParquetFrameReader.rowCount(data.train());
        long validationRows = ParquetFrameReader.rowCount(data.validation());
        TrainingMatrix matrix = options.matrix().choose(trainRows / options.eraStep() * features.size());
        Trained trained;
        if (matrix.streams()) {
            TrainingMemory.checkValidation(config.name(), validationRows, features.size());
            trained = trainOnInt8Stream(config, data.train(), features, matrix == TrainingMatrix.INT8_DISK, seconds);
        } else {
            TrainingMemory.check(config.name(), Math.max(trainRows, validationRows), features.size(),
                    options.eraStep());
            trained = trainOnTrainFile(config, data.train(), features, seconds);
        }
        try {
            byte[] boosterJson = BoosterFile.json(trained.booster, config.name());

            long step = System.nanoTime();
            FeatureFrame validation = reader.read(data.validation(), features, List.of(config.target()));
            int[] rows = EraSelection.rows(validation, config.target(), 1, EraSelection.VALIDATION);
            if (rows.length == 0) {
                throw new ModelException("Model " + config.name() + ": " + data.validation() + " has no validation"
                        + " rows with a \"" + config.target() + "\" target to score on.");
            }
            float[] predictions = XgbPredictor.predict(trained.booster, features, validation, rows);
            ValidationMetrics metrics = ValidationMetrics.score(validation, config.target(), features, rows,
                    predictions, config.validationMetrics().contains("fnc"));
            seconds.put("validate", elapsed(step));
            LOG.info(String.format(Locale.ROOT, "Model %s on %d validation eras: mean corr %.4f, sharpe %.2f,"
                    + " max drawdown %.4f, max feature exposure %.3f", config.name(), metrics.eras().size(),
                    metrics.mean(), metrics.sharpe(), metrics.maxDrawdown(), metrics.maxFeatureExposure()));

            Path booster = boosters.trainedBooster(config);
            ValidationReport.Facts facts = new ValidationReport.Facts(config.name(), config.dataVersion(),
                    config.featureSet(), config.target(), trained.rows, features.size(), options.eraStep(),
                    EraSelection.describe(options.eraStep()), data.validation().toString(), booster.toString());
            Path report = ValidationReport.write(options.reportDirectory(), facts, metrics);
            seconds.put("total", elapsed(start));
            // The booster, then its manifest, only once everything else worked: a booster whose manifest does not
            // vouch for it (a run killed between the two) counts as missing and is trained again.
            BoosterFile.write(boosterJson, booster);
            Path manifest = boosters.trainedManifest(config);
            new TrainingManifest(config, clock.instant())
                    .file("config", config.source())
                    .file("features", data.features())
                    .file("train", data.train())
                    .file("validation", data.validation())
                    .booster(booster, boosterJson)
                    .training(config, options.eraStep(), trained.rows, trained.eras, features.size(), rows.length)
                    .matrix(matrix)
                    .validation(metrics)
                    .seconds(seconds)
                    .writeTo(manifest);
            LOG.info("Model {}: booster {}, manifest {}, report {}", config.name(), booster, manifest, report);
            return new Outcome(config, booster, manifest, report, metrics);
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
        int eras = (int) Arrays.stream(rows).mapToObj(r -> FeatureFrame.eraOf(train.eras().get(r)))
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

    /**
     * Streams the train file's row groups into XGBoost's quantile matrix as int8 ({@link Int8QuantileMatrix}): one
     * row group on the heap and one off it at a time, 1 byte a value in XGBoost.
     */
    private Trained trainOnInt8Stream(ModelConfig config, Path trainFile, List<String> features, boolean onDisk,
            Map<String, Double> seconds) throws NumeraiException {
        XgbNative xgb = XgbNative.load(); // before reading anything: a missing function says so at once
        long step = System.nanoTime();
        ParquetTrainingBatches.Scan scan = ParquetTrainingBatches.scan(trainFile, config.target(),
                options.eraStep());
        if (scan.rows() == 0) {
            throw new ModelException("Model " + config.name() + ": " + trainFile + " has no rows with a \""
                    + config.target() + "\" target to train on.");
        }
        TrainingMemory.checkInt8(config.name(), scan.rows(), scan.largestRowGroup(), features.size(), onDisk);
        seconds.put("read", elapsed(step));
        LOG.info("Model {}: training on {} rows of {} eras ({}) x {} features, target {}, streamed as int8 into"
                + " XGBoost's quantile matrix{}", config.name(), scan.rows(), scan.eras(),
                EraSelection.describe(options.eraStep()), features.size(), config.target(),
                onDisk ? ", kept on disk" : "");
        step = System.nanoTime();
        OffHeapMemory memory = new OffHeapMemory();
        DMatrix matrix;
        try (ParquetTrainingBatches batches = new ParquetTrainingBatches(trainFile, features, config.target(),
                scan.keptEras())) {
            Int8QuantileMatrix builder = new Int8QuantileMatrix(xgb, memory);
            matrix = onDisk ? builder.buildOnDisk(batches, features, XgbParams.maxBin(config),
                    XgbParams.threads(config), Path.of(System.getProperty("java.io.tmpdir"))) : builder.build(batches, features, XgbParams.maxBin(config),
                    XgbParams.threads(config));
        }
        seconds.put("matrix", elapsed(step));
        step = System.nanoTime();
        try {
            Booster booster = new XgbTrainer(options.progressEvery()).train(config, matrix);
            seconds.put("train", elapsed(step));
            return new Trained(booster, Math.toIntExact(scan.rows()), scan.eras());
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
