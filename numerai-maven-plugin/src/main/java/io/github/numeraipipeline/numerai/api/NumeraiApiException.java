package io.github.numeraipipeline.numerai.api;

import io.github.numeraipipeline.numerai.NumeraiException;

/** Numerai's API refused a call or could not be reached; the message carries what Numerai said. */
public class NumeraiApiException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    public NumeraiApiException(String message) {
        super(message);
    }

    public NumeraiApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The API kept failing (5xx, timeouts, resets) after every retry: a fault, not the user's doing. */
    public static final class Unavailable extends NumeraiApiException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Unavailable(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The last HTTP status, or 0 when no answer came. */
        public int status() {
            return status;
        }

        @Override
        public boolean isUserError() {
            return false;
        }
    }

    /** The keys are missing, wrong or revoked ("Your session is invalid or has expired."). Never retried. */
    public static final class InvalidCredentials extends NumeraiApiException {
        private static final long serialVersionUID = 1L;

        public InvalidCredentials(String message) {
            super(message);
        }
    }

    /** Numerai says the current round is not open for submissions (between rounds). */
    public static final class RoundNotOpen extends NumeraiApiException {
        private static final long serialVersionUID = 1L;

        public RoundNotOpen(String message) {
            super(message);
        }
    }

    /** Numerai refused a submission file ({@code invalid_submission_*}). */
    public static final class SubmissionRejected extends NumeraiApiException {
        private static final long serialVersionUID = 1L;

        public SubmissionRejected(String message) {
            super(message);
        }
    }

    /** Any other GraphQL error, with Numerai's message. */
    public static final class GraphQlError extends NumeraiApiException {
        private static final long serialVersionUID = 1L;

        public GraphQlError(String message) {
            super(message);
        }
    }
}
