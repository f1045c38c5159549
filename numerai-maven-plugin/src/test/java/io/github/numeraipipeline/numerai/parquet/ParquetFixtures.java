package io.github.numeraipipeline.numerai.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Independent of the code under test: writes hand-made (often broken) files with Parquet-MR's example Group API,
 * reads files back with its record API, and compares frames.
 */
public final class ParquetFixtures {
    private ParquetFixtures() {}

    /**
     * Writes rows to a file whose schema is given in Parquet's text form
     * ({@code message m { optional binary id (STRING); ... }}); a row maps column names to String, Integer,
     * Long, Float or Double values, and a column left out is null.
     */
    public static Path write(Path file, String schemaText, List<Map<String, Object>> rows) throws IOException {
        return write(file, schemaText, rows, Pages.V1_DICTIONARY);
    }

    /** Page layouts of {@link #write}: Parquet-MR's defaults, or v2 pages with delta-encoded integers. */
    enum Pages {
        V1_DICTIONARY,
        V2_WITHOUT_DICTIONARY
    }

    static Path write(Path file, String schemaText, List<Map<String, Object>> rows, Pages pages) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(schemaText);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        boolean v2 = pages == Pages.V2_WITHOUT_DICTIONARY;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(v2 ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(!v2)
                .build()) {
            for (Map<String, Object> row : rows) {
                Group group = groups.newGroup();
                row.forEach((column, value) -> {
                    if (value instanceof String text) {
                        group.append(column, text);
                    } else if (value instanceof Integer number) {
                        group.append(column, number);
                    } else if (value instanceof Long number) {
                        group.append(column, number);
                    } else if (value instanceof Float number) {
                        group.append(column, number);
                    } else {
                        group.append(column, (Double) value);
                    }
                });
                writer.write(group);
            }
        }
        return file;
    }

    /** {@code row("id", "n1", "feature_a", 3)}: column, value, column, value...; null values are left out. */
    static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            if (columnsAndValues[i + 1] != null) {
                row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
            }
        }
        return row;
    }

    /** All rows of a file as Parquet-MR's record API assembles them. */
    static List<Group> readWithRecordApi(Path file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFileMetaData().getSchema();
            for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(group, new GroupRecordConverter(schema));
                for (long r = 0; r < group.getRowCount(); r++) {
                    rows.add(records.read());
                }
            }
        }
        return rows;
    }

    static void assertSameFrame(FeatureFrame expected, FeatureFrame actual) {
        assertEquals(expected.rowCount(), actual.rowCount(), "rows");
        assertEquals(expected.ids(), actual.ids(), "ids");
        assertEquals(expected.eras(), actual.eras(), "eras");
        assertEquals(expected.dataTypes(), actual.dataTypes(), "data types");
        assertEquals(expected.featureNames(), actual.featureNames(), "feature names");
        for (String feature : expected.featureNames()) {
            assertArrayEquals(expected.feature(feature), actual.feature(feature), feature);
        }
        assertEquals(expected.targetNames(), actual.targetNames(), "target names");
        for (String target : expected.targetNames()) {
            assertArrayEquals(expected.target(target), actual.target(target), target);
        }
    }
}
