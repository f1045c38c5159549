package io.github.numeraipipeline.numerai.sandbox.data;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.PageCodecs;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes {@link SyntheticRows} as a Parquet file shaped like Numerai's (what pyarrow writes for a pandas frame:
 * optional columns, strings as UTF-8 binary, int8 as INT32 annotated INT(8)).
 *
 * <p>It drives Parquet-MR's column writers directly, one row group at a time, instead of going through
 * {@code ParquetWriter} and a record consumer: a row of 2,748 features then costs 2,748 plain calls, which keeps
 * the live shape well under a second and memory bounded by one compressed row group.
 */
final class SyntheticParquetWriter {
    /** Only used for padding decisions, which are off (no padding): any value works. */
    private static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private final SyntheticRows rows;
    private final ParquetLayout layout;
    private final MessageType schema;
    private final int featureCount;
    private final int targetCount;

    SyntheticParquetWriter(SyntheticRows rows, List<String> featureNames, List<String> targetNames,
            ParquetLayout layout) {
        this.rows = rows;
        this.layout = layout;
        this.featureCount = featureNames.size();
        this.targetCount = targetNames.size();
        this.schema = schema(featureNames, targetNames, layout);
    }

    void write(Path file, Map<String, String> metadata) throws IOException {
        ParquetProperties properties = ParquetProperties.builder()
                .withDictionaryEncoding(layout.dictionary())
                .withWriterVersion(layout.dataPageV2()
                        ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
        BytesInputCompressor compressor = PageCodecs.INSTANCE.getCompressor(layout.compression().codec);
        ParquetFileWriter out = new ParquetFileWriter(new LocalOutputFile(file), schema,
                ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, 0, properties.getColumnIndexTruncateLength(),
                properties.getStatisticsTruncateLength(), properties.getPageWriteChecksumEnabled());
        out.start();
        for (int ordinal = 0; rows.remaining() > 0; ordinal++) {
            writeRowGroup(out, properties, compressor, ordinal, Math.min(rows.remaining(), layout.rowGroupRows()));
        }
        out.end(metadata);
    }

    private void writeRowGroup(ParquetFileWriter out, ParquetProperties properties, BytesInputCompressor compressor,
            int ordinal, int rowCount) throws IOException {
        try (ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                        .withCompressorProvider(column -> compressor)
                        .withSchema(schema)
                        .withAllocator(properties.getAllocator())
                        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                        .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                        .withRowGroupOrdinal(ordinal)
                        .build();
                ColumnWriteStore columns = properties.newColumnWriteStore(schema, pages, pages)) {
            ColumnWriter[] writers = writers(columns);
            for (int r = 0; r < rowCount; r++) {
                rows.next();
                writeRow(writers);
                columns.endRecord();
            }
            out.startBlock(rowCount);
            columns.flush();
            pages.flushToFileWriter(out);
            out.endBlock();
        }
    }

    private ColumnWriter[] writers(ColumnWriteStore columns) {
        List<ColumnDescriptor> descriptors = schema.getColumns();
        ColumnWriter[] writers = new ColumnWriter[descriptors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columns.getColumnWriter(descriptors.get(i));
        }
        return writers;
    }

    /** Column order: id, era, data_type, features, targets. Every column is optional: definition level 1 = set. */
    private void writeRow(ColumnWriter[] writers) {
        writers[0].write(Binary.fromReusedByteArray(rows.id), 0, 1);
        writers[1].write(Binary.fromString(rows.era), 0, 1);
        writers[2].write(Binary.fromString(rows.currentDataType), 0, 1);
        byte[] features = rows.features;
        boolean int64 = layout.featureStorage() == ParquetLayout.FeatureStorage.INT64;
        for (int i = 0; i < featureCount; i++) {
            ColumnWriter writer = writers[3 + i];
            byte value = features[i];
            if (value == FeatureFrame.MISSING) {
                writer.writeNull(0, 0);
            } else if (int64) {
                writer.write((long) value, 0, 1);
            } else {
                writer.write((int) value, 0, 1);
            }
        }
        boolean asDouble = layout.targetStorage() == ParquetLayout.TargetStorage.DOUBLE;
        for (int t = 0; t < targetCount; t++) {
            ColumnWriter writer = writers[3 + featureCount + t];
            float value = rows.targets[t];
            if (Float.isNaN(value)) {
                writer.writeNull(0, 0);
            } else if (asDouble) {
                writer.write((double) value, 0, 1);
            } else {
                writer.write(value, 0, 1);
            }
        }
    }

    private static MessageType schema(List<String> featureNames, List<String> targetNames, ParquetLayout layout) {
        List<Type> fields = new ArrayList<>();
        for (String name : List.of(ParquetFrameReader.ID, ParquetFrameReader.ERA, ParquetFrameReader.DATA_TYPE)) {
            fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name));
        }
        for (String name : featureNames) {
            fields.add(switch (layout.featureStorage()) {
                case INT8 -> Types.optional(PrimitiveTypeName.INT32)
                        .as(LogicalTypeAnnotation.intType(8, true))
                        .named(name);
                case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(name);
                case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(name);
            });
        }
        PrimitiveTypeName targetType = layout.targetStorage() == ParquetLayout.TargetStorage.DOUBLE
                ? PrimitiveTypeName.DOUBLE
                : PrimitiveTypeName.FLOAT;
        for (String name : targetNames) {
            fields.add(Types.optional(targetType).named(name));
        }
        return new MessageType("schema", fields);
    }
}
