package io.github.numeraipipeline.numerai.xgbnative;

import io.github.numeraipipeline.numerai.NumeraiException;

/**
 * The native binding cannot do what was asked: the library does not bind here (not Linux, another XGBoost), the
 * machine has no memory for a batch, or XGBoost's C API refused (its own message). The message names the fix;
 * XGBoost's own failures are faults ({@link #fault}), not the user's to fix. {@code model} passes it on as its
 * {@code ModelException}, with the same message.
 */
public class XgbNativeException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    public XgbNativeException(String message) {
        this(message, null, true);
    }

    public XgbNativeException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private XgbNativeException(String message, Throwable cause, boolean userError) {
        super(message, cause, userError);
    }

    /** Something went wrong that the user's input does not explain (XGBoost failed, the disk failed). */
    public static XgbNativeException fault(String message, Throwable cause) {
        return new XgbNativeException(message, cause, false);
    }
}
