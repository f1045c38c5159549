package io.github.numeraipipeline.numerai.model.bench;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.model.BoosterStore;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.model.ModelConfigs;
import io.github.numeraipipeline.numerai.model.ModelPredictions;
import io.github.numeraipipeline.numerai.model.PredictionRecord;
import io.github.numeraipipeline.numerai.model.PredictionTransform;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code predict} in-process, as the goal runs it: read the live file (6,720 x 2,748, the v5.2 shape), predict
 * with both desk models (the real boosters of {@code shared/reference/seed-models}: 200 and 100 trees on the 42
 * small-set features), rank, write and check both CSVs. The first run is what a fresh JVM pays; then the best of
 * {@value #RUNS}. Not a test; run it in its own JVM:
 *
 * <pre>./mvnw -pl numerai-maven-plugin -Pbench test-compile exec:exec -Dbench.main=io.github.numeraipipeline.numerai.model.bench.PredictBenchmark [-Dbench.dir=DIR]</pre>
 */
public final class PredictBenchmark {
    private static final int RUNS = 5;
    private static final Path SEED_MODELS = Path.of("..", "..", "shared", "reference", "seed-models");

    private PredictBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.home") + "/.cache/numerai-pipeline/bench");
        Path live = cache.resolve("predict-live-6720x2748.parquet");
        if (!Files.exists(live)) {
            new SyntheticDataset(SyntheticDatasetSpec.defaults()).writeFile(DatasetFile.LIVE, live,
                    ParquetLayout.defaults());
        }
        Path models = Files.createDirectories(cache.resolve("predict-models"));
        Files.writeString(models.resolve("xgba.json"), config("xgba", SEED_MODELS.resolve("xgb_A.json")));
        Files.writeString(models.resolve("xgbb.json"), config("xgbb", SEED_MODELS.resolve("xgb_B.json")));
        List<ModelConfig> configs = ModelConfigs.load(models, List.of());
        ModelPredictions.LiveData liveData = new ModelPredictions.LiveData() {
            @Override
            public Path liveFile(String dataVersion) {
                return live;
            }

            @Override
            public Path featuresJson(String dataVersion) {
                throw new IllegalStateException("the boosters name their features");
            }
        };
        Path output = cache.resolve("predict-output");
        double first = run(configs, liveData, output);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            best = Math.min(best, run(configs, liveData, output));
        }
        System.out.printf(Locale.ROOT, "predict, 2 models, live 6,720 x 2,748 (read, predict, rank, write, check):%n"
                + "  first run in a fresh JVM %.0f ms, best of %d warm runs %.0f ms%n", first, RUNS, best);
    }

    private static double run(List<ModelConfig> configs, ModelPredictions.LiveData live, Path output)
            throws Exception {
        long start = System.nanoTime();
        PredictionRecord record = new ModelPredictions(output, PredictionTransform.RANK,
                BoosterStore.inDataDirectory(output.resolve("data"))).run(configs, live, null);
        record.requireNoFailures();
        return (System.nanoTime() - start) / 1e6;
    }

    private static String config(String name, Path booster) {
        return "{\"name\": \"" + name + "\", \"dataVersion\": \"v5.2\", \"featureSet\": \"small\", \"booster\": \""
                + booster.toAbsolutePath() + "\"}";
    }
}
