package io.github.numeraipipeline.numerai.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What MMC and BMC are measured against: the meta model and the benchmark of the config's version and target. */
class ValidationReferencesTest {
    private static final SyntheticDatasetSpec SPEC = SyntheticDatasetSpec.defaults().withFeatureCount(50)
            .withLiveRows(50).withTrain(2, 50).withValidation(3, 40, 0);

    @TempDir
    Path dir;
    private SyntheticDataset dataset;
    private FeatureFrame validation;

    @BeforeEach
    void writeFiles() throws Exception {
        dataset = new SyntheticDataset(SPEC);
        dataset.write(dir, List.of(DatasetFile.VALIDATION, DatasetFile.META_MODEL,
                DatasetFile.VALIDATION_BENCHMARK_MODELS), ParquetLayout.defaults());
        validation = new ParquetFrameReader().read(dir.resolve("validation.parquet"), List.of(), List.of("target"));
    }

    @Test
    void theDefaultBenchmarkIsTheVersionsLightGbmOnTheConfigsTarget() {
        assertEquals("v52_lgbm_ender20", ValidationReferences.defaultBenchmark("v5.2", "target_ender_20"));
        assertEquals("v52_lgbm_ender20", ValidationReferences.defaultBenchmark("v5.2", "target"));
        assertEquals("v53_lgbm_cyrusd20", ValidationReferences.defaultBenchmark("v5.3", "target_cyrusd_20"));
    }

    @Test
    void valuesAreMatchedToTheValidationRowsByIdAndMissingWhereTheFileHasNone() throws Exception {
        ModelConfig config = config(List.of("corr", "mmc", "bmc"), null);

        ValidationMetrics.Extras extras = ValidationReferences.extras(config, validation, "target",
                dir.resolve("meta_model.parquet"), dir.resolve("validation_benchmark_models.parquet"));

        FeatureFrame meta = new ParquetFrameReader().read(dir.resolve("meta_model.parquet"), List.of(),
                List.of(SyntheticDataset.META_MODEL_COLUMN));
        FeatureFrame bench = new ParquetFrameReader().read(dir.resolve("validation_benchmark_models.parquet"),
                List.of(), List.of("v52_lgbm_ender20"));
        for (int row = 0; row < 40; row++) {
            assertTrue(Double.isNaN(extras.meta()[row]), "the meta model starts with the second era");
        }
        for (int row = 40; row < 120; row++) {
            assertEquals(validation.ids().get(row), meta.ids().get(row - 40));
            assertEquals(meta.target(SyntheticDataset.META_MODEL_COLUMN)[row - 40], extras.meta()[row], 0);
        }
        for (int row = 0; row < 120; row++) {
            assertEquals(bench.target("v52_lgbm_ender20")[row], extras.benchmark()[row], 0);
        }
    }

    @Test
    void notAskedForNothingIsRead() throws Exception {
        ValidationMetrics.Extras extras = ValidationReferences.extras(config(List.of("corr"), null), validation,
                "target", null, null);

        assertNull(extras.meta());
        assertNull(extras.benchmark());
    }

    @Test
    void anUnknownBenchmarkOrAMissingFileIsAClearError() {
        ModelConfig config = config(List.of("corr", "bmc"), "v52_lgbm_nobody20");
        String message = assertThrows(ModelException.class, () -> ValidationReferences.extras(config, validation,
                "target", null, dir.resolve("validation_benchmark_models.parquet"))).getMessage();
        assertTrue(message.contains("v52_lgbm_nobody20") && message.contains("set \"benchmarkModel\" to one of")
                && message.contains("v52_lgbm_cyrusd20") && message.contains("a.json"), message);

        message = assertThrows(ModelException.class, () -> ValidationReferences.extras(config(List.of("corr", "mmc"),
                null), validation, "target", dir.resolve("nothing.parquet"), null)).getMessage();
        assertTrue(message.contains("asks for mmc") && message.contains("nothing.parquet")
                && message.contains("remove mmc"), message);
    }

    private ModelConfig config(List<String> metrics, String benchmark) {
        return new ModelConfig("a", "xgboost", "v5.2", "small", "target", 10, Map.of(), dir.resolve("a.model.json"),
                dir.resolve("a.json"), true, null, null, metrics, benchmark);
    }
}
