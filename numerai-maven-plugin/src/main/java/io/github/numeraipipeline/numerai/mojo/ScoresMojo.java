package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.report.DeskPage;
import io.github.numeraipipeline.numerai.scores.ScoreAlert;
import io.github.numeraipipeline.numerai.scores.ScoresFetch;
import io.github.numeraipipeline.numerai.scores.ScoresHistory;
import io.github.numeraipipeline.numerai.scores.ScoresSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Asks Numerai how each model does ({@code submissionScores}), keeps the history in {@code scores.json} (data
 * directory, survives {@code mvn clean}), finds missed rounds, writes {@code desk.html} beside the run report, and
 * raises alerts (logged as WARNING, recorded in {@code scores.json}; they never fail the build). Runs on days
 * without a round too: scores change daily.
 *
 * @since 0.2.0
 */
@Mojo(name = "scores", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class ScoresMojo extends AbstractSubmissionMojo {

    /**
     * How many of the latest rounds to ask Numerai for.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SCORES_ROUNDS, defaultValue = "60")
    private int rounds;

    /**
     * The metrics to chart, a comma list of Numerai's {@code displayName}s, each optionally with {@code @version}
     * ({@code CORR20,MMC@v5}). Default: the canonical corr and MMC, and payout when Numerai returns it. Every metric
     * is kept in {@code scores.json} whatever is charted.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SCORES_METRICS)
    private String metrics;

    /**
     * Alert when a model missed a round (open, closed, no submission of the model) not reported before.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SCORES_ALERT_MISSED, defaultValue = "true")
    private boolean alertMissed;

    /**
     * Alert when a model's mean of the first charted metric over its last 20 resolved rounds is below this number
     * (such as {@code 0} or {@code -0.01}). Default: no such alert.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SCORES_ALERT_BELOW)
    private String alertBelow;

    /**
     * The score history. Default: {@code scores.json} in the data directory (in sandbox runs, in the sandbox's own
     * folder there, as its rounds are not Numerai's).
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SCORES_HISTORY)
    private File history;

    /**
     * In sandbox runs: fill this many rounds before today that have no score yet by predicting the sandbox's live
     * data with the desk's own models (their boosters must exist) and submitting to those rounds, so that a first
     * run already has a chart.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SANDBOX_HISTORY, defaultValue = "0")
    private int sandboxHistory;

    @Inject
    public ScoresMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected boolean needsOpenRound() {
        return false;
    }

    @Override
    protected void run() throws MojoFailureException, IOException, NumeraiException, InterruptedException {
        ScoresSettings settings = settings();
        List<String> models = modelNames();
        Credentials credentials = credentials();
        getLog().info("Numerai keys from " + credentials.source());
        Path historyFile = historyFile();
        ScoresHistory scores = ScoresHistory.load(historyFile);
        if (isSandbox() && sandboxHistory > 0) {
            new SandboxHistory(sandbox(), outputDirectory(), getLog()).fill(modelConfigs(), sandboxHistory,
                    boosters(), parallelModels());
        }
        ScoresFetch.Outcome outcome;
        try (NumeraiClient client = new NumeraiClient(apiSettings(), credentials)) {
            outcome = new ScoresFetch(client, clock()).fetch(models, settings, scores);
        }
        scores.save(historyFile);
        scores.save(outputDirectory().resolve(ScoresHistory.FILE_NAME));
        Path desk = DeskPage.write(scores, settings.metricChoice(), models, outputDirectory());
        outcome.lines().forEach(getLog()::info);
        List<String> unmatched = settings.metricChoice().unmatched(scores.models().values().stream()
                .flatMap(m -> m.metrics().stream()).distinct().toList());
        if (!unmatched.isEmpty()) {
            getLog().warn(PropertyNames.SCORES_METRICS + " names " + unmatched + ", which Numerai returned for none of"
                    + " the models; it has " + scores.models().values().stream().flatMap(m -> m.metrics().stream())
                    .distinct().sorted().toList());
        }
        for (ScoreAlert alert : outcome.alerts()) {
            getLog().warn("Scores alert: " + alert.message());
        }
        getLog().info("Score history: " + historyFile + ", desk: " + desk + (outcome.alerts().isEmpty()
                ? ", no alerts" : ", " + outcome.alerts().size() + " alert(s)"));
    }

    /** {@code numerai.models}, or the models of every config in the models directory. */
    private List<String> modelNames() throws MojoFailureException, NumeraiException {
        List<String> requested = requestedModels();
        if (!requested.isEmpty()) {
            return requested;
        }
        // the slots: a config kept internal ("submit": false) has no submissions to score
        List<String> names = slotConfigs().stream().map(ModelConfig::name).toList();
        if (names.isEmpty()) {
            throw new MojoFailureException("No models to ask scores for: name them with -D" + PropertyNames.MODELS
                    + "=model_a,model_b, or point -D" + PropertyNames.MODELS_DIRECTORY + " at the model configs");
        }
        return names;
    }

    private ScoresSettings settings() throws MojoFailureException {
        if (rounds < 1) {
            throw new MojoFailureException(PropertyNames.SCORES_ROUNDS + "=" + rounds + " must be at least 1 (default 60)");
        }
        Double below = null;
        if (alertBelow != null && !alertBelow.isBlank()) {
            try {
                below = Double.valueOf(alertBelow.trim());
            } catch (NumberFormatException e) {
                throw new MojoFailureException(PropertyNames.SCORES_ALERT_BELOW + "=" + alertBelow + " is not a number;"
                        + " write it as 0 or -0.01 (the 20-round mean of the first charted metric), or leave it out", e);
            }
        }
        List<String> wanted = metrics == null ? List.of() : Arrays.asList(metrics.split(","));
        return new ScoresSettings(rounds, wanted, alertMissed, below);
    }

    private Path historyFile() throws MojoFailureException {
        if (history != null) {
            return history.toPath();
        }
        return (isSandbox() ? datasetCache().root() : dataDirectory()).resolve(ScoresHistory.FILE_NAME);
    }
}
