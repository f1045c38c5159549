package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.model.BoosterStore;
import io.github.numeraipipeline.numerai.model.CombinedValidation;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.model.ModelTraining;
import io.github.numeraipipeline.numerai.model.ParallelModels;
import io.github.numeraipipeline.numerai.model.TrainingMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains each model config (or those of {@code numerai.models}) on its data version's train file, deterministically,
 * and writes the booster ({@code <name>.model.json}) with a manifest ({@code <name>.manifest.json}) into
 * {@code <dataDirectory>/boosters}, where {@code predict} finds it unless a booster beside the config wins, and a
 * validation report in {@code <outputDirectory>/reports} ({@code <name>.html}, {@code <name>.json}). Train and
 * validation files missing from the cache are downloaded first. Not bound to a phase: run it when a model changes.
 *
 * @since 0.1.0
 */
@Mojo(name = "train", requiresProject = false, threadSafe = true)
public class TrainMojo extends AbstractModelsMojo {

    /**
     * Train on every n-th era only (1: all). Numerai's examples use 4: neighbouring eras overlap in time, so a quarter
     * of them teaches nearly as much in a quarter of the memory and time.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAIN_ERA_STEP, defaultValue = "1")
    private int eraStep;

    /**
     * Train only the models that have no booster they may use yet (none beside the config, none in
     * {@code <dataDirectory>/boosters} whose manifest pins this config); the others are used as they are. The desk
     * binds train this way, so that a fresh clone, a fresh data volume or a new or changed model gets its booster on
     * the first daily run.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TRAIN_ONLY_MISSING, defaultValue = "false")
    private boolean onlyMissing;

    /**
     * How the train file reaches XGBoost: {@code float} reads the whole file onto the heap and hands XGBoost4J a
     * float matrix (about 13 bytes a trained value outside the heap); {@code int8} streams the file's row groups as
     * int8 into XGBoost's quantile matrix through its C API (2 bytes a value in memory; Linux); {@code int8-disk}
     * streams the same into XGBoost's external-memory matrix, whose pages go to {@code java.io.tmpdir} (little
     * memory; as fast on the full v5 shape); {@code auto} takes {@code float} below 100 million trained values,
     * {@code int8} below 256 Mi (a matrix of up to 512 MiB) and {@code int8-disk} from there (on Linux). All give the same booster for Numerai's 0..4 features.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.TRAIN_MATRIX, defaultValue = "auto")
    private String matrix;

    @Override
    protected void run() throws MojoFailureException, IOException, NumeraiException {
        if (eraStep < 1) {
            throw new MojoFailureException(PropertyNames.TRAIN_ERA_STEP + "=" + eraStep + " must be at least 1"
                    + " (1 trains on every era, 4 on every 4th)");
        }
        ModelGoalInputs everything = modelGoalInputs();
        ModelGoalInputs inputs = everything.only(boosterConfigs(everything.configs()));
        BoosterStore boosters = boosters();
        if (onlyMissing) {
            inputs = inputs.only(withoutBooster(inputs.configs(), boosters));
            if (inputs.configs().isEmpty()) {
                return;
            }
        }
        // Before any download or training: a booster that cannot be kept is hours lost.
        WritableFolders.require(boosters.directory(), PropertyNames.DATA_DIRECTORY, dataDirectory(),
                ": trained boosters are kept there, with the dataset cache");
        DatasetCache cache = datasetCache();
        Map<String, List<String>> metricFiles = metricFiles(everything.configs(), inputs.configs());
        fetchMissingData(inputs.dataVersions(), metricFiles, cache);
        TrainingMatrix chosenMatrix;
        try {
            chosenMatrix = TrainingMatrix.parse(matrix);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(PropertyNames.TRAIN_MATRIX + ": " + e.getMessage(), e);
        }
        ParallelModels parallel = parallelModels();
        ModelTraining training = new ModelTraining(new ModelTraining.Options(eraStep, PROGRESS_EVERY,
                outputDirectory().resolve("reports"), chosenMatrix), boosters, clock());
        List<ParallelModels.Outcome<ModelTraining.Outcome>> outcomes = parallel.run(inputs.configs(), config -> {
            String version = config.dataVersion();
            return training.train(config, new ModelTraining.DataFiles(cache.file(version, DatasetCache.TRAIN),
                    cache.file(version, DatasetCache.VALIDATION), cache.file(version, DatasetCache.FEATURES),
                    cache.file(version, DatasetCache.META_MODEL),
                    cache.file(version, DatasetCache.VALIDATION_BENCHMARK_MODELS)));
        });
        NumeraiException firstFailure = null;
        for (ParallelModels.Outcome<ModelTraining.Outcome> outcome : outcomes) {
            if (outcome.succeeded()) {
                ModelTraining.Outcome trained = outcome.value();
                getLog().info(String.format(Locale.ROOT, "Trained %s: booster %s, validation mean corr %.4f"
                        + " (sharpe %.2f), report %s", outcome.config().name(), trained.booster(),
                        trained.metrics().mean(), trained.metrics().sharpe(), trained.report()));
                warnIfShadowed(outcome.config(), trained, boosters);
            } else {
                getLog().error("Model " + outcome.config().name() + " was not trained: "
                        + outcome.failure().getMessage());
                firstFailure = firstFailure == null ? outcome.failure() : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        CombinedValidation validation = validateCombinations(everything.configs(), inputs.configs(), boosters, cache);
        if (everything.configs().size() > 1) {
            Map<String, ModelConfig> byName = new LinkedHashMap<>();
            everything.configs().forEach(config -> byName.put(config.name(), config));
            java.nio.file.Path correlations = validation.correlations(everything.configs(), byName);
            if (correlations != null) {
                getLog().info("How alike the models are on validation: " + correlations);
            }
        }
    }

    /**
     * Reports of the ensembles and neutralized models whose boosters were just trained (or that use them): what
     * the desk submits, scored like any model. Returns the validation, which keeps the values it computed for the
     * model correlations that follow.
     */
    private CombinedValidation validateCombinations(List<ModelConfig> all, List<ModelConfig> trained,
            BoosterStore boosters, DatasetCache cache) throws NumeraiException {
        Map<String, ModelConfig> byName = new LinkedHashMap<>();
        all.forEach(config -> byName.put(config.name(), config));
        Set<String> changed = new HashSet<>();
        trained.forEach(config -> changed.add(config.name()));
        CombinedValidation validation = new CombinedValidation(boosters, new CombinedValidation.Files() {
            @Override
            public java.nio.file.Path validation(String dataVersion) {
                return cache.file(dataVersion, DatasetCache.VALIDATION);
            }

            @Override
            public java.nio.file.Path features(String dataVersion) {
                return cache.file(dataVersion, DatasetCache.FEATURES);
            }

            @Override
            public java.nio.file.Path metaModel(String dataVersion) {
                return cache.file(dataVersion, DatasetCache.META_MODEL);
            }

            @Override
            public java.nio.file.Path benchmarks(String dataVersion) {
                return cache.file(dataVersion, DatasetCache.VALIDATION_BENCHMARK_MODELS);
            }
        }, outputDirectory().resolve("reports"));
        for (ModelConfig config : all) {
            if (!CombinedValidation.applies(config) || !usesAny(config, changed, byName)) {
                continue;
            }
            if (!Files.isRegularFile(cache.file(config.dataVersion(), DatasetCache.VALIDATION))) {
                getLog().warn("No validation report for " + config.name() + ": the validation data of "
                        + config.dataVersion() + " is not in " + cache.root() + " (no model of the desk trains on"
                        + " it; fetch it with numerai:download -D" + PropertyNames.DOWNLOAD_TRAINING + ")");
            } else {
                getLog().info("Validation report of " + config.name() + ": " + validation.report(config, byName));
            }
        }
        return validation;
    }

    /** Whether the config is one of the names or has one of them among its members, at any depth. */
    private static boolean usesAny(ModelConfig config, Set<String> names, Map<String, ModelConfig> byName) {
        if (names.contains(config.name())) {
            return true;
        }
        if (!config.isEnsemble()) {
            return false;
        }
        for (String member : config.ensemble().members()) {
            if (usesAny(byName.get(member), names, byName)) {
                return true;
            }
        }
        return false;
    }

    /** The configs that have no booster they may use; says for each model whether it is trained, and why. */
    private List<ModelConfig> withoutBooster(List<ModelConfig> configs, BoosterStore boosters) {
        List<ModelConfig> missing = new ArrayList<>();
        for (ModelConfig config : configs) {
            BoosterStore.Lookup lookup = boosters.lookup(config);
            if (lookup.found()) {
                getLog().info("Model " + config.name() + ": booster " + lookup.booster().file() + " ("
                        + lookup.booster().origin() + ") is there; not training (" + PropertyNames.TRAIN_ONLY_MISSING
                        + ")");
            } else {
                getLog().info("Model " + config.name() + " has " + lookup.reason() + "; training it into "
                        + boosters.directory());
                missing.add(config);
            }
        }
        return missing;
    }

    /** A booster beside the config wins over the one just trained: say so, and how to use the new one. */
    private void warnIfShadowed(ModelConfig config, ModelTraining.Outcome trained, BoosterStore boosters) {
        BoosterStore.Lookup lookup = boosters.lookup(config);
        if (lookup.found() && !lookup.booster().file().equals(trained.booster())) {
            getLog().warn("Model " + config.name() + ": predict keeps using " + lookup.booster().file() + " ("
                    + lookup.booster().origin() + "), which wins over the booster just trained; to use the new one,"
                    + " copy " + trained.booster() + " over it (or delete it)");
        }
    }

    /**
     * Per data version, the files that the validation of this run's reports reads besides the validation data:
     * {@code meta_model.parquet} where a config asks for mmc, {@code validation_benchmark_models.parquet} where one
     * asks for bmc, among the configs trained now and the ensembles and neutralized models reported after them.
     * Nothing for desks that do not ask, so they download no more than before.
     */
    static Map<String, List<String>> metricFiles(List<ModelConfig> all, List<ModelConfig> trained) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        Set<String> trainedNames = new HashSet<>();
        trained.forEach(config -> trainedNames.add(config.name()));
        for (ModelConfig config : all) {
            if (!trainedNames.contains(config.name()) && !CombinedValidation.applies(config)) {
                continue;
            }
            List<String> wanted = files.computeIfAbsent(config.dataVersion(), v -> new ArrayList<>());
            if (config.validates("mmc") && !wanted.contains(DatasetCache.META_MODEL)) {
                wanted.add(DatasetCache.META_MODEL);
            }
            if (config.validates("bmc") && !wanted.contains(DatasetCache.VALIDATION_BENCHMARK_MODELS)) {
                wanted.add(DatasetCache.VALIDATION_BENCHMARK_MODELS);
            }
        }
        files.values().removeIf(List::isEmpty);
        return files;
    }

    /**
     * Downloads train, validation and features.json of the versions whose files are not all in the cache, and the
     * meta model and benchmark files that validation reads ({@link #metricFiles}).
     */
    private void fetchMissingData(List<String> versions, Map<String, List<String>> metricFiles, DatasetCache cache)
            throws MojoFailureException, IOException, NumeraiException {
        List<String> missing = versions.stream()
                .filter(version -> List.of(DatasetCache.TRAIN, DatasetCache.VALIDATION, DatasetCache.FEATURES).stream()
                        .anyMatch(file -> !Files.isRegularFile(cache.file(version, file))))
                .toList();
        Map<String, List<String>> missingMetricFiles = new LinkedHashMap<>();
        metricFiles.forEach((version, files) -> {
            if (files.stream().anyMatch(file -> !Files.isRegularFile(cache.file(version, file)))) {
                missingMetricFiles.put(version, files);
            }
        });
        if (missing.isEmpty() && missingMetricFiles.isEmpty()) {
            return;
        }
        try (NumeraiClient client = new NumeraiClient(apiSettings(), null)) {
            if (!missing.isEmpty()) {
                getLog().info("Downloading the training data of " + String.join(", ", missing) + " into "
                        + cache.root());
                datasetSync(client, cache).sync(missing, null, true);
            }
            if (!missingMetricFiles.isEmpty()) {
                getLog().info("Downloading what validationMetrics measure against: " + missingMetricFiles
                        + " into " + cache.root());
                datasetSync(client, cache).sync(missingMetricFiles.keySet(), null, false, missingMetricFiles);
            }
        }
    }
}
