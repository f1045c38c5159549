package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.model.ModelConfigException;
import io.github.numeraipipeline.numerai.model.ModelConfigs;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that work on the desk's models and their data: download, train, predict, submit. */
public abstract class AbstractModelsMojo extends AbstractNumeraiMojo {

    /**
     * Where the model configs ({@code <name>.json}) and their boosters live. Default: {@code ${project.basedir}/models},
     * or {@code ./models} without a pom.
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

    protected List<ModelConfig> modelConfigs() throws ModelConfigException {
        List<String> names = models == null || models.isBlank() ? List.of()
                : Arrays.stream(models.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return ModelConfigs.load(modelsDirectory(), names);
    }

    protected Path modelsDirectory() {
        return modelsDirectory != null ? modelsDirectory.toPath() : baseDirectory().resolve("models");
    }

    /** The dataset cache; sandbox data goes to its own {@code sandbox} folder, never mixed with Numerai's. */
    protected DatasetCache datasetCache() {
        return new DatasetCache(isSandbox() ? dataDirectory().resolve("sandbox") : dataDirectory());
    }

    /** {@code numerai.liveData}, or null to use the round's live file. */
    protected Path liveDataOverride() {
        return liveData == null ? null : liveData.toPath();
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
