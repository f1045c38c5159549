package io.github.numeraipipeline.numerai.xgbnative;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * The few functions of XGBoost's C API (c_api.h) that XGBoost4J does not wrap on CPU: a proxy matrix that is
 * pointed at one batch of data at a time, and a quantile matrix built from a callback iterator over such batches.
 * Every int-returning function returns 0 on success and -1 on failure, with the reason in {@link #XGBGetLastError}.
 * Bound with JNA to the very library XGBoost4J has loaded (see {@link XgbNative}), so that the handles are valid
 * for XGBoost4J's own {@code DMatrix} and {@code Booster}.
 */
public interface XgbCApi extends Library {
    /** The functions {@link XgbNative} checks for before anything is called. */
    List<String> REQUIRED = List.of("XGBoostVersion", "XGBGetLastError", "XGProxyDMatrixCreate",
            "XGProxyDMatrixSetDataColumnar", "XGDMatrixSetInfoFromInterface", "XGQuantileDMatrixCreateFromCallback",
            "XGDMatrixFree");

    void XGBoostVersion(IntByReference major, IntByReference minor, IntByReference patch);

    String XGBGetLastError();

    int XGProxyDMatrixCreate(PointerByReference out);

    /**
     * Points the proxy at a batch given column by column: a JSON list of one array interface a column, each with
     * its own data pointer; XGBoost does not copy them.
     */
    int XGProxyDMatrixSetDataColumnar(Pointer proxy, String columns);

    /** Sets a meta field ("label") of the proxy's current batch from array-interface JSON. */
    int XGDMatrixSetInfoFromInterface(Pointer handle, String field, String arrayInterface);

    int XGQuantileDMatrixCreateFromCallback(Pointer iterator, Pointer proxy, Pointer reference,
            ResetCallback reset, NextCallback next, String config, PointerByReference out);

    /** The same from batches cached on disk page by page ({@code cache_prefix} in the config); XGBoost 3.0+. */
    int XGExtMemQuantileDMatrixCreateFromCallback(Pointer iterator, Pointer proxy, Pointer reference,
            ResetCallback reset, NextCallback next, String config, PointerByReference out);

    int XGDMatrixFree(Pointer handle);

    /** {@code DataIterResetCallback}: start the next pass over the data from the first batch. */
    interface ResetCallback extends Callback {
        void invoke(Pointer iterator);
    }

    /** {@code XGDMatrixCallbackNext}: set the next batch on the proxy and return 1, or return 0 at the end. */
    interface NextCallback extends Callback {
        int invoke(Pointer iterator);
    }
}
