package io.github.numeraipipeline.numerai;

/**
 * The root of every failure the core reports. Checked, so that the Maven layer has to decide, at its edge,
 * whether a failure is the user's to fix ({@code MojoFailureException}) or unexpected
 * ({@code MojoExecutionException}). Messages name the file, key or parameter and the fix; they never
 * contain a credential.
 */
public class NumeraiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean userError;

    public NumeraiException(String message) {
        super(message);
        this.userError = true;
    }

    public NumeraiException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /** For the kinds that can be either: {@code userError} false for a fault. */
    protected NumeraiException(String message, Throwable cause, boolean userError) {
        super(message, cause);
        this.userError = userError;
    }

    /** Whether the user can fix this (bad input, missing key, rejected submission) rather than a fault. */
    public boolean isUserError() {
        return userError;
    }
}
