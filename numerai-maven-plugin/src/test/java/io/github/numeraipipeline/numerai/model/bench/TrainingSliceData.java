package io.github.numeraipipeline.numerai.model.bench;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the data of docs/bench-training.sh with the sandbox's generator, laid out as {@code numerai:train} finds it
 * ({@code <dir>/data/v5.0/train.parquet}, {@code validation.parquet}, {@code features.json}): a train file of
 * {@code rows} rows (eras of 5,000) x 2,376 int8 features in row groups of {@code rowGroupRows}, and a validation
 * file of 4 eras of 5,000. With {@code npy}, also the train features, labels and validation features as NumPy
 * files (row-major int8, float32) for Python xgboost, which cannot read Parquet without pyarrow. Not a test.
 *
 * <pre>java -cp ... TrainingSliceData dir rows rowGroupRows [npy]</pre>
 */
public final class TrainingSliceData {
    static final int FEATURES = 2376;
    static final int ROWS_PER_ERA = 5000;

    private TrainingSliceData() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int rowGroupRows = Integer.parseInt(args[2]);
        boolean npy = args.length > 3 && args[3].equals("npy");
        Path data = Files.createDirectories(dir.resolve("data").resolve("v5.0"));
        SyntheticDataset dataset = new SyntheticDataset(SyntheticDatasetSpec.defaults().withFeatureCount(FEATURES)
                .withTrain(rows / ROWS_PER_ERA, ROWS_PER_ERA).withValidation(4, ROWS_PER_ERA, 0));
        ParquetLayout layout = ParquetLayout.defaults().withRowGroupRows(rowGroupRows);
        Path train = write(dataset, DatasetFile.TRAIN, data.resolve("train.parquet"), layout);
        Path validation = write(dataset, DatasetFile.VALIDATION, data.resolve("validation.parquet"), layout);
        write(dataset, DatasetFile.FEATURES, data.resolve("features.json"), layout);
        if (npy && !Files.exists(dir.resolve("validation-x.npy"))) {
            List<String> features = dataset.featureNames();
            FeatureFrame frame = new ParquetFrameReader().read(train, features, List.of(SyntheticDataset.MAIN_TARGET));
            writeInt8(dir.resolve("train-x.npy"), frame, features);
            writeFloat(dir.resolve("train-y.npy"), frame.target(SyntheticDataset.MAIN_TARGET));
            frame = null;
            writeInt8(dir.resolve("validation-x.npy"), new ParquetFrameReader().read(validation, features,
                    List.of(SyntheticDataset.MAIN_TARGET)), features);
        }
    }

    private static Path write(SyntheticDataset dataset, DatasetFile part, Path file, ParquetLayout layout)
            throws Exception {
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            dataset.writeFile(part, file, layout);
            System.out.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.0f s%n", file, Files.size(file),
                    (System.nanoTime() - start) / 1e9);
        }
        return file;
    }

    private static void writeInt8(Path file, FeatureFrame frame, List<String> features) throws Exception {
        byte[][] columns = new byte[features.size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = frame.feature(features.get(j));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header("|i1", frame.rowCount() + ", " + columns.length));
            byte[] row = new byte[columns.length];
            for (int i = 0; i < frame.rowCount(); i++) {
                for (int j = 0; j < columns.length; j++) {
                    row[j] = columns[j][i];
                }
                out.write(row);
            }
        }
    }

    private static void writeFloat(Path file, float[] values) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header("<f4", values.length + ","));
            out.write(bytes.array());
        }
    }

    /** NumPy format 1.0: magic, version, header length, then a dict padded with spaces to 64 bytes in all. */
    private static byte[] header(String type, String shape) {
        String dict = "{'descr': '" + type + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = 10 + dict.length() + 1;
        String padded = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + padded.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        out.putShort((short) padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }
}
