package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.model.ModelPredictions;
import io.github.numeraipipeline.numerai.model.PredictionRecord;
import io.github.numeraipipeline.numerai.model.PredictionTransform;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.report.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Predicts the round's live data with every model config (or those of {@code numerai.models}) and writes
 * {@code predictions_<name>.csv} per model into the output directory, each checked with Numerai's submission checks
 * before it counts; {@code predictions.json} lists the files (name, file, rows, sha256, round, booster) for
 * {@code numerai:submit}, and {@code run.json} names the booster of each model. A model's booster is the one beside
 * its config when there is one, else the one {@code train} left in {@code <dataDirectory>/boosters}. A model that fails leaves no file and fails the goal; the others' files stand. The live
 * file is {@code numerai.liveData}, or the round's file in the cache, downloaded when missing.
 *
 * @since 0.1.0
 */
@Mojo(name = "predict", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class PredictMojo extends AbstractModelsMojo {

    /**
     * {@code rank}: tie-kept rank {@code (rank - 0.5) / n}, as numerai-tools ranks; {@code raw}: the model's outputs
     * as they are (an output outside [0, 1] is an error).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.PREDICT_TRANSFORM, defaultValue = "rank")
    private String transform;

    @Override
    protected void run() throws MojoFailureException, IOException, NumeraiException {
        PredictionTransform chosen = PredictionTransform.parse(transform);
        ModelGoalInputs inputs = modelGoalInputs();
        DatasetCache cache = datasetCache();
        Path override = inputs.liveDataOverride();
        Integer round = watchedRound() == null ? null : watchedRound().round();
        if (inputs.hasLiveDataOverride()) {
            getLog().info(inputs.liveDataNote());
        } else {
            round = fetchLiveData(inputs.dataVersions(), cache);
        }
        Integer liveRound = round;
        ModelPredictions.LiveData live = new ModelPredictions.LiveData() {
            @Override
            public Path liveFile(String dataVersion) {
                return override != null ? override : cache.live(dataVersion, liveRound);
            }

            @Override
            public Path featuresJson(String dataVersion) {
                return cache.file(dataVersion, DatasetCache.FEATURES);
            }
        };
        PredictionRecord record = new ModelPredictions(outputDirectory(), chosen, boosters(), parallelModels())
                .run(inputs.configs(), live, round);
        RunRecord run = RunRecord.load(outputDirectory(), clock().instant());
        for (PredictionFile file : record.files()) {
            PredictionRecord.BoosterUsed booster = record.boosters().get(file.model());
            getLog().info("Predictions of " + file.model() + ": " + file.path() + " (" + file.rows() + " rows, sha256 "
                    + file.sha256() + ")");
            if (booster != null) { // an ensemble has none of its own
                run.booster(file.model(), booster.file(), booster.origin(), booster.sha256());
            }
        }
        run.save(outputDirectory());
        record.requireNoFailures();
    }

    /** Makes sure the round's live file and features.json of each version are in the cache; returns the round. */
    private int fetchLiveData(List<String> versions, DatasetCache cache)
            throws MojoFailureException, IOException, NumeraiException {
        try (NumeraiClient client = new NumeraiClient(apiSettings(), null)) {
            Integer round = liveRound(client);
            if (round == null) {
                throw new MojoFailureException("Numerai has no open round, so there is no live data to predict; wait"
                        + " for the round (numerai:watch), or give a live file with -D" + PropertyNames.LIVE_DATA
                        + "=path/to/live.parquet");
            }
            boolean complete = versions.stream().allMatch(version -> Files.isRegularFile(cache.live(version, round))
                    && Files.isRegularFile(cache.file(version, DatasetCache.FEATURES)));
            if (!complete) {
                getLog().info("Live data of round " + round + " is not in " + cache.root() + " yet; downloading it");
                datasetSync(client, cache).sync(versions, round, false);
            }
            return round;
        }
    }
}
