package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** A booster's raw outputs for the rows of a frame, its columns picked by name in the booster's order. */
public final class XgbPredictor {
    /** Rows per native matrix: bounds the off-heap memory of scoring millions of validation rows. */
    private static final int BLOCK_ROWS = 100_000;

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

    /** Outputs for the given rows (null: all), a block of rows at a time. */
    static float[] predict(Booster booster, List<String> features, FeatureFrame frame, int[] rows)
            throws XGBoostError {
        int count = rows == null ? frame.rowCount() : rows.length;
        float[] values = new float[count];
        for (int start = 0; start < count; start += BLOCK_ROWS) {
            int end = Math.min(count, start + BLOCK_ROWS);
            int[] block = rows == null && start == 0 && end == count ? null
                    : rows == null ? range(start, end) : Arrays.copyOfRange(rows, start, end);
            DMatrix matrix = FeatureMatrix.of(frame, features, block, null);
            try {
                float[][] outputs = booster.predict(matrix);
                for (int i = 0; i < outputs.length; i++) {
                    values[start + i] = outputs[i][0];
                }
            } finally {
                matrix.dispose();
            }
        }
        return values;
    }

    private static int[] range(int start, int end) {
        int[] rows = new int[end - start];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = start + i;
        }
        return rows;
    }
}
