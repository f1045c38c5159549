package io.github.numeraipipeline.numerai.parquet;

import static io.github.numeraipipeline.numerai.parquet.ParquetFixtures.assertSameFrame;
import static io.github.numeraipipeline.numerai.parquet.ParquetFixtures.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout.Compression;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout.FeatureStorage;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout.TargetStorage;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ParquetFrameReaderTest {
    private static final SyntheticDataset DATASET = new SyntheticDataset(SyntheticDatasetSpec.defaults()
            .withFeatureCount(30)
            .withLiveRows(250)
            .withTrain(4, 60)
            .withValidation(3, 40, 1)
            .withSignal(0.5));
    private static final String FEATURE_SCHEMA = "message m { optional binary id (STRING); optional binary era (STRING);"
            + " optional int32 feature_a (INTEGER(8,true)); optional int32 feature_b (INTEGER(8,true));"
            + " optional float target; }";

    private final ParquetFrameReader reader = new ParquetFrameReader();

    @TempDir
    Path dir;

    static Stream<Arguments> layouts() {
        ParquetLayout real = ParquetLayout.defaults();
        return Stream.of(
                Arguments.of("as Numerai writes it", real),
                Arguments.of("uncompressed", real.withCompression(Compression.NONE)),
                Arguments.of("gzip", real.withCompression(Compression.GZIP)),
                Arguments.of("zstd", real.withCompression(Compression.ZSTD)),
                Arguments.of("plain encoding", real.withDictionary(false)),
                Arguments.of("several row groups", real.withRowGroupRows(70)),
                Arguments.of("INT32 without annotation", real.withFeatureStorage(FeatureStorage.INT32)),
                Arguments.of("INT64 plain, several row groups",
                        real.withFeatureStorage(FeatureStorage.INT64).withDictionary(false).withRowGroupRows(33)),
                Arguments.of("double targets", real.withTargetStorage(TargetStorage.DOUBLE)),
                Arguments.of("null features, zstd, row groups",
                        real.withFeatureNullRate(0.1).withCompression(Compression.ZSTD).withRowGroupRows(50)),
                Arguments.of("null INT64 features, plain gzip", real.withFeatureNullRate(0.2)
                        .withFeatureStorage(FeatureStorage.INT64).withDictionary(false)
                        .withCompression(Compression.GZIP)),
                Arguments.of("data page v2, dictionary, nulls", real.withDataPageV2(true).withFeatureNullRate(0.1)),
                Arguments.of("data page v2, delta-encoded (Parquet-MR's column reader), nulls",
                        real.withDataPageV2(true).withDictionary(false).withFeatureNullRate(0.1)
                                .withRowGroupRows(90)),
                Arguments.of("data page v2, delta-encoded INT64", real.withDataPageV2(true).withDictionary(false)
                        .withFeatureStorage(FeatureStorage.INT64)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void readsBackEveryFileAsTheGeneratorMadeIt(String name, ParquetLayout layout) throws Exception {
        DATASET.write(dir, List.of(DatasetFile.TRAIN, DatasetFile.VALIDATION, DatasetFile.LIVE), layout);

        for (DatasetFile file : List.of(DatasetFile.TRAIN, DatasetFile.VALIDATION, DatasetFile.LIVE)) {
            FeatureFrame expected = DATASET.frame(file, layout);
            FeatureFrame actual = reader.read(dir.resolve(file.fileName()), DATASET.featureNames(),
                    expected.targetNames());
            assertSameFrame(expected, actual);
        }
    }

    /** Also shows that Parquet-MR's own (Hadoop) codecs read the pages our compressors wrote. */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void agreesWithParquetMrsRecordApi(Compression compression) throws Exception {
        ParquetLayout layout = ParquetLayout.defaults().withFeatureNullRate(0.1).withRowGroupRows(64)
                .withCompression(compression);
        Path file = dir.resolve("validation.parquet");
        DATASET.writeFile(DatasetFile.VALIDATION, file, layout);

        FeatureFrame frame = reader.read(file, DATASET.featureNames(), DATASET.targetNames());

        List<Group> records = ParquetFixtures.readWithRecordApi(file);
        assertEquals(records.size(), frame.rowCount());
        for (int r = 0; r < records.size(); r++) {
            Group record = records.get(r);
            assertEquals(record.getString("id", 0), frame.ids().get(r));
            assertEquals(record.getString("era", 0), frame.eras().get(r));
            assertEquals(record.getString("data_type", 0), frame.dataTypes().get(r));
            for (String feature : DATASET.featureNames()) {
                byte expected = record.getFieldRepetitionCount(feature) == 0
                        ? FeatureFrame.MISSING
                        : (byte) record.getInteger(feature, 0);
                assertEquals(expected, frame.feature(feature)[r], feature + " row " + r);
            }
            for (String target : DATASET.targetNames()) {
                float expected = record.getFieldRepetitionCount(target) == 0 ? Float.NaN : record.getFloat(target, 0);
                assertEquals(expected, frame.target(target)[r], target + " row " + r);
            }
        }
    }

    @Test
    void readsOnlyTheFeaturesAskedForInTheOrderAsked() throws Exception {
        Path file = dir.resolve("live.parquet");
        DATASET.writeFile(DatasetFile.LIVE, file, ParquetLayout.defaults());
        List<String> asked = new ArrayList<>(DATASET.featureNames().subList(5, 12));
        java.util.Collections.reverse(asked);

        FeatureFrame frame = reader.read(file, asked, List.of());

        assertEquals(asked, frame.featureNames());
        FeatureFrame all = DATASET.frame(DatasetFile.LIVE, ParquetLayout.defaults());
        for (int i = 0; i < asked.size(); i++) {
            assertArrayEquals(all.feature(asked.get(i)), frame.feature(i));
        }
        assertEquals(List.of(), frame.targetNames());
    }

    @Test
    void unresolvedTargetsAreNaN() throws Exception {
        Path file = dir.resolve("validation.parquet");
        DATASET.writeFile(DatasetFile.VALIDATION, file, ParquetLayout.defaults());

        FeatureFrame frame = reader.read(file, List.of(), List.of("target"));

        float[] target = frame.target("target");
        for (int r = 0; r < frame.rowCount(); r++) {
            assertEquals("test".equals(frame.dataTypes().get(r)), Float.isNaN(target[r]), "row " + r);
        }
    }

    @Test
    void fileWithoutEraOrDataTypeGivesNullEntries() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("bare.parquet"),
                "message m { required binary id (STRING); required int32 feature_a; }",
                List.of(row("id", "n1", "feature_a", 4), row("id", "n2", "feature_a", 0)));

        FeatureFrame frame = reader.read(file, List.of("feature_a"), List.of());

        assertEquals(Arrays.asList(null, null), frame.eras());
        assertEquals(Arrays.asList(null, null), frame.dataTypes());
        assertArrayEquals(new byte[] {4, 0}, frame.feature("feature_a"));
    }

    // ---- bad input: each error names the file and the fix ----

    @Test
    void missingFile() {
        Path file = dir.resolve("live.parquet");

        assertError(file, "does not exist", List.of());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("live.parquet"));

        assertError(file, "is empty (0 bytes)", List.of()).contains("download it again");
    }

    @Test
    void notParquet() throws Exception {
        Path file = Files.writeString(dir.resolve("live.parquet"), "id,era\nn1,X\n");

        assertError(file, "is not a Parquet file", List.of());
    }

    @Test
    void truncatedFile() throws Exception {
        Path file = dir.resolve("live.parquet");
        DATASET.writeFile(DatasetFile.LIVE, file, ParquetLayout.defaults());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertError(file, "is truncated", List.of()).contains("interrupted download");
    }

    @Test
    void corruptFooter() throws Exception {
        Path file = dir.resolve("live.parquet");
        DATASET.writeFile(DatasetFile.LIVE, file, ParquetLayout.defaults());
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, bytes.length - 2000, bytes.length - 8, (byte) 0x7f);
        Files.write(file, bytes);

        assertError(file, "unreadable Parquet footer", List.of());
    }

    @Test
    void garbageIsNotMistakenForParquetEvenWithMagicAtOneEnd() throws IOException {
        Path file = Files.write(dir.resolve("live.parquet"), "PAR1 but then nothing useful".getBytes(
                StandardCharsets.US_ASCII));

        assertError(file, "is truncated", List.of());
    }

    @Test
    void noIdColumn() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"),
                "message m { optional binary era (STRING); optional int32 feature_a; }",
                List.of(row("era", "X", "feature_a", 1)));

        assertError(file, "has no \"id\" column (it has era, feature_a)", List.of("feature_a"));
    }

    @Test
    void nullId() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"), FEATURE_SCHEMA,
                List.of(row("id", "n1", "feature_a", 1), row("feature_a", 2)));

        assertError(file, "has a row without id (row 1", List.of("feature_a"));
    }

    @Test
    void duplicateId() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"), FEATURE_SCHEMA,
                List.of(row("id", "n1", "feature_a", 1), row("id", "n2", "feature_a", 2),
                        row("id", "n1", "feature_a", 3)));

        assertError(file, "has id n1 twice (rows 0 and 2", List.of("feature_a"));
    }

    @Test
    void missingFeaturesAreListedFirstFewAndCounted() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"), FEATURE_SCHEMA,
                List.of(row("id", "n1", "feature_a", 1)));
        List<String> asked = List.of("feature_a", "feature_x1", "feature_x2", "feature_x3", "feature_x4",
                "feature_x5", "feature_x6", "feature_x7");

        assertError(file, "lacks 7 features of the chosen feature set: feature_x1, feature_x2, feature_x3,"
                + " feature_x4, feature_x5 and 2 more (7 in all)", asked).contains("dataVersion");
    }

    @Test
    void nonIntegerFeature() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"),
                "message m { optional binary id (STRING); optional double feature_a; }",
                List.of(row("id", "n1", "feature_a", 0.5)));

        assertError(file, "feature column feature_a is DOUBLE, not an integer column", List.of("feature_a"));
    }

    @Test
    void stringFeature() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"),
                "message m { optional binary id (STRING); optional binary feature_a (STRING); }",
                List.of(row("id", "n1", "feature_a", "2")));

        assertError(file, "feature column feature_a is BINARY (STRING), not an integer column",
                List.of("feature_a"));
    }

    @Test
    void featureValueOutsideZeroToFourInADeltaEncodedFile() throws Exception {
        Path file = dir.resolve("live.parquet");
        ParquetFixtures.write(file, "message m { optional binary id (STRING); optional int64 feature_a; }",
                List.of(row("id", "n1", "feature_a", 3L), row("id", "n2", "feature_a", 5L)),
                ParquetFixtures.Pages.V2_WITHOUT_DICTIONARY);

        assertError(file, "feature feature_a has value 5 in row 1 (id n2)", List.of("feature_a"));
    }

    @Test
    void featureValueOutsideZeroToFour() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"), FEATURE_SCHEMA,
                List.of(row("id", "n1", "feature_a", 1, "feature_b", 4), row("id", "n2", "feature_a", 0,
                        "feature_b", 7)));

        assertError(file, "feature feature_b has value 7 in row 1 (id n2); features must be integers 0..4",
                List.of("feature_a", "feature_b"));
    }

    @Test
    void negativeFeatureValue() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"), FEATURE_SCHEMA,
                List.of(row("id", "n1", "feature_a", -1)));

        assertError(file, "feature feature_a has value -1 in row 0 (id n1)", List.of("feature_a"));
    }

    @Test
    void missingTargetIsNamedWithTheTargetsThereAre() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("train.parquet"), FEATURE_SCHEMA,
                List.of(row("id", "n1", "feature_a", 1, "target", 0.5f)));

        DataException error = assertThrows(DataException.class,
                () -> reader.read(file, List.of("feature_a"), List.of("target_ender_20")));

        assertEquals(file + " has no target column target_ender_20 (target columns: target). Choose one of the"
                + " file's targets as the model's target, or use data of the version the model was made for.",
                error.getMessage());
        assertTrue(error.isUserError());
    }

    @Test
    void integerTargetIsRejected() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("train.parquet"),
                "message m { optional binary id (STRING); optional int32 target; }",
                List.of(row("id", "n1", "target", 1)));

        DataException error =
                assertThrows(DataException.class, () -> reader.read(file, List.of(), List.of("target")));

        assertTrue(error.getMessage().contains("target column target is INT32, not a float column"),
                error.getMessage());
    }

    @Test
    void corruptPageData() throws Exception {
        Path file = dir.resolve("live.parquet");
        DATASET.writeFile(DatasetFile.LIVE, file, ParquetLayout.defaults().withCompression(Compression.SNAPPY));
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 4, bytes.length / 3, (byte) 0x55);
        Files.write(file, bytes);

        assertError(file, "is corrupt", DATASET.featureNames());
    }

    @Test
    void columnNamesComeFromTheFooter() throws Exception {
        Path file = ParquetFixtures.write(dir.resolve("live.parquet"), FEATURE_SCHEMA, List.of());

        assertEquals(List.of("id", "era", "feature_a", "feature_b", "target"),
                ParquetFrameReader.columnNames(file));
    }

    /** Asserts the read fails with a message that starts with the file and contains {@code expected}. */
    private StringAssert assertError(Path file, String expected, List<String> features) {
        DataException error = assertThrows(DataException.class, () -> reader.read(file, features, List.of()));
        String message = error.getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(expected), message);
        return new StringAssert(message);
    }

    private record StringAssert(String actual) {
        StringAssert contains(String part) {
            assertTrue(actual.contains(part), actual);
            return this;
        }
    }
}
