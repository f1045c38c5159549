package io.github.numeraipipeline.numerai.predictions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Numerai's checks of a classic predictions file, as numerai-tools' {@code validate_submission_numerai} makes them:
 * the header, every live id exactly once, no NaN, values within [0, 1], a non-zero spread. The sandbox refuses a
 * file with them; {@code predict} runs them before a file counts as done, so that nothing Numerai would refuse is
 * ever uploaded. Messages start with Numerai's {@code invalid_submission_*} codes.
 */
public final class SubmissionChecks {
    private static final List<String> PREDICTION_HEADER = List.of("id", "prediction");
    private static final List<String> PROBABILITY_HEADER = List.of("id", "probability");
    /** numpy's std of a constant column is 0 up to rounding; anything this small is no spread at all. */
    private static final double MIN_STD = 1e-12;

    private SubmissionChecks() {
    }

    /** Thrown with Numerai's message for the first check a file fails. */
    public static final class InvalidSubmission extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidSubmission(String message) {
            super(message);
        }
    }

    /** Checks a CSV predictions file against the round's live ids; returns the number of live rows checked. */
    public static int check(Reader csv, Set<String> liveIds) throws IOException, InvalidSubmission {
        BufferedReader lines = new BufferedReader(csv);
        String headerLine = lines.readLine();
        List<String> header = headerLine == null ? List.of() : split(stripBom(headerLine));
        if (!header.equals(PREDICTION_HEADER) && !header.equals(PROBABILITY_HEADER)) {
            throw new InvalidSubmission("invalid_submission_headers: the columns must be exactly"
                    + " [id, prediction] or [id, probability], found " + header);
        }
        Set<String> seen = new HashSet<>();
        List<Double> values = new ArrayList<>();
        String line;
        int lineNumber = 1;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = split(line);
            String id = cells.get(0);
            if (id.isEmpty() || id.equalsIgnoreCase("nan")) {
                throw new InvalidSubmission("invalid_submission_ids: Submission must not contain NaNs in the id column"
                        + " (line " + lineNumber + ")");
            }
            if (!liveIds.contains(id)) {
                continue; // Numerai ignores ids outside the live universe.
            }
            if (!seen.add(id)) {
                throw new InvalidSubmission("invalid_submission_ids: Duplicates detected in the id column: " + id);
            }
            values.add(cells.size() < 2 ? Double.NaN : parse(cells.get(1)));
        }
        if (seen.size() < liveIds.size()) {
            throw new InvalidSubmission("invalid_submission_ids: Not enough stocks submitted ("
                    + seen.size() + " of " + liveIds.size() + " live ids)."
                    + " Are you using the latest live ids or live universe?");
        }
        checkValues(values);
        return values.size();
    }

    private static void checkValues(List<Double> values) throws InvalidSubmission {
        double sum = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new InvalidSubmission("invalid_submission_values: submission must not contain NaNs");
            }
            if (v < 0 || v > 1) {
                throw new InvalidSubmission("invalid_submission_values: values must be between 0 and 1, found " + v);
            }
            sum += v;
        }
        double mean = sum / values.size();
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        if (values.size() < 2 || Math.sqrt(squares / (values.size() - 1)) < MIN_STD) {
            throw new InvalidSubmission("invalid_submission_values: submission must have non-zero standard deviation");
        }
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Numerai's files are plain pandas CSV: no quoting inside an id or a number. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String trimmed = cell.trim();
            if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
                trimmed = trimmed.substring(1, trimmed.length() - 1);
            }
            cells.add(trimmed);
        }
        return cells;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
