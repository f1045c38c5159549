package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.DatasetDownloader;
import io.github.numeraipipeline.numerai.data.DatasetSync;
import io.github.numeraipipeline.numerai.io.RunLocks;
import io.github.numeraipipeline.numerai.model.BoosterStore;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.model.ModelConfigException;
import io.github.numeraipipeline.numerai.model.ModelConfigs;
import io.github.numeraipipeline.numerai.model.ParallelModels;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.github.numeraipipeline.numerai.sandbox.GeneratedDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that work on the desk's models and their data: download, train, predict, submit. */
public abstract class AbstractModelsMojo extends AbstractNumeraiMojo {
    /** How often long downloads and training say how far they are. */
    protected static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * Where the model configs ({@code <name>.json}) live, and any booster the desk brings with them
     * ({@code <name>.model.json} beside its config: used before one the desk trained itself, in
     * {@code <dataDirectory>/boosters}). Default: {@code ${project.basedir}/models}, or {@code ./models} without a pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MODELS_DIRECTORY)
    private File modelsDirectory;

    /**
     * Comma-separated names of the models to run; default every config in the models directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MODELS)
    private String models;

    /**
     * A live Parquet file to use instead of downloading the round's live data.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LIVE_DATA)
    private File liveData;

    /**
     * How many models train or predict at once, each on its share of the cores ({@code cores / parallelModels}
     * XGBoost threads unless its params set {@code nthread}). Each model is independent: one failing does not stop
     * the others. Memory adds up: leave it at 1 when one model's training already fills the machine.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.PARALLEL_MODELS, defaultValue = "1")
    private int parallelModels;

    /**
     * How long a goal waits for another run that holds the same lock before it gives up, ISO-8601; {@code PT0S}
     * does not wait. Runs sharing the data directory (a manual build during the timer build, a person at the desk
     * during the cron job) take turns at the submission of each model, at the ledger and at each dataset
     * download. A {@code submit} that gives up skips the model, naming the run that holds it (pid, host, since
     * when); a download that gives up fails the goal the same way.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.LOCK_WAIT, defaultValue = "PT10M")
    private String lockWait;

    /** Runs models {@code numerai.parallelModels} at a time; fails on a value below 1. */
    protected ParallelModels parallelModels() throws MojoFailureException {
        if (parallelModels < 1) {
            throw new MojoFailureException(PropertyNames.PARALLEL_MODELS + "=" + parallelModels
                    + " must be at least 1 (1 runs the models one after another)");
        }
        return new ParallelModels(parallelModels);
    }

    /** The names {@code numerai.models} gives, in its order; empty when it is not set. */
    protected List<String> requestedModels() {
        return models == null || models.isBlank() ? List.of()
                : Arrays.stream(models.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The configs to run: every one in the models directory, or those {@code numerai.models} names. */
    protected List<ModelConfig> modelConfigs() throws ModelConfigException {
        return ModelConfigs.load(modelsDirectory(), requestedModels());
    }

    /** The configs to run, the data versions they use and {@code numerai.liveData}: where each model goal starts. */
    ModelGoalInputs modelGoalInputs() throws ModelConfigException {
        return ModelGoalInputs.of(modelConfigs(), liveData == null ? null : liveData.toPath());
    }

    /**
     * The sandbox's account has a slot for each model the desk submits (ensembles and v5.3 models too), besides the
     * repository's two; without a models directory, just those two.
     */
    @Override
    protected SandboxOptions sandboxOptions() throws MojoFailureException {
        SandboxOptions options = super.sandboxOptions();
        if (!Files.isDirectory(modelsDirectory())) {
            return options;
        }
        Set<String> names = new LinkedHashSet<>(options.models());
        try {
            slotConfigs().forEach(config -> names.add(config.name()));
        } catch (ModelConfigException e) {
            return options; // the goal itself reports a bad config, with its file and key
        }
        return options.withModels(List.copyOf(names));
    }

    /** The configs whose predictions go to their Numerai slot: all but those with {@code "submit": false}. */
    protected List<ModelConfig> slotConfigs() throws ModelConfigException {
        return modelConfigs().stream().filter(ModelConfig::submit).toList();
    }

    /** The configs that have a booster to train: all but the ensembles. */
    protected static List<ModelConfig> boosterConfigs(List<ModelConfig> configs) {
        return configs.stream().filter(config -> !config.isEnsemble()).toList();
    }

    /**
     * Where each model's booster is read from and written to ({@link BoosterStore}): beside its config when the desk
     * brought one, else {@code <dataDirectory>/boosters}; in sandbox runs only the sandbox's own folder.
     */
    protected BoosterStore boosters() throws MojoFailureException {
        return isSandbox() ? BoosterStore.inSandbox(datasetCache().root())
                : BoosterStore.inDataDirectory(dataDirectory());
    }

    protected Path modelsDirectory() {
        return modelsDirectory != null ? modelsDirectory.toPath() : baseDirectory().resolve("models");
    }

    /**
     * The dataset cache. Sandbox data goes to a {@code sandbox} folder of its own, per shape of made-up data, never
     * mixed with Numerai's (its round numbers would collide with real ones).
     */
    protected DatasetCache datasetCache() throws MojoFailureException {
        if (!isSandbox()) {
            return new DatasetCache(dataDirectory());
        }
        // the data's shape only: the account's slots (this class's sandboxOptions) read every model config
        return new DatasetCache(dataDirectory().resolve("sandbox").resolve(GeneratedDatasets.folderName(
                super.sandboxOptions().data())));
    }

    /** Fetches into this goal's dataset cache through the client's signed URLs. */
    protected DatasetSync datasetSync(NumeraiClient client, DatasetCache cache) throws MojoFailureException {
        return new DatasetSync(new DatasetDownloader(client, PROGRESS_EVERY, runLocks()), cache);
    }

    /** The locks this goal shares with other runs, waiting up to {@code numerai.lockWait}. */
    protected RunLocks runLocks() throws MojoFailureException {
        return new RunLocks(clock(), Durations.parse(lockWait, PropertyNames.LOCK_WAIT));
    }

    /**
     * The round to fetch live data for: the one this build's watch found open, else the current round; null between
     * rounds.
     */
    protected Integer liveRound(NumeraiClient client) throws NumeraiApiException {
        RoundRecord watched = watchedRound();
        if (watched != null && watched.round() != null) {
            return watched.round();
        }
        try {
            return client.currentRound().number();
        } catch (NumeraiApiException.RoundNotOpen betweenRounds) {
            return null;
        }
    }
}
