package io.github.numeraipipeline.numerai.model;

import com.microsoft.ml.lightgbm.lightgbmlib;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;

/** LightGBM's native library, loaded once from lightgbm4j's jar, and its C API's error codes as exceptions. */
final class LgbmNative {
    private LgbmNative() {
    }

    /** Loads the native library, or says why it cannot (a platform lightgbm4j has no library for). */
    static void load(String model) throws ModelException {
        try {
            LGBMBooster.loadNative();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw ModelException.fault("Model " + model + ": cannot load LightGBM's native library (lightgbm4j has"
                    + " it for Linux and macOS on x86_64 and aarch64, and Windows on x86_64; this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e, e);
        }
    }

    /** A non-zero return code as LightGBM's own message. */
    static void check(int code, String model, String what) throws ModelException {
        if (code != 0) {
            throw new ModelException("Model " + model + ": LightGBM failed to " + what + ": "
                    + lightgbmlib.LGBM_GetLastError());
        }
    }
}
