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
import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.xgbnative.TrainingBatches;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LightGBM's training Dataset made from int8 batches of rows ({@link TrainingBatches}: a Parquet row group at a time,
 * as XGBoost's int8 stream reads them) without a float copy of the train set, in two passes. The first keeps an
 * evenly spaced sample of the rows (1 byte a value on the heap) and the labels, and LightGBM finds the bins from the
 * sample ({@code LGBM_DatasetCreateFromSampledColumn}, which takes each column's non-zero values, as LightGBM's own
 * sampling does). The second pushes every row, a block at a time, as float ({@code LGBM_DatasetPushRows}) into
 * LightGBM's binned store. When the sample is every row (up to {@code bin_construct_sample_cnt} rows and
 * {@value #SAMPLE_VALUES} values) the Dataset, and so the model, is the one LightGBM builds from a float matrix of
 * the same rows ({@code LGBM_DatasetCreateFromMat}, what Python's lightgbm does). Beside one row group on the heap,
 * memory is LightGBM's bins, the sample (at most about 240 MB outside the heap) and one float block.
 */
final class LgbmDataset implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LgbmDataset.class);
    /** Rows converted to float and pushed per call. */
    private static final int BLOCK_ROWS = 4096;
    /** Values the bin sample may hold (8 + 4 bytes each at most outside the heap): about 240 MB. */
    static final long SAMPLE_VALUES = 20_000_000L;

    private final String model;
    private SWIGTYPE_p_void handle;

    private LgbmDataset(String model, SWIGTYPE_p_void handle) {
        this.model = model;
        this.handle = handle;
    }

    /**
     * @param batches the rows to train on, read twice (sample, then push)
     * @param rows    how many rows the batches hold in all
     * @param params  LightGBM's params ({@link LgbmParams#text}): the Dataset's own (max_bin, ...) are read here
     */
    static LgbmDataset of(String model, TrainingBatches batches, List<String> features, long rows, String params,
            int binSample) throws NumeraiException {
        long start = System.nanoTime();
        int total = Math.toIntExact(rows);
        Sample sample = Sample.read(batches, features, total, sampleRows(total, features.size(), binSample));
        double sampled = seconds(start);
        LgbmDataset dataset = new LgbmDataset(model, fromSample(model, sample.columns, total, params));
        double binned = seconds(start);
        try {
            batches.reset();
            dataset.push(batches, features, total);
            dataset.names(features);
            dataset.labels(sample.labels);
            int sampleRows = sample.columns.length == 0 ? total : sample.columns[0].length;
            LOG.info(String.format(Locale.ROOT, "Model %s: LightGBM's Dataset of %d rows in %.1f s: bins from %s"
                    + " (read %.1f s, binned %.1f s), rows pushed %.1f s", model, total, seconds(start),
                    sampleRows == total ? "every row" : "a sample of " + sampleRows + " rows", sampled,
                    binned - sampled, seconds(start) - binned));
            return dataset;
        } catch (NumeraiException | RuntimeException e) {
            dataset.close();
            throw e;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    SWIGTYPE_p_void handle() {
        return handle;
    }

    /**
     * Rows in the sample: every row up to LightGBM's bin sample size ({@code bin_construct_sample_cnt}, as
     * LightGBM's own float path takes), fewer when the features are many ({@value #SAMPLE_VALUES} values at most).
     */
    static int sampleRows(int rows, int features, int binSample) {
        long byMemory = Math.max(1000, SAMPLE_VALUES / Math.max(1, features));
        return (int) Math.min(rows, Math.min(binSample, byMemory));
    }

    /** The sampled rows' values by column (rows {@code k * total / count}, in order) and every row's label. */
    private record Sample(byte[][] columns, float[] labels) {
        static Sample read(TrainingBatches batches, List<String> features, int total, int count)
                throws NumeraiException {
            byte[][] columns = new byte[features.size()][count];
            float[] labels = new float[total];
            // where this batch starts and its first sampled row; changed only between batches, so the columns
            // (put from several threads during a batch) read them unchanged
            int[] offset = {0};
            int[] first = {0};
            TrainingBatches.Columns sampled = (feature, values, rows) -> {
                byte[] column = columns[feature];
                for (int s = first[0]; s < count && position(s, total, count) < offset[0] + rows; s++) {
                    column[s] = values[(int) (position(s, total, count) - offset[0])];
                }
            };
            for (TrainingBatches.Batch batch = batches.next(sampled); batch != null; batch = batches.next(sampled)) {
                int end = offset[0] + batch.rows();
                requireRows(end, total);
                System.arraycopy(batch.labels(), 0, labels, offset[0], batch.rows());
                while (first[0] < count && position(first[0], total, count) < end) {
                    first[0]++;
                }
                offset[0] = end;
            }
            requireAllRows(offset[0], total);
            return new Sample(columns, labels);
        }

        private static long position(int k, int total, int count) {
            return (long) k * total / count;
        }
    }

    /** The batches must hold the rows the plan counted, no more, no fewer: else the Dataset would be wrong. */
    private static void requireRows(int seen, int total) {
        if (seen > total) {
            throw new IllegalStateException("the training batches hold more than the " + total + " rows counted");
        }
    }

    private static void requireAllRows(int seen, int total) {
        if (seen != total) {
            throw new IllegalStateException("the training batches hold " + seen + " rows, not the " + total
                    + " counted");
        }
    }

    private static SWIGTYPE_p_void fromSample(String model, byte[][] columns, int rows, String params)
            throws ModelException {
        int sample = columns.length == 0 ? 0 : columns[0].length;
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
                for (byte value : column) {
                    if (value != 0) {
                        count++;
                    }
                }
                // LightGBM keeps the non-zero values of a column, NaN (missing) among them
                valueArrays[j] = new_doubleArray(Math.max(1, count));
                indexArrays[j] = new_intArray(Math.max(1, count));
                int at = 0;
                for (int k = 0; k < sample; k++) {
                    byte value = column[k];
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
                    rows, rows, params, out), model, "find the bins of the training data");
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

    /**
     * Every row, a block at a time, each block within one batch; LightGBM finishes the Dataset when the last row is
     * in.
     */
    private void push(TrainingBatches batches, List<String> features, int total) throws NumeraiException {
        int width = features.size();
        SWIGTYPE_p_float block = new_floatArray((long) Math.max(1, Math.min(BLOCK_ROWS, total)) * width);
        // one batch's columns, copied out of the stream's reused arrays (one row group on the heap)
        byte[][] columns = new byte[width][batches.largestBatch()];
        TrainingBatches.Columns copy = (feature, values, rows) -> System.arraycopy(values, 0, columns[feature], 0, rows);
        try {
            int offset = 0;
            for (TrainingBatches.Batch batch = batches.next(copy); batch != null; batch = batches.next(copy)) {
                int rows = batch.rows();
                requireRows(offset + rows, total);
                for (int start = 0; start < rows; start += BLOCK_ROWS) {
                    int end = Math.min(rows, start + BLOCK_ROWS);
                    for (int i = start; i < end; i++) {
                        long base = (long) (i - start) * width;
                        for (int j = 0; j < width; j++) {
                            byte value = columns[j][i];
                            floatArray_setitem(block, base + j, value == FeatureFrame.MISSING ? Float.NaN : value);
                        }
                    }
                    LgbmNative.check(LGBM_DatasetPushRows(handle, float_to_voidp_ptr(block),
                            lightgbmlibConstants.C_API_DTYPE_FLOAT32, end - start, width, offset + start), model,
                            "take the training rows");
                }
                offset += rows;
            }
            requireAllRows(offset, total);
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
