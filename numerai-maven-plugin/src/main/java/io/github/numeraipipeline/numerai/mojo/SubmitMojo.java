package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.report.RunRecord;
import io.github.numeraipipeline.numerai.report.RunReport;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Outcome;
import io.github.numeraipipeline.numerai.submission.SubmissionService;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Uploads each model's {@code predictions_<name>.csv} to the Numerai model slot of the same name, once per round,
 * and writes the run record ({@code run.json}) and report ({@code report.html}).
 *
 * @since 0.1.0
 */
@Mojo(name = "submit", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class SubmitMojo extends AbstractSubmissionMojo {

    /**
     * Do everything but the upload and the create, saying what would have been sent.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DRY_RUN, defaultValue = "false")
    private boolean dryRun;

    @Inject
    public SubmitMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoFailureException, IOException, NumeraiException {
        List<PredictionFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ModelConfig config : slotConfigs()) {
            Path path = PredictionFile.pathFor(outputDirectory(), config.name());
            if (Files.isRegularFile(path)) {
                files.add(PredictionFile.of(config.name(), path));
            } else {
                missing.add(config.name() + " (" + path + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new MojoFailureException("No predictions file for " + String.join(", ", missing)
                    + "; run numerai:predict first (or name the models to submit with -D" + PropertyNames.MODELS + ")");
        }
        Credentials credentials = credentials();
        getLog().info("Numerai keys from " + credentials.source());
        List<Outcome> outcomes;
        int roundNumber;
        try (NumeraiClient client = new NumeraiClient(apiSettings(), credentials)) {
            Round round = round(client);
            roundNumber = round.number();
            SubmissionService service = new SubmissionService(client, ledger(), NumeraiClient.triggerIdFromEnvironment());
            outcomes = service.submit(round, files, force(), dryRun, clock().instant());
        }
        RunRecord.load(outputDirectory(), clock().instant()).round(roundNumber).models(outcomes).save(outputDirectory());
        List<String> failed = outcomes.stream().filter(o -> o.status() == SubmissionService.Status.FAILED)
                .map(o -> o.model() + ": " + o.detail()).toList();
        if (!failed.isEmpty()) {
            throw new MojoFailureException(failed.size() + " of " + outcomes.size() + " model(s) not submitted: "
                    + String.join("; ", failed));
        }
    }

    /** The summary table, with this step's time in it, closes the daily run's log. */
    @Override
    protected void afterStep(RunRecord record) {
        if (!record.json().path("models").isEmpty()) {
            RunReport.summary(record).forEach(getLog()::info);
            getLog().info("Run record: " + outputDirectory().resolve(RunRecord.FILE_NAME) + ", report: "
                    + outputDirectory().resolve(RunReport.FILE_NAME));
        }
    }

    /** The round this build's watch found, with its window; else the current round. */
    private Round round(NumeraiClient client) throws NumeraiApiException {
        RoundRecord watched = watchedRound();
        if (watched != null && watched.isOpen()) {
            return new Round(watched.round(), watched.openTime(), watched.closeStakingTime());
        }
        try {
            return client.currentRound();
        } catch (NumeraiApiException.RoundNotOpen betweenRounds) {
            throw new NumeraiApiException.RoundNotOpen(betweenRounds.getMessage() + "; nothing can be submitted"
                    + " between rounds (numerai:watch waits for the next one)");
        }
    }
}
