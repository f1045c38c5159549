package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.util.BigDenseMatrix;

/**
 * Turns the int8 columns of a {@link FeatureFrame} into XGBoost's input. XGBoost4J's CPU matrices take float32 in
 * rows; the values are written straight into an off-heap {@link BigDenseMatrix} that XGBoost copies from and that
 * is freed at once, so the Java heap never holds a float copy of the data (4 bytes a value beside the 1 of the
 * frame). {@link FeatureFrame#MISSING} becomes NaN, XGBoost's missing value.
 */
final class FeatureMatrix {
    /** Rows filled per pass over the columns: keeps the row-major writes of a block in cache. */
    private static final int BLOCK_ROWS = 4096;

    private FeatureMatrix() {
    }

    /**
     * @param features the columns, in the order the booster knows them; their names are set on the matrix
     * @param rows     the frame rows to use, in this order; null for all
     * @param labels   one label per chosen row, or null (prediction)
     */
    static DMatrix of(FeatureFrame frame, List<String> features, int[] rows, float[] labels) throws XGBoostError {
        int rowCount = rows == null ? frame.rowCount() : rows.length;
        int columns = features.size();
        byte[][] source = new byte[columns][];
        for (int j = 0; j < columns; j++) {
            source[j] = frame.feature(features.get(j));
        }
        BigDenseMatrix dense = new BigDenseMatrix(rowCount, columns);
        try {
            for (int start = 0; start < rowCount; start += BLOCK_ROWS) {
                int end = Math.min(rowCount, start + BLOCK_ROWS);
                for (int j = 0; j < columns; j++) {
                    byte[] column = source[j];
                    for (int i = start; i < end; i++) {
                        byte value = column[rows == null ? i : rows[i]];
                        dense.set((long) i * columns + j, value == FeatureFrame.MISSING ? Float.NaN : value);
                    }
                }
            }
            DMatrix matrix = new DMatrix(dense, Float.NaN);
            matrix.setFeatureNames(features.toArray(String[]::new));
            if (labels != null) {
                matrix.setLabel(labels);
            }
            return matrix;
        } finally {
            dense.dispose();
        }
    }
}
