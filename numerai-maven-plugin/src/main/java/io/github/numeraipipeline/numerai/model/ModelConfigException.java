package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;

/** A model config the desk cannot use; the message names the file, the key and the fix. */
public final class ModelConfigException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    public ModelConfigException(String message) {
        super(message);
    }

    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
