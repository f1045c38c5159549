package io.github.numeraipipeline.numerai.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Turns Numerai's GraphQL {@code errors} into the exception a caller can act on. */
final class GraphQlErrors {
    private GraphQlErrors() {
    }

    /**
     * Numerai sends either the usual list of {@code {"message": ...}} or an object with {@code detail}; like
     * numerapi, the last message is the one that counts.
     */
    static NumeraiApiException toException(JsonNode errors) {
        String message = null;
        if (errors.isArray()) {
            for (JsonNode error : errors) {
                message = error.path("message").asText(error.toString());
            }
        } else if (errors.isObject()) {
            message = errors.path("detail").asText(errors.path("message").asText(errors.toString()));
        } else {
            message = errors.asText();
        }
        if (message == null || message.isBlank()) {
            message = "an error without a message";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("session is invalid") || lower.contains("has expired") || lower.contains("api keys")) {
            return new NumeraiApiException.InvalidCredentials("Numerai refused the API keys: " + message
                    + " (check NUMERAI_PUBLIC_ID/NUMERAI_SECRET_KEY or the settings.xml server; keys can be"
                    + " re-issued at numer.ai/account)");
        }
        if (lower.contains("not open for submissions")) {
            return new NumeraiApiException.RoundNotOpen("Numerai says: " + message);
        }
        if (lower.startsWith("invalid_submission")) {
            return new NumeraiApiException.SubmissionRejected("Numerai rejected the submission: " + message);
        }
        return new NumeraiApiException.GraphQlError("Numerai says: " + message);
    }
}
