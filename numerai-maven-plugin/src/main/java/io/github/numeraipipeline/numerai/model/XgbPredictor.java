package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** A booster's raw outputs for the rows of a frame, its columns picked by name in the booster's order. */
public final class XgbPredictor {
    /** Float values a prediction batch holds (16 MB): bounds the memory of scoring millions of rows. */
    private static final int BATCH_VALUES = 1 << 22;

    private XgbPredictor() {
    }

    /**
     * @param features the booster's features in its column order (its own names, or those of its feature set)
     */
    public static float[] predict(BoosterFile booster, List<String> features, FeatureFrame frame)
            throws ModelException {
        String name = booster.config().name();
        try {
            if (booster.featureCount() != features.size()) {
                throw new ModelException("Model " + name + ": the booster " + booster.file() + " takes "
                        + booster.featureCount() + " features, but its feature set \"" + booster.config().featureSet()
                        + "\" has " + features.size() + "; use the feature set it was trained with.");
            }
            return predict(booster.booster(), features, frame, null);
        } catch (XGBoostError e) {
            throw ModelException.fault("Model " + name + ": XGBoost failed to predict: " + e.getMessage(), e);
        }
    }

    /**
     * Outputs for the given rows (null: all), a batch of rows at a time through XGBoost's in-place prediction: the
     * batch's int8 values go into one float array reused for every batch (about {@link #BATCH_VALUES} values), so
     * that scoring a file costs neither a float copy of it nor a DMatrix of it (XGBoost's CSR copy of a dense
     * matrix takes 8 bytes a value, and building it took longer than the trees' traversal). The trees see the same
     * float values as through a DMatrix, so the outputs are the same.
     */
    static float[] predict(Booster booster, List<String> features, FeatureFrame frame, int[] rows)
            throws XGBoostError {
        int count = rows == null ? frame.rowCount() : rows.length;
        int columns = features.size();
        byte[][] source = new byte[columns][];
        for (int j = 0; j < columns; j++) {
            source[j] = frame.feature(features.get(j));
        }
        float[] values = new float[count];
        int batchRows = Math.max(1, Math.min(count, BATCH_VALUES / Math.max(1, columns)));
        float[] batch = new float[batchRows * columns];
        for (int start = 0; start < count; start += batchRows) {
            int end = Math.min(count, start + batchRows);
            int n = end - start;
            if (n < batchRows) {
                batch = new float[n * columns];
            }
            for (int j = 0; j < columns; j++) {
                byte[] column = source[j];
                for (int i = 0; i < n; i++) {
                    byte value = column[rows == null ? start + i : rows[start + i]];
                    batch[i * columns + j] = value == FeatureFrame.MISSING ? Float.NaN : value;
                }
            }
            float[][] outputs = booster.inplace_predict(batch, n, columns, Float.NaN);
            for (int i = 0; i < n; i++) {
                values[start + i] = outputs[i][0];
            }
        }
        return values;
    }
}
