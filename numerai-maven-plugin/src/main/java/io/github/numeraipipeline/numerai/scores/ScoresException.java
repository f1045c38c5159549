package io.github.numeraipipeline.numerai.scores;

import io.github.numeraipipeline.numerai.NumeraiException;

/** The scores cannot be fetched or kept: an unknown model, an unreadable scores.json. */
public class ScoresException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    public ScoresException(String message) {
        super(message);
    }

    public ScoresException(String message, Throwable cause) {
        super(message, cause);
    }
}
