package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import io.github.numeraipipeline.numerai.watch.RoundWatcher;
import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.model.ModelConfig;
import io.github.numeraipipeline.numerai.submission.SubmissionService;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Waits until the tournament's current round is open and records it in {@code round.json}. When no round opens
 * within {@code numerai.maxWait}, the build still succeeds and the later numerai goals of the same build skip.
 *
 * @since 0.1.0
 */
@Mojo(name = "watch", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class WatchMojo extends AbstractSubmissionMojo {

    /**
     * How often to ask whether the round is open, as an ISO-8601 duration.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.POLL_INTERVAL, defaultValue = "PT10M")
    private String pollInterval;

    /**
     * How long to wait at most for the round to open, as an ISO-8601 duration; {@code PT0S} checks once.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MAX_WAIT, defaultValue = "PT5H")
    private String maxWait;

    @Inject
    public WatchMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected boolean startsRun() {
        return true;
    }

    /**
     * Marks the round done when every configured model already has its submission, so the day's work is not
     * repeated. Needs models and keys; without either, the round stays open and {@code submit} decides per model.
     */
    private RoundRecord markIfAlreadySubmitted(RoundRecord record, ApiSettings settings) throws IOException,
            MojoFailureException, NumeraiApiException.InvalidCredentials {
        if (!Files.isDirectory(modelsDirectory())) {
            getLog().debug("No models directory " + modelsDirectory() + ": not checking for earlier submissions");
            return record;
        }
        try {
            List<String> models = slotConfigs().stream().map(ModelConfig::name).toList();
            try (NumeraiClient client = new NumeraiClient(settings, credentials())) {
                Optional<Map<String, String>> done = new SubmissionService(client, ledger(), null)
                        .everySubmission(record.round(), models);
                if (done.isPresent()) {
                    return record.alreadySubmitted("Every model (" + String.join(", ", models)
                            + ") already has a submission for round " + record.round()
                            + " (-Dnumerai.force submits again)", done.get());
                }
            }
        } catch (NumeraiApiException.InvalidCredentials refused) {
            throw refused; // better now than after predicting: the submit would fail the same way
        } catch (NumeraiException e) {
            getLog().info("Not checking for earlier submissions: " + e.getMessage());
        }
        return record;
    }

    @Override
    protected boolean needsOpenRound() {
        return false;
    }

    @Override
    protected void run() throws MojoFailureException, IOException, InterruptedException,
            NumeraiApiException.InvalidCredentials {
        Duration poll = Durations.parse(pollInterval, PropertyNames.POLL_INTERVAL);
        Duration wait = Durations.parse(maxWait, PropertyNames.MAX_WAIT);
        if (poll.isZero()) {
            throw new MojoFailureException(PropertyNames.POLL_INTERVAL + " must be longer than zero, such as PT10M");
        }
        ApiSettings settings = apiSettings();
        getLog().info("Watching " + settings.endpoint() + " for the round to open: every " + poll + ", at most " + wait);
        RoundRecord record;
        try (NumeraiClient client = new NumeraiClient(settings, null)) {
            record = RoundWatcher.realTime(client::currentRound, clock()).watch(poll, wait);
        }
        if (record.isOpen() && !force()) {
            record = markIfAlreadySubmitted(record, settings);
        }
        record.writeTo(outputDirectory());
        remember(ROUND_KEY, record);
        if (!record.isOpen()) {
            getLog().info(record.reason() + "; nothing to do, the later numerai goals of this build skip");
        }
    }
}
