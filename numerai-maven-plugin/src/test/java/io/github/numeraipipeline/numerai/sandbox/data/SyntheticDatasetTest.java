package io.github.numeraipipeline.numerai.sandbox.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {
    private static final SyntheticDatasetSpec SMALL = SyntheticDatasetSpec.defaults()
            .withFeatureCount(60)
            .withLiveRows(300)
            .withTrain(5, 200)
            .withValidation(4, 100, 2);

    @TempDir
    Path dir;

    @Test
    void writesTheFilesUnderTheirRealNames() throws Exception {
        new SyntheticDataset(SMALL).writeAll(dir);

        assertEquals(Set.of("train.parquet", "validation.parquet", "live.parquet", "features.json",
                "meta_model.parquet", "validation_benchmark_models.parquet"), fileNames());
    }

    @Test
    void metaModelAndBenchmarksCoverValidationRowsRankedPerEraAndFollowTheTarget() throws Exception {
        // a strong signal, so that 100 rows show the meta model's correlation with the target
        SyntheticDataset dataset = new SyntheticDataset(SMALL.withSignal(0.6));
        dataset.write(dir, List.of(DatasetFile.META_MODEL, DatasetFile.VALIDATION_BENCHMARK_MODELS),
                ParquetLayout.defaults());
        FeatureFrame validation = dataset.frame(DatasetFile.VALIDATION, ParquetLayout.defaults());
        ParquetFrameReader reader = new ParquetFrameReader();

        FeatureFrame meta = reader.read(dir.resolve("meta_model.parquet"), List.of(),
                List.of(SyntheticDataset.META_MODEL_COLUMN));
        List<String> benchmarkColumns = dataset.benchmarkColumns();
        FeatureFrame benchmarks = reader.read(dir.resolve("validation_benchmark_models.parquet"), List.of(),
                benchmarkColumns);

        assertTrue(benchmarkColumns.containsAll(List.of("v52_lgbm_ender20", "v53_lgbm_ender20", "v50_lgbm_cyrusd20")),
                benchmarkColumns.toString());
        assertEquals(validation.ids(), benchmarks.ids(), "the benchmarks have every validation row");
        assertEquals(validation.ids().subList(100, 400), meta.ids(), "the meta model starts at the second era");
        assertEquals(validation.eras().subList(100, 400), meta.eras());
        float[] metaValues = meta.target(SyntheticDataset.META_MODEL_COLUMN);
        for (float value : metaValues) {
            assertTrue(value > 0 && value < 1, "tie-kept ranks lie in (0, 1): " + value);
        }
        double[] target = new double[100];
        double[] m = new double[100];
        for (int i = 0; i < 100; i++) {
            target[i] = validation.target("target")[100 + i];
            m[i] = metaValues[i];
        }
        assertTrue(NumeraiCorr.of(m, target) > 0.1, "the meta model knows the target: " + NumeraiCorr.of(m, target));
    }

    @Test
    void writesOnlyTheFilesAskedFor() throws Exception {
        new SyntheticDataset(SMALL).write(dir, List.of(DatasetFile.LIVE, DatasetFile.FEATURES),
                ParquetLayout.defaults());

        assertEquals(Set.of("live.parquet", "features.json"), fileNames());
    }

    @Test
    void sameSpecGivesByteIdenticalFiles() throws Exception {
        new SyntheticDataset(SMALL).writeAll(dir.resolve("a"));
        new SyntheticDataset(SMALL).writeAll(dir.resolve("b"));

        for (DatasetFile file : DatasetFile.values()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file.fileName())),
                    Files.readAllBytes(dir.resolve("b").resolve(file.fileName())), file.fileName());
        }
    }

    @Test
    void anotherSeedGivesOtherNamesIdsAndValues() {
        SyntheticDataset one = new SyntheticDataset(SMALL);
        SyntheticDataset other = new SyntheticDataset(SMALL.withSeed(7));

        assertNotEquals(one.featureNames(), other.featureNames());
        assertNotEquals(one.frame(DatasetFile.LIVE, ParquetLayout.defaults()).ids(),
                other.frame(DatasetFile.LIVE, ParquetLayout.defaults()).ids());
    }

    @Test
    void valuesDoNotDependOnTheLayoutExceptForTheNullsItAsksFor() {
        SyntheticDataset dataset = new SyntheticDataset(SMALL);
        FeatureFrame plain = dataset.frame(DatasetFile.TRAIN, ParquetLayout.defaults());
        FeatureFrame withNulls = dataset.frame(DatasetFile.TRAIN, ParquetLayout.defaults().withFeatureNullRate(0.3));

        int nulls = 0;
        for (String feature : dataset.featureNames()) {
            byte[] full = plain.feature(feature);
            byte[] blanked = withNulls.feature(feature);
            for (int r = 0; r < full.length; r++) {
                if (blanked[r] == FeatureFrame.MISSING) {
                    nulls++;
                } else {
                    assertEquals(full[r], blanked[r]);
                }
            }
        }
        double rate = (double) nulls / (plain.rowCount() * dataset.featureNames().size());
        assertEquals(0.3, rate, 0.02);
        assertArrayEquals(plain.target("target"), withNulls.target("target"));
    }

    @Test
    void idsAreNPlusFifteenHexDigitsAndUniqueAcrossFiles() {
        SyntheticDataset dataset = new SyntheticDataset(SMALL);
        List<String> ids = Stream.of(DatasetFile.TRAIN, DatasetFile.VALIDATION, DatasetFile.LIVE)
                .flatMap(file -> dataset.frame(file, ParquetLayout.defaults()).ids().stream())
                .toList();

        assertEquals(1000 + 400 + 300, ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size());
        assertTrue(ids.stream().allMatch(id -> id.matches("n[0-9a-f]{15}")), ids.get(0));
    }

    @Test
    void trainErasCountFromOneAndValidationContinuesWithItsNewestErasUnresolved() {
        SyntheticDataset dataset = new SyntheticDataset(SMALL);
        FeatureFrame train = dataset.frame(DatasetFile.TRAIN, ParquetLayout.defaults());
        FeatureFrame validation = dataset.frame(DatasetFile.VALIDATION, ParquetLayout.defaults());

        assertEquals(Map.of("0001", 200L, "0002", 200L, "0003", 200L, "0004", 200L, "0005", 200L),
                countBy(train.eras()));
        assertEquals(Set.of("train"), Set.copyOf(train.dataTypes()));
        assertEquals(Map.of("0006", 100L, "0007", 100L, "0008", 100L, "0009", 100L), countBy(validation.eras()));
        for (int r = 0; r < validation.rowCount(); r++) {
            boolean unresolved = validation.eras().get(r).compareTo("0008") >= 0;
            assertEquals(unresolved ? "test" : "validation", validation.dataTypes().get(r));
            for (String target : dataset.targetNames()) {
                assertEquals(unresolved, Float.isNaN(validation.target(target)[r]), target);
            }
        }
    }

    @Test
    void liveHasOneEraNoTargetsAndDataTypeLive() {
        FeatureFrame live = new SyntheticDataset(SMALL).frame(DatasetFile.LIVE, ParquetLayout.defaults());

        assertEquals(Set.of(SyntheticDataset.LIVE_ERA), Set.copyOf(live.eras()));
        assertEquals(Set.of("live"), Set.copyOf(live.dataTypes()));
        assertEquals(List.of(), live.targetNames());
    }

    @Test
    void featureNamesAreThreeMadeUpWordsAndUnique() {
        List<String> names = new SyntheticDataset(SyntheticDatasetSpec.defaults()).featureNames();

        assertEquals(2748, names.size());
        assertEquals(names.size(), Set.copyOf(names).size());
        assertTrue(names.stream().allMatch(name -> name.matches("feature_[a-z]+_[a-z]+_[a-z]+")), names.get(0));
    }

    @Test
    void featuresAreZeroToFourInRoughlyEqualBins() {
        FeatureFrame train = new SyntheticDataset(SMALL).frame(DatasetFile.TRAIN, ParquetLayout.defaults());

        long[] counts = new long[5];
        for (String feature : train.featureNames()) {
            for (byte value : train.feature(feature)) {
                counts[value]++;
            }
        }
        long total = (long) train.rowCount() * train.featureNames().size();
        for (long count : counts) {
            assertEquals(0.2, (double) count / total, 0.01);
        }
    }

    @Test
    void targetsAreBinnedLikeNumeraisAndTheMainTargetIsEnder20() {
        SyntheticDataset dataset = new SyntheticDataset(SMALL);
        FeatureFrame train = dataset.frame(DatasetFile.TRAIN, ParquetLayout.defaults());

        assertEquals(List.of("target", "target_ender_20", "target_ender_60", "target_cyrusd_20",
                "target_teager2b_20"), dataset.targetNames());
        assertArrayEquals(train.target("target_ender_20"), train.target("target"));
        Map<Float, Long> bins = new TreeMap<>();
        for (float value : train.target("target")) {
            bins.merge(value, 1L, Long::sum);
        }
        assertEquals(Set.of(0f, 0.25f, 0.5f, 0.75f, 1f), bins.keySet());
        assertEquals(0.5, bins.get(0.5f) / (double) train.rowCount(), 0.05);
        assertEquals(0.05, bins.get(1f) / (double) train.rowCount(), 0.02);
    }

    @Test
    void theSmallSetCarriesSignalInEveryEra() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SMALL.withSignal(0.3));
        FeatureFrame train = dataset.frame(DatasetFile.TRAIN, ParquetLayout.defaults());
        float[] target = train.target("target");
        List<String> small = dataset.featureSets().featureSet("small");

        // the best single small-set feature correlates with the target in each era; a pure-noise one would not
        int rowsPerEra = SMALL.trainRowsPerEra();
        for (int era = 0; era < SMALL.trainEras(); era++) {
            double best = 0;
            for (String feature : small) {
                best = Math.max(best, correlation(train.feature(feature), target, era * rowsPerEra, rowsPerEra));
            }
            assertTrue(best > 0.1, "era " + era + " best correlation " + best);
        }
    }

    @Test
    void featureSetsHaveRealNamesAndSizes() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SyntheticDatasetSpec.defaults());
        dataset.write(dir, List.of(DatasetFile.FEATURES), ParquetLayout.defaults());

        FeatureSets sets = FeatureSets.load(dir.resolve("features.json"));

        assertEquals(List.of("small", "medium", "all", "intelligence", "wisdom", "charisma", "dexterity", "strength",
                "constitution", "agility", "serenity"), List.copyOf(sets.names()));
        assertEquals(42, sets.featureSet("small").size());
        assertEquals(780, sets.featureSet("medium").size());
        assertEquals(dataset.featureNames(), sets.featureSet("all"));
        assertEquals(335, sets.featureSet("constitution").size());
        assertTrue(sets.featureSet("medium").containsAll(sets.featureSet("small")));
        assertEquals(dataset.targetNames(), sets.targets());
    }

    @Test
    void theSmallSetBearsTheRealV5NamesInTheirOrderSoRealBoostersCanPredictIt() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SyntheticDatasetSpec.defaults());
        List<String> small = dataset.featureSets().featureSet("small");

        assertEquals(42, small.size());
        assertEquals("feature_antistrophic_striate_conscriptionist", small.get(0));
        assertEquals(small.stream().sorted().toList(), small);
        assertEquals(FeatureNameGenerator.realSmallSet(), small);
        // the rest stay made up, and every name is distinct
        assertEquals(dataset.featureNames().size(), Set.copyOf(dataset.featureNames()).size());
        assertEquals(small, new SyntheticDataset(SyntheticDatasetSpec.defaults()).featureSets().featureSet("small"));
    }

    @Test
    void parquetSchemaIsWhatPyarrowWritesForNumeraisFrames() throws Exception {
        Path file = dir.resolve("train.parquet");
        SyntheticDataset dataset = new SyntheticDataset(SMALL);
        dataset.writeFile(DatasetFile.TRAIN, file, ParquetLayout.defaults());

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFileMetaData().getSchema();
            assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("id").getLogicalTypeAnnotation());
            assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("era").getLogicalTypeAnnotation());
            String feature = dataset.featureNames().get(0);
            assertEquals(PrimitiveTypeName.INT32, schema.getType(feature).asPrimitiveType().getPrimitiveTypeName());
            assertEquals(LogicalTypeAnnotation.intType(8, true), schema.getType(feature).getLogicalTypeAnnotation());
            assertEquals(PrimitiveTypeName.FLOAT, schema.getType("target").asPrimitiveType().getPrimitiveTypeName());
            assertEquals("snappy", reader.getRowGroups().get(0).getColumns().get(3).getCodec().name().toLowerCase());
            assertTrue(reader.getFileMetaData().getKeyValueMetaData().containsKey(SyntheticDataset.METADATA_KEY));
        }
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        SyntheticDataset dataset = new SyntheticDataset(SMALL);
        dataset.writeAll(dir);
        dataset.writeAll(dir);

        assertEquals(DatasetFile.values().length, fileNames().size());
        assertFalse(fileNames().stream().anyMatch(name -> name.endsWith(".tmp")));
    }

    private Set<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Map<String, Long> countBy(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(value -> value, Collectors.counting()));
    }

    private static double correlation(byte[] x, float[] y, int from, int length) {
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < from + length; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= length;
        meanY /= length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = from; i < from + length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
