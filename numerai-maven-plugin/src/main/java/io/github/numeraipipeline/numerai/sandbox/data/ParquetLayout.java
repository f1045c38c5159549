package io.github.numeraipipeline.numerai.sandbox.data;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How {@link SyntheticDataset} lays its values out in Parquet. The values do not depend on it (only on the
 * {@link SyntheticDatasetSpec}), except that {@code featureNullRate} blanks some of them; so tests can write the
 * same data every way a real file might come and check that the reader gets the same frame back.
 *
 * @param compression page compression; Numerai's files use snappy (pyarrow's default)
 * @param rowGroupRows rows per row group; bounds the writer's memory (a row group is buffered, compressed, before
 *     it is written)
 * @param dictionary dictionary-encode columns (pyarrow's default) or write them plain
 * @param featureStorage the physical type of feature columns
 * @param targetStorage the physical type of target columns
 * @param featureNullRate share of feature values written as null, in [0, 1); real files have a few NaN
 * @param dataPageV2 write Parquet 2.0 data pages (and, without dictionary, delta-encoded integers) instead of the
 *     v1 pages pyarrow writes by default
 */
public record ParquetLayout(
        Compression compression,
        int rowGroupRows,
        boolean dictionary,
        FeatureStorage featureStorage,
        TargetStorage targetStorage,
        double featureNullRate,
        boolean dataPageV2) {

    public enum Compression {
        NONE(CompressionCodecName.UNCOMPRESSED),
        SNAPPY(CompressionCodecName.SNAPPY),
        GZIP(CompressionCodecName.GZIP),
        ZSTD(CompressionCodecName.ZSTD);

        final CompressionCodecName codec;

        Compression(CompressionCodecName codec) {
            this.codec = codec;
        }
    }

    /** Integer widths a feature column can come in; the reader accepts each. */
    public enum FeatureStorage {
        /** INT32 annotated INT(8, signed): what pyarrow writes for a pandas int8 column, as Numerai's files. */
        INT8,
        /** INT32 without annotation. */
        INT32,
        /** INT64 without annotation (pandas int64). */
        INT64
    }

    public enum TargetStorage {
        /** pandas float32. */
        FLOAT,
        /** pandas float64. */
        DOUBLE
    }

    public ParquetLayout {
        if (compression == null || featureStorage == null || targetStorage == null) {
            throw new IllegalArgumentException("compression, featureStorage and targetStorage are required");
        }
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("rowGroupRows must be at least 1: " + rowGroupRows);
        }
        if (!(featureNullRate >= 0 && featureNullRate < 1)) {
            throw new IllegalArgumentException("featureNullRate must be in [0, 1): " + featureNullRate);
        }
    }

    /** Like Numerai's files: snappy, dictionary, int8 features, float32 targets, no nulls; 50,000-row groups. */
    public static ParquetLayout defaults() {
        return new ParquetLayout(Compression.SNAPPY, 50_000, true, FeatureStorage.INT8, TargetStorage.FLOAT, 0, false);
    }

    public ParquetLayout withCompression(Compression value) {
        return new ParquetLayout(value, rowGroupRows, dictionary, featureStorage, targetStorage, featureNullRate,
                dataPageV2);
    }

    public ParquetLayout withRowGroupRows(int value) {
        return new ParquetLayout(compression, value, dictionary, featureStorage, targetStorage, featureNullRate,
                dataPageV2);
    }

    public ParquetLayout withDictionary(boolean value) {
        return new ParquetLayout(compression, rowGroupRows, value, featureStorage, targetStorage, featureNullRate,
                dataPageV2);
    }

    public ParquetLayout withFeatureStorage(FeatureStorage value) {
        return new ParquetLayout(compression, rowGroupRows, dictionary, value, targetStorage, featureNullRate,
                dataPageV2);
    }

    public ParquetLayout withTargetStorage(TargetStorage value) {
        return new ParquetLayout(compression, rowGroupRows, dictionary, featureStorage, value, featureNullRate,
                dataPageV2);
    }

    public ParquetLayout withDataPageV2(boolean value) {
        return new ParquetLayout(compression, rowGroupRows, dictionary, featureStorage, targetStorage, featureNullRate,
                value);
    }

    public ParquetLayout withFeatureNullRate(double value) {
        return new ParquetLayout(compression, rowGroupRows, dictionary, featureStorage, targetStorage, value,
                dataPageV2);
    }
}
