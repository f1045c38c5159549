package io.github.numeraipipeline.numerai.parquet;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The columns a {@link FeatureFrame} is read from, checked against a file's schema before any row is read: the
 * projection handed to Parquet and the descriptor of each column. Every mismatch is an error naming the file,
 * the column and what would fix it.
 */
final class FrameSchema {
    final MessageType requested;
    final ColumnDescriptor id;
    /** Null when the file has no such column. */
    final ColumnDescriptor era;
    /** Null when the file has no such column. */
    final ColumnDescriptor dataType;
    final ColumnDescriptor[] features;
    final ColumnDescriptor[] targets;

    private FrameSchema(MessageType fileSchema, List<String> featureNames, List<String> targetNames) {
        List<Type> fields = new ArrayList<>();
        fields.add(fileSchema.getType(ParquetFrameReader.ID));
        for (String optional : List.of(ParquetFrameReader.ERA, ParquetFrameReader.DATA_TYPE)) {
            if (fileSchema.containsField(optional)) {
                fields.add(fileSchema.getType(optional));
            }
        }
        featureNames.forEach(name -> fields.add(fileSchema.getType(name)));
        targetNames.forEach(name -> fields.add(fileSchema.getType(name)));
        this.requested = new MessageType(fileSchema.getName(), fields);
        this.id = column(ParquetFrameReader.ID);
        this.era = requested.containsField(ParquetFrameReader.ERA) ? column(ParquetFrameReader.ERA) : null;
        this.dataType =
                requested.containsField(ParquetFrameReader.DATA_TYPE) ? column(ParquetFrameReader.DATA_TYPE) : null;
        this.features = featureNames.stream().map(this::column).toArray(ColumnDescriptor[]::new);
        this.targets = targetNames.stream().map(this::column).toArray(ColumnDescriptor[]::new);
    }

    static FrameSchema check(Path file, MessageType schema, List<String> featureNames, List<String> targetNames)
            throws DataException {
        requireDistinct("feature", featureNames);
        requireDistinct("target", targetNames);
        if (!schema.containsField(ParquetFrameReader.ID)) {
            throw new DataException(file + " has no \"" + ParquetFrameReader.ID + "\" column (it has "
                    + NameList.summarize(columnNames(schema)) + "). Numerai datasets keep the row id there; a file"
                    + " written by pandas needs its id index kept (df.to_parquet(path), not index=False).");
        }
        for (String name : List.of(ParquetFrameReader.ID, ParquetFrameReader.ERA, ParquetFrameReader.DATA_TYPE)) {
            if (schema.containsField(name) && !isString(schema.getType(name))) {
                throw new DataException(file + ": column \"" + name + "\" is " + describe(schema.getType(name))
                        + ", not a string column as in Numerai datasets; the file is not a Numerai dataset.");
            }
        }
        List<String> missing = featureNames.stream().filter(name -> !schema.containsField(name)).toList();
        if (!missing.isEmpty()) {
            throw ParquetFrameReader.missingFeatures(file, missing);
        }
        for (String name : featureNames) {
            if (!isInteger(schema.getType(name))) {
                throw new DataException(file + ": feature column " + name + " is " + describe(schema.getType(name))
                        + ", not an integer column; features must be integers 0..4 (int8, as in Numerai's v5"
                        + " files). Use Numerai's dataset files as they are downloaded.");
            }
        }
        for (String name : targetNames) {
            if (!schema.containsField(name)) {
                List<String> available = columnNames(schema).stream().filter(c -> c.startsWith("target")).toList();
                throw new DataException(file + " has no target column " + name + " (target columns: "
                        + (available.isEmpty() ? "none" : NameList.summarize(available)) + "). Choose one of the"
                        + " file's targets as the model's target, or use data of the version the model was made for.");
            }
            if (!isFloat(schema.getType(name))) {
                throw new DataException(file + ": target column " + name + " is " + describe(schema.getType(name))
                        + ", not a float column; targets must be FLOAT or DOUBLE values in [0, 1].");
            }
        }
        return new FrameSchema(schema, featureNames, targetNames);
    }

    static List<String> columnNames(MessageType schema) {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    private ColumnDescriptor column(String name) {
        return requested.getColumnDescription(new String[] {name});
    }

    private static void requireDistinct(String kind, List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> repeated = names.stream().filter(name -> !seen.add(name)).collect(Collectors.toSet());
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException(kind + " names asked for more than once: " + repeated);
        }
    }

    private static boolean isPlainColumn(Type type) {
        return type.isPrimitive() && !type.isRepetition(Type.Repetition.REPEATED);
    }

    private static boolean isString(Type type) {
        return isPlainColumn(type) && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
    }

    /** INT32 or INT64, plain or annotated as an integer (INT(8) is what pyarrow writes for int8). */
    private static boolean isInteger(Type type) {
        if (!isPlainColumn(type)) {
            return false;
        }
        PrimitiveTypeName physical = type.asPrimitiveType().getPrimitiveTypeName();
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        return (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64)
                && (annotation == null || annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation);
    }

    private static boolean isFloat(Type type) {
        if (!isPlainColumn(type)) {
            return false;
        }
        PrimitiveTypeName physical = type.asPrimitiveType().getPrimitiveTypeName();
        return physical == PrimitiveTypeName.FLOAT || physical == PrimitiveTypeName.DOUBLE;
    }

    /** E.g. "DOUBLE", "BINARY (STRING)", "a group", "repeated INT32". */
    private static String describe(Type type) {
        if (!type.isPrimitive()) {
            return "a nested group";
        }
        String repeated = type.isRepetition(Type.Repetition.REPEATED) ? "repeated " : "";
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        return repeated + type.asPrimitiveType().getPrimitiveTypeName()
                + (annotation == null ? "" : " (" + annotation + ")");
    }
}
