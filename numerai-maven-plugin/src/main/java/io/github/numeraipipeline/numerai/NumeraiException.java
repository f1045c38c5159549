package io.github.numeraipipeline.numerai;

/**
 * The root of every failure the core reports. Checked, so that the Maven layer has to decide, at its edge,
 * whether a failure is the user's to fix ({@code MojoFailureException}) or unexpected
 * ({@code MojoExecutionException}). Messages name the file, key or parameter and the fix; they never
 * contain a credential.
 */
public class NumeraiException extends Exception {
    private static final long serialVersionUID = 1L;

    public NumeraiException(String message) {
        super(message);
    }

    public NumeraiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the user can fix this (bad input, missing key, rejected submission) rather than a fault. */
    public boolean isUserError() {
        return true;
    }
}
