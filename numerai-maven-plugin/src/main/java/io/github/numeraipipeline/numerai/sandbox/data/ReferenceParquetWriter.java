package io.github.numeraipipeline.numerai.sandbox.data;

import io.github.numeraipipeline.numerai.parquet.PageCodecs;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Writes the shape of {@code meta_model.parquet} and {@code validation_benchmark_models.parquet}: {@code id},
 * {@code era}, {@code data_type} and one optional DOUBLE column per model (null where NaN), in one row group. The
 * rows are in memory: these files have the validation file's rows at most and a handful of columns.
 */
final class ReferenceParquetWriter {
    private static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private ReferenceParquetWriter() {
    }

    /** {@code values[column][row]}. */
    static void write(Path file, Map<String, String> metadata, List<String> ids, List<String> eras,
            List<String> dataTypes, List<String> columns, double[][] values) throws IOException {
        List<Type> fields = new ArrayList<>();
        for (String name : List.of(ParquetFrameReader.ID, ParquetFrameReader.ERA, ParquetFrameReader.DATA_TYPE)) {
            fields.add(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name));
        }
        for (String name : columns) {
            fields.add(Types.optional(PrimitiveTypeName.DOUBLE).named(name));
        }
        MessageType schema = new MessageType("schema", fields);
        ParquetProperties properties = ParquetProperties.builder().build();
        BytesInputCompressor compressor = PageCodecs.INSTANCE.getCompressor(ParquetLayout.defaults().compression().codec);
        ParquetFileWriter out = new ParquetFileWriter(new LocalOutputFile(file), schema,
                ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, 0, properties.getColumnIndexTruncateLength(),
                properties.getStatisticsTruncateLength(), properties.getPageWriteChecksumEnabled());
        out.start();
        int rows = ids.size();
        try (ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                        .withCompressorProvider(column -> compressor)
                        .withSchema(schema)
                        .withAllocator(properties.getAllocator())
                        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                        .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                        .withRowGroupOrdinal(0)
                        .build();
                ColumnWriteStore store = properties.newColumnWriteStore(schema, pages, pages)) {
            ColumnWriter[] writers = schema.getColumns().stream().map(store::getColumnWriter)
                    .toArray(ColumnWriter[]::new);
            for (int r = 0; r < rows; r++) {
                writers[0].write(Binary.fromString(ids.get(r)), 0, 1);
                writers[1].write(Binary.fromString(eras.get(r)), 0, 1);
                writers[2].write(Binary.fromString(dataTypes.get(r)), 0, 1);
                for (int c = 0; c < columns.size(); c++) {
                    double value = values[c][r];
                    if (Double.isNaN(value)) {
                        writers[3 + c].writeNull(0, 0);
                    } else {
                        writers[3 + c].write(value, 0, 1);
                    }
                }
                store.endRecord();
            }
            out.startBlock(rows);
            store.flush();
            pages.flushToFileWriter(out);
            out.endBlock();
        }
        out.end(metadata);
    }
}
