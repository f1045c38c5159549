package io.github.numeraipipeline.numerai.model.bench;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.ParquetLayout;
import io.github.numeraipipeline.numerai.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Placeholder: writes the full v5.0-shape train file. */
public final class TrainBenchmark {
    /** v5.0: 2,376 features; 574 eras of 4,800 rows = 2,755,200 rows. */
    static final SyntheticDatasetSpec FULL_V50 = SyntheticDatasetSpec.defaults().withFeatureCount(2376)
            .withTrain(574, 4800);

    private TrainBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.home") + "/.cache/numerai-pipeline/bench");
        prepare(cache);
    }

    static Path prepare(Path cache) throws Exception {
        Path file = cache.resolve("train-v50-2755200x2376.parquet");
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            Files.createDirectories(cache);
            new SyntheticDataset(FULL_V50).writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults());
            System.out.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.0f s%n", file, Files.size(file),
                    (System.nanoTime() - start) / 1e9);
        }
        return file;
    }
}
