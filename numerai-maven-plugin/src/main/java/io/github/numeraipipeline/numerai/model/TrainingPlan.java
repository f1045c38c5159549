package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.parquet.EraBlocks;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.xgbnative.XgbNative;
import io.github.numeraipipeline.numerai.xgbnative.XgbNativeException;
import java.nio.file.Path;
import java.util.List;

/**
 * How one config's train file reaches its library, decided once before anything heavy is read: the matrix path, and
 * that it fits this machine ({@link TrainingMemory}). The int8 paths bind the native library first (a missing
 * function says so at once) and count the rows they will train on from the era and target columns alone. A
 * LightGBM config always takes the int8 stream, into LightGBM's own Dataset ({@link LgbmDataset}) instead of
 * XGBoost's quantile matrix, so it has its own memory check and its own name in the manifest.
 */
final class TrainingPlan {
    /** The manifest's {@code training.matrix} of a LightGBM model. */
    static final String LIGHTGBM_DATASET = "lightgbm-dataset";

    private final TrainingMatrix matrix;
    private final XgbNative xgb;
    private final ParquetTrainingBatches.Scan scan;

    private TrainingPlan(TrainingMatrix matrix, XgbNative xgb, ParquetTrainingBatches.Scan scan) {
        this.matrix = matrix;
        this.xgb = xgb;
        this.scan = scan;
    }

    static TrainingPlan decide(ModelConfig config, Path trainFile, Path validationFile, List<String> features,
            int eraStep, TrainingMatrix asked) throws NumeraiException {
        long trainRows = ParquetFrameReader.rowCount(trainFile);
        long validationRows = EraBlocks.rowsHeldAtMost(validationFile);
        // LightGBM has one path, the int8 stream into its Dataset (LgbmDataset): numerai.train.matrix is XGBoost's
        boolean lightGbm = config.library() == ModelLibrary.LIGHTGBM;
        TrainingMatrix matrix = lightGbm ? TrainingMatrix.INT8 : asked.choose(trainRows / eraStep * features.size());
        XgbNative xgb = null;
        ParquetTrainingBatches.Scan scan = null;
        if (matrix.streams()) {
            if (!lightGbm) {
                try {
                    xgb = XgbNative.load();
                } catch (XgbNativeException e) {
                    throw ModelException.of(e);
                }
            }
            scan = ParquetTrainingBatches.scan(trainFile, config.target(), eraStep);
        }
        TrainingMemory.require(config.library(), config.name(), matrix, trainRows, validationRows, features.size(),
                eraStep, scan);
        return new TrainingPlan(matrix, xgb, scan);
    }

    /** The train file as this plan reads it: whole onto the heap, or a row group at a time. */
    TrainingSource source(ModelConfig config, Path trainFile, List<String> features, int eraStep)
            throws NumeraiException {
        return matrix.streams() ? TrainingSource.int8Stream(this, config, trainFile, features)
                : TrainingSource.wholeFile(config, trainFile, features, eraStep);
    }

    /** The path: never {@link TrainingMatrix#AUTO}. */
    TrainingMatrix matrix() {
        return matrix;
    }

    /** What the manifest records as {@code training.matrix}. */
    String manifestMatrix(ModelConfig config) {
        return config.library() == ModelLibrary.LIGHTGBM ? LIGHTGBM_DATASET : matrix.toString();
    }

    /** XGBoost's native binding on its int8 paths, else null (LightGBM's is {@link LgbmNative}). */
    XgbNative xgb() {
        return xgb;
    }

    /** The eras kept and the rows they hold on the int8 paths, else null. */
    ParquetTrainingBatches.Scan scan() {
        return scan;
    }

    /** What the training log line adds about the matrix. */
    String describe(ModelConfig config) {
        if (config.library() == ModelLibrary.LIGHTGBM) {
            return ", streamed as int8 into LightGBM's Dataset (bins from a sample, then every row pushed)";
        }
        return switch (matrix) {
            case INT8 -> ", streamed as int8 into XGBoost's quantile matrix";
            case INT8_DISK -> ", streamed as int8 into XGBoost's quantile matrix, kept on disk";
            default -> "";
        };
    }
}
