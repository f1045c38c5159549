package io.github.numeraipipeline.numerai.data;

import io.github.numeraipipeline.numerai.NumeraiException;

/**
 * A dataset file that cannot be used as it is: missing, not Parquet, truncated, or with a schema or values that
 * are not those of a Numerai dataset. The message names the file and what to do about it; the user can fix it
 * (download again, pick another feature set or target).
 */
public class DataException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
