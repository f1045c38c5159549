package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.xgbnative.Int8QuantileMatrix;
import io.github.numeraipipeline.numerai.xgbnative.OffHeapMemory;
import io.github.numeraipipeline.numerai.xgbnative.XgbNativeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The rows a config trains on, as its {@link TrainingPlan} reads them, and the matrix XGBoost trains on made from
 * them. Closing it lets go of the data: the matrix holds its own copy.
 */
abstract sealed class TrainingSource implements AutoCloseable {
    protected final ModelConfig config;
    protected final List<String> features;

    private TrainingSource(ModelConfig config, List<String> features) {
        this.config = config;
        this.features = features;
    }

    /** The whole file on the heap, the rows the era step keeps picked out. */
    static TrainingSource wholeFile(ModelConfig config, Path trainFile, List<String> features, int eraStep)
            throws NumeraiException {
        FeatureFrame train = new ParquetFrameReader().read(trainFile, features, List.of(config.target()));
        int[] rows = EraSelection.rows(train, config.target(), eraStep, null);
        int eras = (int) Arrays.stream(rows).mapToObj(r -> FeatureFrame.eraOf(train.eras().get(r)))
                .distinct().count();
        float[] all = train.target(config.target());
        float[] labels = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        return new WholeFile(config, features, train, rows, labels, eras);
    }

    /** The plan's kept eras, a row group at a time, into XGBoost's quantile matrix or LightGBM's Dataset. */
    static TrainingSource int8Stream(TrainingPlan plan, ModelConfig config, Path trainFile, List<String> features) {
        return new Int8Stream(plan, config, features, new ParquetTrainingBatches(trainFile, features,
                plan.scan()));
    }

    /** Rows trained on. */
    abstract long rows();

    /** Eras with at least one row trained on. */
    abstract int eras();

    /** XGBoost's matrix of these rows: the caller disposes of it. */
    abstract DMatrix matrix() throws NumeraiException;

    /** LightGBM's Dataset of these rows, ready to boost: the caller closes it. */
    abstract LgbmTrainer.Input lgbmDataset(Duration progressEvery) throws NumeraiException;

    @Override
    public abstract void close();

    private static final class WholeFile extends TrainingSource {
        private FeatureFrame frame;
        private final int[] rows;
        private final float[] labels;
        private final int eras;

        WholeFile(ModelConfig config, List<String> features, FeatureFrame frame, int[] rows, float[] labels,
                int eras) {
            super(config, features);
            this.frame = frame;
            this.rows = rows;
            this.labels = labels;
            this.eras = eras;
        }

        @Override
        long rows() {
            return rows.length;
        }

        @Override
        int eras() {
            return eras;
        }

        @Override
        DMatrix matrix() throws ModelException {
            try {
                return FeatureMatrix.of(frame, features, rows, labels);
            } catch (XGBoostError e) {
                throw ModelException.fault("Model " + config.name() + ": XGBoost cannot take the training data: "
                        + e.getMessage(), e);
            }
        }

        /** {@link TrainingPlan} streams a LightGBM config's rows: LightGBM never reads the whole file. */
        @Override
        LgbmTrainer.Input lgbmDataset(Duration progressEvery) {
            throw new IllegalStateException("LightGBM's rows are streamed (TrainingPlan), not read whole");
        }

        /** The frame is the largest thing on the heap: it must be garbage before validation is read. */
        @Override
        public void close() {
            frame = null;
        }
    }

    private static final class Int8Stream extends TrainingSource {
        private final TrainingPlan plan;
        private final ParquetTrainingBatches batches;

        Int8Stream(TrainingPlan plan, ModelConfig config, List<String> features, ParquetTrainingBatches batches) {
            super(config, features);
            this.plan = plan;
            this.batches = batches;
        }

        @Override
        long rows() {
            return plan.scan().rows();
        }

        @Override
        int eras() {
            return plan.scan().eras();
        }

        /** One row group on the heap and one off it at a time, 1 byte a value in XGBoost. */
        @Override
        DMatrix matrix() throws NumeraiException {
            Int8QuantileMatrix builder = new Int8QuantileMatrix(plan.xgb(), new OffHeapMemory());
            int maxBin = XgbParams.maxBin(config);
            int threads = XgbParams.threads(config);
            try {
                return plan.matrix() == TrainingMatrix.INT8_DISK
                        ? builder.buildOnDisk(batches, features, maxBin, threads,
                                Path.of(System.getProperty("java.io.tmpdir")))
                        : builder.build(batches, features, maxBin, threads);
            } catch (XgbNativeException e) {
                throw ModelException.of(e);
            }
        }

        /**
         * The same row groups, read twice into LightGBM's Dataset ({@link LgbmDataset}): one row group on the heap
         * at a time, LightGBM's bins outside it.
         */
        @Override
        LgbmTrainer.Input lgbmDataset(Duration progressEvery) throws NumeraiException {
            LgbmNative.load(config.name());
            String params = LgbmParams.text(LgbmParams.of(config));
            return new LgbmTrainer.Input(LgbmDataset.of(config.name(), batches, features, plan.scan().rows(), params,
                    LgbmParams.binSample(config)), params, progressEvery);
        }

        @Override
        public void close() {
            batches.close();
        }
    }
}
