package io.github.numeraipipeline.numerai.model;

import java.nio.file.Path;

/**
 * A checked predictions file, ready to upload.
 *
 * @param name   the model (slot) name
 * @param file   {@code predictions_<name>.csv}: header {@code id,prediction}, one row per live id
 * @param rows   data rows (live ids)
 * @param sha256 SHA-256 of the file, hex
 * @param round  the round whose live data was predicted; null when the live file came from numerai.liveData
 *               without a known round
 */
public record PredictionFile(String name, Path file, int rows, String sha256, Integer round) {
    public static final String PREFIX = "predictions_";

    /** {@code predictions_<name>.csv} in the directory. */
    public static Path in(Path directory, String name) {
        return directory.resolve(PREFIX + name + ".csv");
    }
}
