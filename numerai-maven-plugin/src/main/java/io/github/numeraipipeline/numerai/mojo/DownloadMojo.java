package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.data.DatasetSync;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Downloads the dataset files the configured models need into the cache, verified: per data version
 * {@code features.json} and the round's live data, and with {@code numerai.download.training} the train and
 * validation files too. Files already complete in the cache are used as they are; a file another run is
 * downloading into the same cache is waited for ({@code numerai.lockWait}), then used.
 *
 * @since 0.1.0
 */
@Mojo(name = "download", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, requiresProject = false, threadSafe = true)
public class DownloadMojo extends AbstractModelsMojo {

    /**
     * Also download {@code train.parquet} and {@code validation.parquet} (large: gigabytes for real data), and
     * {@code meta_model.parquet} / {@code validation_benchmark_models.parquet} for the configs whose
     * {@code validationMetrics} ask for {@code mmc} / {@code bmc}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DOWNLOAD_TRAINING, defaultValue = "false")
    private boolean training;

    @Override
    protected void run() throws MojoFailureException, IOException, NumeraiException {
        ModelGoalInputs inputs = modelGoalInputs();
        List<String> versions = inputs.dataVersions();
        try (NumeraiClient client = new NumeraiClient(apiSettings(), null)) {
            Integer round = null;
            if (inputs.hasLiveDataOverride()) {
                getLog().info(inputs.liveDataNote() + "; not downloading it");
            } else {
                round = liveRound(client);
                if (round == null) {
                    getLog().warn("Numerai has no open round, so there is no live data to download");
                }
            }
            DatasetSync sync = datasetSync(client, datasetCache());
            // with the training files, what validationMetrics measure against (mmc, bmc), for the configs that ask
            int files = sync.sync(versions, round, training, training
                    ? TrainMojo.metricFiles(inputs.configs(), inputs.configs()) : java.util.Map.of()).size();
            getLog().info("Data for " + inputs.configs().size() + " model(s) ready in " + datasetCache().root() + " (" + files
                    + " file(s), data " + String.join(", ", versions) + (round == null ? "" : ", round " + round) + ")");
        }
    }
}
