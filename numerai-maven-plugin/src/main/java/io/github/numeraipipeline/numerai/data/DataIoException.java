package io.github.numeraipipeline.numerai.data;

/**
 * Reading or writing a dataset file failed for a reason outside the data itself (disk full, permissions,
 * an I/O error), so it is a fault rather than something the user fixes by changing the input.
 */
public class DataIoException extends DataException {
    private static final long serialVersionUID = 1L;

    public DataIoException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isUserError() {
        return false;
    }
}
