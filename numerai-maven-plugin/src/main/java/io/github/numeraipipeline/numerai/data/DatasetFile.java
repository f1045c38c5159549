package io.github.numeraipipeline.numerai.data;

/** The files of a Numerai classic dataset version that this project reads or makes up, by their real names. */
public enum DatasetFile {
    TRAIN("train.parquet"),
    VALIDATION("validation.parquet"),
    LIVE("live.parquet"),
    FEATURES("features.json"),
    /** The meta model's value per validation row ({@code numerai_meta_model}), for MMC. */
    META_MODEL("meta_model.parquet"),
    /** Numerai's benchmark models' values per validation row (a column each, e.g. {@code v52_lgbm_ender20}), for BMC. */
    VALIDATION_BENCHMARK_MODELS("validation_benchmark_models.parquet");

    private final String fileName;

    DatasetFile(String fileName) {
        this.fileName = fileName;
    }

    /** The name inside a dataset version, e.g. {@code live.parquet} (Numerai serves it as {@code v5.2/live.parquet}). */
    public String fileName() {
        return fileName;
    }

    public boolean isParquet() {
        return this != FEATURES;
    }
}
