package io.github.numeraipipeline.numerai.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.numeraipipeline.numerai.model.ModelConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The meta model and benchmark files are fetched only for the versions whose configs ask for mmc or bmc. */
class MetricFilesTest {

    @Test
    void onlyWhatTheConfigsTrainedOrReportedNowAskFor() {
        ModelConfig plain = booster("xgba", "v5.0", List.of("corr", "fnc"));
        ModelConfig mmc = booster("xgbm", "v5.2", List.of("corr", "mmc"));
        ModelConfig both = booster("xgbb", "v5.3", List.of("corr", "mmc", "bmc"));
        ModelConfig notTrained = booster("old", "v5.1", List.of("corr", "bmc"));

        Map<String, List<String>> files = TrainMojo.metricFiles(List.of(plain, mmc, both, notTrained),
                List.of(plain, mmc, both));

        assertEquals(Map.of("v5.2", List.of("meta_model.parquet"),
                "v5.3", List.of("meta_model.parquet", "validation_benchmark_models.parquet")), files);
    }

    @Test
    void aDeskThatDoesNotAskDownloadsNothingMore() {
        ModelConfig xgba = booster("xgba", "v5.0", List.of("corr"));

        assertEquals(Map.of(), TrainMojo.metricFiles(List.of(xgba), List.of(xgba)));
    }

    private static ModelConfig booster(String name, String version, List<String> metrics) {
        return new ModelConfig(name, "xgboost", version, "small", "target", 10, Map.of(), Path.of(name + ".model.json"),
                Path.of(name + ".json"), true, null, null, metrics, null);
    }
}
