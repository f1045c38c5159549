package io.github.numeraipipeline.numerai.model;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A LightGBM model loaded from its text format, and its outputs for the rows of a frame: the columns are picked by
 * the feature names the model file records, in the model's order, whatever the frame's order.
 */
final class LgbmBooster implements AutoCloseable {
    /** Values converted to float per native call: bounds the memory of scoring many rows of many features. */
    private static final long BLOCK_VALUES = 4_000_000L;

    private final String model;
    private final LGBMBooster booster;
    private final List<String> featureNames;

    private LgbmBooster(String model, LGBMBooster booster, List<String> featureNames) {
        this.model = model;
        this.booster = booster;
        this.featureNames = featureNames;
    }

    /** LightGBM's text model; {@code what} names it in messages (its file). */
    static LgbmBooster load(String model, byte[] text, String what) throws ModelException {
        LgbmNative.load(model);
        try {
            LGBMBooster booster = LGBMBooster.loadModelFromString(new String(text, StandardCharsets.UTF_8));
            try {
                return new LgbmBooster(model, booster, List.of(booster.getFeatureNames()));
            } catch (LGBMException | RuntimeException e) {
                booster.close();
                throw e;
            }
        } catch (LGBMException e) {
            throw new ModelException("Model " + model + ": LightGBM cannot load the model " + what + " ("
                    + e.getMessage() + "). Train it again with numerai:train, or replace the file.", e);
        }
    }

    /** The feature names the model file records, in its column order. */
    List<String> featureNames() {
        return featureNames;
    }

    /** Outputs for the given rows (null: all), LightGBM's doubles, a block of rows at a time. */
    double[] predict(FeatureFrame frame, int[] rows) throws ModelException {
        int count = rows == null ? frame.rowCount() : rows.length;
        int width = featureNames.size();
        byte[][] columns = new byte[width][];
        for (int j = 0; j < width; j++) {
            columns[j] = frame.feature(featureNames.get(j));
        }
        int blockRows = (int) Math.max(1, Math.min(count, BLOCK_VALUES / Math.max(1, width)));
        double[] values = new double[count];
        float[] block = new float[Math.max(1, blockRows) * width];
        try {
            for (int start = 0; start < count; start += blockRows) {
                int end = Math.min(count, start + blockRows);
                for (int i = start; i < end; i++) {
                    int row = rows == null ? i : rows[i];
                    int base = (i - start) * width;
                    for (int j = 0; j < width; j++) {
                        byte value = columns[j][row];
                        block[base + j] = value == FeatureFrame.MISSING ? Float.NaN : value;
                    }
                }
                float[] used = end - start == blockRows ? block : Arrays.copyOf(block, (end - start) * width);
                double[] outputs = booster.predictForMat(used, end - start, width, true,
                        PredictionType.C_API_PREDICT_NORMAL, "num_threads=" + LgbmParams.DEFAULT_THREADS);
                System.arraycopy(outputs, 0, values, start, end - start);
            }
        } catch (LGBMException e) {
            throw ModelException.fault("Model " + model + ": LightGBM failed to predict: " + e.getMessage(), e);
        }
        return values;
    }

    /** As {@link #predict(FeatureFrame, int[])}, narrowed to float as the desk's predictions are. */
    float[] predictFloats(FeatureFrame frame, int[] rows) throws ModelException {
        double[] values = predict(frame, rows);
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return narrow;
    }

    @Override
    public void close() {
        try {
            booster.close();
        } catch (LGBMException e) {
            // freeing a loaded model does not fail in LightGBM; nothing to do if it did
        }
    }
}
