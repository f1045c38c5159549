package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;

/**
 * A model cannot be trained or cannot predict: a missing or corrupt booster, features the data lacks, data too
 * large for this machine, predictions Numerai would refuse. The message names the model, the file and the fix.
 * Failures of XGBoost itself or of the disk are faults ({@link #fault}), not the user's to fix.
 */
public class ModelException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        this(message, null, true);
    }

    public ModelException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private ModelException(String message, Throwable cause, boolean userError) {
        super(message, cause, userError);
    }

    /** Something went wrong that the user's input does not explain (XGBoost failed, the disk failed). */
    public static ModelException fault(String message, Throwable cause) {
        return new ModelException(message, cause, false);
    }

    /**
     * A failure of a package below (such as the native binding's) as the model's own: the same message, whether
     * the user can fix it, and the original as the cause.
     */
    public static ModelException of(NumeraiException failure) {
        return failure instanceof ModelException model ? model
                : new ModelException(failure.getMessage(), failure, failure.isUserError());
    }
}
