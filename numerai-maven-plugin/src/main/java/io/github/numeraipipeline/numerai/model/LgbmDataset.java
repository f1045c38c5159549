package io.github.numeraipipeline.numerai.model;

import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_DatasetCreateFromSampledColumn;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_DatasetFree;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_DatasetPushRows;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_DatasetSetFeatureNames;
import static com.microsoft.ml.lightgbm.lightgbmlib.LGBM_DatasetSetField;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_doublePtrArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_floatArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_intArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_intPtrArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.delete_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.doubleArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.doublePtrArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.floatArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.float_to_voidp_ptr;
import static com.microsoft.ml.lightgbm.lightgbmlib.intArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.intPtrArray_setitem;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_doubleArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_doublePtrArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_floatArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_intArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_intPtrArray;
import static com.microsoft.ml.lightgbm.lightgbmlib.new_voidpp;
import static com.microsoft.ml.lightgbm.lightgbmlib.voidpp_value;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.util.List;

/**
 * LightGBM's training Dataset made from the int8 rows of a {@link FeatureFrame} without a float copy of them all:
 * the bins are found from a bounded, evenly spaced sample of the rows ({@code LGBM_DatasetCreateFromSampledColumn},
 * which takes each column's non-zero values, as LightGBM's own sampling does), then the rows are pushed a block at
 * a time ({@code LGBM_DatasetPushRows}) into LightGBM's binned store. Beside the 1-byte frame, memory outside the
 * heap is LightGBM's bins (about 1 byte a value for Numerai's 5 values), one float block, and the sample.
 */
final class LgbmDataset implements AutoCloseable {
    /** Rows converted to float and pushed per call. */
    private static final int BLOCK_ROWS = 4096;
    /** Values the bin sample may hold (8 + 4 bytes each at most): about 240 MB, whatever the feature count. */
    private static final long SAMPLE_VALUES = 20_000_000L;

    private final String model;
    private SWIGTYPE_p_void handle;

    private LgbmDataset(String model, SWIGTYPE_p_void handle) {
        this.model = model;
        this.handle = handle;
    }

    /**
     * @param rows   the frame rows to train on, in this order
     * @param labels one per row
     * @param params LightGBM's params ({@link LgbmParams#text}): the Dataset's own (max_bin, ...) are read here
     */
    static LgbmDataset of(String model, FeatureFrame frame, List<String> features, int[] rows, float[] labels,
            String params, int binSample) throws ModelException {
        byte[][] columns = new byte[features.size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = frame.feature(features.get(j));
        }
        LgbmDataset dataset = new LgbmDataset(model, fromSample(model, columns, rows, params, binSample));
        try {
            dataset.push(columns, rows);
            dataset.names(features);
            dataset.labels(labels);
            return dataset;
        } catch (ModelException | RuntimeException e) {
            dataset.close();
            throw e;
        }
    }

    SWIGTYPE_p_void handle() {
        return handle;
    }

    /** Rows in the sample: LightGBM's bin sample size, fewer when the features are many. */
    static int sampleRows(int rows, int features, int binSample) {
        long byMemory = Math.max(1000, SAMPLE_VALUES / Math.max(1, features));
        return (int) Math.min(rows, Math.min(binSample, byMemory));
    }

    private static SWIGTYPE_p_void fromSample(String model, byte[][] columns, int[] rows, String params,
            int binSample) throws ModelException {
        int sample = sampleRows(rows.length, columns.length, binSample);
        int[] sampleRows = new int[sample];
        for (int k = 0; k < sample; k++) {
            sampleRows[k] = rows[(int) ((long) k * rows.length / sample)];
        }
        SWIGTYPE_p_p_double values = new_doublePtrArray(columns.length);
        SWIGTYPE_p_p_int indices = new_intPtrArray(columns.length);
        SWIGTYPE_p_int counts = new_intArray(columns.length);
        SWIGTYPE_p_double[] valueArrays = new SWIGTYPE_p_double[columns.length];
        SWIGTYPE_p_int[] indexArrays = new SWIGTYPE_p_int[columns.length];
        SWIGTYPE_p_p_void out = new_voidpp();
        try {
            for (int j = 0; j < columns.length; j++) {
                byte[] column = columns[j];
                int count = 0;
                for (int row : sampleRows) {
                    if (column[row] != 0) {
                        count++;
                    }
                }
                // LightGBM keeps the non-zero values of a column, NaN (missing) among them
                valueArrays[j] = new_doubleArray(Math.max(1, count));
                indexArrays[j] = new_intArray(Math.max(1, count));
                int at = 0;
                for (int k = 0; k < sample; k++) {
                    byte value = column[sampleRows[k]];
                    if (value != 0) {
                        doubleArray_setitem(valueArrays[j], at, value == FeatureFrame.MISSING ? Double.NaN : value);
                        intArray_setitem(indexArrays[j], at, k);
                        at++;
                    }
                }
                doublePtrArray_setitem(values, j, valueArrays[j]);
                intPtrArray_setitem(indices, j, indexArrays[j]);
                intArray_setitem(counts, j, count);
            }
            LgbmNative.check(LGBM_DatasetCreateFromSampledColumn(values, indices, columns.length, counts, sample,
                    rows.length, rows.length, params, out), model, "find the bins of the training data");
            return voidpp_value(out);
        } finally {
            for (int j = 0; j < columns.length; j++) {
                if (valueArrays[j] != null) {
                    delete_doubleArray(valueArrays[j]);
                    delete_intArray(indexArrays[j]);
                }
            }
            delete_doublePtrArray(values);
            delete_intPtrArray(indices);
            delete_intArray(counts);
            delete_voidpp(out);
        }
    }

    /** Every row, a block at a time; LightGBM finishes the Dataset when the last row is in. */
    private void push(byte[][] columns, int[] rows) throws ModelException {
        int width = columns.length;
        SWIGTYPE_p_float block = new_floatArray((long) Math.min(BLOCK_ROWS, rows.length) * width);
        try {
            for (int start = 0; start < rows.length; start += BLOCK_ROWS) {
                int end = Math.min(rows.length, start + BLOCK_ROWS);
                for (int i = start; i < end; i++) {
                    long base = (long) (i - start) * width;
                    for (int j = 0; j < width; j++) {
                        byte value = columns[j][rows[i]];
                        floatArray_setitem(block, base + j, value == FeatureFrame.MISSING ? Float.NaN : value);
                    }
                }
                LgbmNative.check(LGBM_DatasetPushRows(handle, float_to_voidp_ptr(block),
                        lightgbmlibConstants.C_API_DTYPE_FLOAT32, end - start, width, start), model,
                        "take the training rows");
            }
        } finally {
            delete_floatArray(block);
        }
    }

    private void names(List<String> features) throws ModelException {
        LgbmNative.check(LGBM_DatasetSetFeatureNames(handle, features.toArray(String[]::new), features.size()),
                model, "name the features");
    }

    private void labels(float[] labels) throws ModelException {
        SWIGTYPE_p_float field = new_floatArray(labels.length);
        try {
            for (int i = 0; i < labels.length; i++) {
                floatArray_setitem(field, i, labels[i]);
            }
            LgbmNative.check(LGBM_DatasetSetField(handle, "label", float_to_voidp_ptr(field), labels.length,
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32), model, "take the labels");
        } finally {
            delete_floatArray(field);
        }
    }

    @Override
    public void close() {
        if (handle != null) {
            LGBM_DatasetFree(handle);
            handle = null;
        }
    }
}
