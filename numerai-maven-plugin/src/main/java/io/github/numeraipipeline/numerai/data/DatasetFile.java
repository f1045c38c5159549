package io.github.numeraipipeline.numerai.data;

/** The files of a Numerai classic dataset version that this project reads or makes up, by their real names. */
public enum DatasetFile {
    TRAIN("train.parquet"),
    VALIDATION("validation.parquet"),
    LIVE("live.parquet"),
    FEATURES("features.json");

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
