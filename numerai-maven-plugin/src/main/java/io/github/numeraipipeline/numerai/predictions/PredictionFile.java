package io.github.numeraipipeline.numerai.predictions;

import io.github.numeraipipeline.numerai.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A model's predictions file as it will be uploaded: where it is, how many rows, and its SHA-256. */
public record PredictionFile(String model, Path path, long rows, String sha256) {

    /** {@code predictions_<model>.csv} in the output directory, as {@code predict} writes it. */
    public static Path pathFor(Path outputDirectory, String model) {
        return outputDirectory.resolve("predictions_" + model + ".csv");
    }

    public static PredictionFile of(String model, Path path) throws IOException {
        long lines;
        try (Stream<String> stream = Files.lines(path)) {
            lines = stream.filter(line -> !line.isEmpty()).count();
        }
        return new PredictionFile(model, path, Math.max(0, lines - 1), Sha256.of(path));
    }
}
