package io.github.numeraipipeline.numerai.model;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A LightGBM model loaded from its text format, and its outputs for the rows of a frame: the columns are picked by
 * the feature names the model file records ({@code feature_names=} in its header), in the model's order, whatever
 * the frame's order.
 */
final class LgbmBooster implements AutoCloseable {
    /** Values converted to float per native call: bounds the memory of scoring many rows of many features. */
    private static final long BLOCK_VALUES = 4_000_000L;

    private final String model;
    private final List<String> featureNames;
    private SWIGTYPE_p_void handle;

    private LgbmBooster(String model, SWIGTYPE_p_void handle, List<String> featureNames) {
        this.model = model;
        this.handle = handle;
        this.featureNames = featureNames;
    }

    /** LightGBM's text model; {@code what} names it in messages (its file). */
    static LgbmBooster load(String model, byte[] text, String what) throws ModelException {
        LgbmNative.load(model);
        String content = new String(text, StandardCharsets.UTF_8);
        List<String> names = featureNames(content);
        if (names.isEmpty()) {
            throw new ModelException("Model " + model + ": the LightGBM model " + what + " has no \"feature_names=\""
                    + " line, so its columns cannot be picked by name. Train it again with numerai:train, or save"
                    + " it from Python with the feature names.");
        }
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        try {
            if (lightgbmlib.LGBM_BoosterLoadModelFromString(content, iterations, out) != 0) {
                throw new ModelException("Model " + model + ": LightGBM cannot load the model " + what + " ("
                        + lightgbmlib.LGBM_GetLastError() + "). Train it again with numerai:train, or replace the"
                        + " file.");
            }
            return new LgbmBooster(model, lightgbmlib.voidpp_value(out), names);
        } finally {
            lightgbmlib.delete_intp(iterations);
            lightgbmlib.delete_voidpp(out);
        }
    }

    private static List<String> featureNames(String content) {
        // the header ends at the first tree; its names are space-separated, as LightGBM writes them
        int end = content.indexOf("\nTree=");
        String header = end < 0 ? content : content.substring(0, end);
        return header.lines().filter(l -> l.startsWith("feature_names=")).findFirst()
                .map(l -> List.of(l.substring("feature_names=".length()).trim().split(" ")))
                .orElse(List.of());
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
        SWIGTYPE_p_float block = lightgbmlib.new_floatArray((long) blockRows * width);
        SWIGTYPE_p_double outputs = lightgbmlib.new_doubleArray(blockRows);
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            for (int start = 0; start < count; start += blockRows) {
                int end = Math.min(count, start + blockRows);
                for (int i = start; i < end; i++) {
                    int row = rows == null ? i : rows[i];
                    long base = (long) (i - start) * width;
                    for (int j = 0; j < width; j++) {
                        byte value = columns[j][row];
                        lightgbmlib.floatArray_setitem(block, base + j,
                                value == FeatureFrame.MISSING ? Float.NaN : value);
                    }
                }
                LgbmNative.check(lightgbmlib.LGBM_BoosterPredictForMat(handle,
                        lightgbmlib.float_to_voidp_ptr(block), lightgbmlibConstants.C_API_DTYPE_FLOAT32, end - start,
                        width, 1, lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1,
                        "num_threads=" + LgbmParams.DEFAULT_THREADS, length, outputs), model, "predict");
                for (int i = start; i < end; i++) {
                    values[i] = lightgbmlib.doubleArray_getitem(outputs, i - start);
                }
            }
        } finally {
            lightgbmlib.delete_floatArray(block);
            lightgbmlib.delete_doubleArray(outputs);
            lightgbmlib.delete_int64_tp(length);
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
        if (handle != null) {
            lightgbmlib.LGBM_BoosterFree(handle);
            handle = null;
        }
    }
}
