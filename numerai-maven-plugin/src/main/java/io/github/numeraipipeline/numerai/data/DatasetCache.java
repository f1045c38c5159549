package io.github.numeraipipeline.numerai.data;

import java.nio.file.Path;

/**
 * Where downloaded datasets live: {@code <root>/<version>/<file>} for the files that do not change within a
 * version (features.json, train, validation), and {@code <root>/<version>/live_<round>.parquet} for live data,
 * so that a new round never reuses yesterday's live file.
 */
public final class DatasetCache {
    public static final String FEATURES = "features.json";
    public static final String LIVE = "live.parquet";
    public static final String TRAIN = "train.parquet";
    public static final String VALIDATION = "validation.parquet";
    /** Downloaded only for a config whose {@code validationMetrics} has {@code mmc}. */
    public static final String META_MODEL = "meta_model.parquet";
    /** Downloaded only for a config whose {@code validationMetrics} has {@code bmc}. */
    public static final String VALIDATION_BENCHMARK_MODELS = "validation_benchmark_models.parquet";

    private final Path root;

    public DatasetCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A file that stays the same within a version, such as {@code features.json}. */
    public Path file(String version, String file) {
        return root.resolve(version).resolve(file);
    }

    public Path live(String version, int round) {
        return root.resolve(version).resolve("live_" + round + ".parquet");
    }

    /** Numerai's name of a dataset file: {@code v5.0/live.parquet}. */
    public static String remoteName(String version, String file) {
        return version + "/" + file;
    }
}
