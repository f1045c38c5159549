package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.report.RunRecord;
import io.github.numeraipipeline.numerai.report.RunSteps;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.Sandboxes;
import io.github.numeraipipeline.numerai.watch.RoundRecord;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every numerai goal shares: the API endpoint (or the embedded sandbox), the output directory, the skip
 * switches, and the mapping of core failures to Maven's two kinds (the user's to fix, or unexpected).
 */
public abstract class AbstractNumeraiMojo extends AbstractMojo {
    /** Plugin-context key: the {@link RoundRecord} of this build's watch, shared with the later goals. */
    static final String ROUND_KEY = "numerai.round";
    /** Plugin-context key: the sandbox started by the first goal of the build that asked for one. */
    static final String SANDBOX_KEY = "numerai.sandboxServer";

    /**
     * Numerai's GraphQL endpoint. Must be HTTPS unless it is on this machine.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.API_URL, defaultValue = "https://api-tournament.numer.ai")
    private String apiUrl;

    /**
     * How long to wait for an answer from Numerai (or a download's next bytes) before trying again, ISO-8601.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.RESPONSE_TIMEOUT, defaultValue = "PT60S")
    private String responseTimeout;

    /**
     * The tournament id: 8 is the classic tournament.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.TOURNAMENT, defaultValue = "8")
    private int tournament;

    /**
     * Where predictions, reports and run records go; {@code round.json} is written here by {@code watch}.
     * Default: {@code ${project.build.directory}/numerai}, or {@code ./target/numerai} without a pom.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT_DIRECTORY)
    private File outputDirectory;

    /**
     * Skips every numerai goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    private boolean skip;

    /**
     * Runs against the embedded offline tournament instead of Numerai: started on loopback by the first goal of
     * the build, used by the later ones. No keys needed.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX, defaultValue = "false")
    private boolean sandbox;

    /**
     * The sandbox's round: {@code open}, {@code never} (between rounds), {@code closed}, or an ISO-8601 duration
     * after which it opens (such as {@code PT30S}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX_ROUND, defaultValue = "open")
    private String sandboxRound;

    /**
     * The UTC day the sandbox plays, as an ISO date such as {@code 2026-12-01}: its round is that day's (one more
     * each day). Default: today. A sandbox started with tomorrow's date gives a desk its next day's round at once.
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SANDBOX_DAY)
    private String sandboxDay;

    /**
     * The dataset cache. Default: {@code $XDG_CACHE_HOME/numerai-pipeline} or {@code ~/.cache/numerai-pipeline}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.DATA_DIRECTORY)
    private File dataDirectory;

    /**
     * Rows of the sandbox's live data (Numerai's live file has about 6,720).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX_LIVE_ROWS, defaultValue = "6720")
    private int sandboxLiveRows;

    /**
     * Feature columns of the sandbox's datasets (v5.2 has 2,748).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX_FEATURES, defaultValue = "2748")
    private int sandboxFeatures;

    /**
     * Eras of the sandbox's train file, of 500 rows each (validation has a quarter as many).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX_TRAIN_ERAS, defaultValue = "48")
    private int sandboxTrainEras;

    /**
     * Faults the sandbox switches on, for trying what the goals do when things go wrong: a comma list of
     * {@code name:times[:value]}, such as {@code graphql-5xx:3:503,download-cut:1,create-lost:1}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SANDBOX_FAULTS)
    private String sandboxFaults;

    /**
     * How long after a sandbox round opens its scores resolve, ISO-8601 ({@code PT0S}: at once; {@code P20D} to see
     * scores stay pending for a while).
     *
     * @since 0.2.0
     */
    @Parameter(property = PropertyNames.SANDBOX_RESOLVE_AFTER, defaultValue = "PT0S")
    private String sandboxResolveAfter;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** Every reading of the time goes through this clock, so that tests can set the day. */
    private Clock clock = Clock.systemUTC();

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping numerai:" + goal() + ": " + PropertyNames.SKIP + " is set");
            return;
        }
        long start = System.nanoTime();
        RoundRecord watched = watchedRound();
        if (needsOpenRound() && watched != null && !watched.isOpen()) {
            getLog().info("Skipping numerai:" + goal() + ": " + (watched.status() == RoundRecord.Status.NO_ROUND
                    ? "numerai:watch found no open round in this build" : watched.reason()));
            recordStep("skipped", start);
            return;
        }
        if (isStepOfTheRun()) {
            WritableFolders.require(outputDirectory(), PropertyNames.OUTPUT_DIRECTORY);
        }
        String status = "failed";
        try {
            run();
            status = "done";
        } catch (NumeraiException e) {
            if (e.isUserError()) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("numerai:" + goal() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("numerai:" + goal() + " was interrupted", e);
        } finally {
            recordStep(status, start);
        }
    }

    /** Adds this goal's step to the run record; a record that cannot be written is worth a warning, not a failure. */
    private void recordStep(String status, long startNanos) {
        if (!isStepOfTheRun()) {
            return;
        }
        RunRecord record;
        try {
            record = RunSteps.record(outputDirectory(), startsRun(), watchedRound(), System.getenv("BUILD_URL"),
                    sandbox, goal(), status, (System.nanoTime() - startNanos) / 1e9, clock.instant());
        } catch (IOException e) {
            getLog().warn("Could not update " + RunRecord.FILE_NAME + " in " + outputDirectory() + ": " + e);
            return;
        }
        afterStep(record);
    }

    /** Whether this goal is a step of the daily run, recorded in {@code run.json}. */
    protected boolean isStepOfTheRun() {
        return true;
    }

    /** Whether this goal begins a new run record ({@code watch} does). */
    protected boolean startsRun() {
        return false;
    }

    /** Called with the run record once this goal's step is in it. */
    protected void afterStep(RunRecord record) {
    }

    /** The goal's work; parameters are already set, skips already decided. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException, NumeraiException,
            IOException, InterruptedException;

    /** Whether the goal has nothing to do when this build's watch found no open round. */
    protected boolean needsOpenRound() {
        return true;
    }

    /** The endpoint to talk to: the sandbox when asked for, else {@code numerai.apiUrl}. */
    protected ApiSettings apiSettings() throws MojoFailureException, IOException {
        URI endpoint = sandbox ? sandbox().endpoint() : apiUri();
        Duration timeout = Durations.parse(responseTimeout, PropertyNames.RESPONSE_TIMEOUT);
        if (timeout.isZero()) {
            throw new MojoFailureException(PropertyNames.RESPONSE_TIMEOUT + " must be longer than zero, such as PT60S");
        }
        try {
            return ApiSettings.defaults(endpoint).withTournament(tournament).withResponseTimeout(timeout).withClock(clock);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** The build's sandbox, started on first use with the options of the goal that starts it. */
    protected SandboxServer sandbox() throws MojoFailureException, IOException {
        SandboxServer server = (SandboxServer) context().get(SANDBOX_KEY);
        if (server == null) {
            SandboxOptions options = sandboxOptions();
            try {
                server = Sandboxes.start(options, dataDirectory().resolve("sandbox-served"), clock, sandboxFaults);
            } catch (IllegalArgumentException e) {
                throw new MojoFailureException(PropertyNames.SANDBOX_FAULTS + ": " + e.getMessage(), e);
            }
            context().put(SANDBOX_KEY, server);
            getLog().info("Started the Numerai sandbox (offline, no keys needed) at " + server.endpoint());
        }
        return server;
    }

    protected SandboxOptions sandboxOptions() throws MojoFailureException {
        SandboxOptions defaults = SandboxOptions.defaults();
        try {
            return defaults.withRoundOpensIn(SandboxRound.opensIn(sandboxRound))
                    .withRoundNumber(SandboxRound.number(sandboxDay, clock))
                    .withResolveAfter(sandboxResolveAfter == null || sandboxResolveAfter.isBlank() ? Duration.ZERO
                            : Durations.parse(sandboxResolveAfter, PropertyNames.SANDBOX_RESOLVE_AFTER))
                    .withData(defaults.data().withGoalShape(sandboxFeatures, sandboxLiveRows, sandboxTrainEras));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("The sandbox's data shape (numerai.sandbox.*) is not possible: "
                    + e.getMessage(), e);
        }
    }

    /** {@code numerai.dataDirectory}, or the per-user cache folder. */
    protected Path dataDirectory() {
        if (dataDirectory != null) {
            return dataDirectory.toPath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("numerai-pipeline");
    }

    /** {@code numerai.outputDirectory}, or its default under the build directory. */
    protected Path outputDirectory() {
        if (outputDirectory != null) {
            return outputDirectory.toPath();
        }
        return buildDirectory().resolve("numerai");
    }

    /**
     * The project's build directory; without a pom, {@code ./target} of the folder Maven runs in (Maven's stub
     * project leaves {@code ${project.build.directory}} unexpanded there).
     */
    private Path buildDirectory() {
        if (project != null && project.getFile() != null) {
            return Path.of(project.getBuild().getDirectory());
        }
        return baseDirectory().resolve("target");
    }

    /** The project's folder, or the folder Maven runs in when there is no pom. */
    protected Path baseDirectory() {
        if (project != null && project.getFile() != null) {
            return project.getBasedir().toPath();
        }
        String root = session == null ? null : session.getExecutionRootDirectory();
        return Path.of(root == null ? "." : root);
    }

    /** The clock every goal reads the time from. */
    protected Clock clock() {
        return clock;
    }

    protected MavenSession session() {
        return session;
    }

    protected boolean isSandbox() {
        return sandbox;
    }

    /** The round this build's watch recorded, or null when no watch ran in this build. */
    protected RoundRecord watchedRound() {
        return (RoundRecord) context().get(ROUND_KEY);
    }

    /** Shares what this goal learned (such as the watched round) with the later goals of the build. */
    protected void remember(String key, Object value) {
        context().put(key, value);
    }

    protected String goal() {
        return mojoExecution == null ? getClass().getSimpleName() : mojoExecution.getGoal();
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> context() {
        Map<Object, Object> context = getPluginContext();
        if (context == null) {
            context = new HashMap<>();
            setPluginContext(context);
        }
        return context;
    }

    private URI apiUri() throws MojoFailureException {
        try {
            URI uri = URI.create(apiUrl.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(PropertyNames.API_URL + "=" + apiUrl + " is not a URL; the default is "
                    + ApiSettings.DEFAULT_ENDPOINT + ", or use -D" + PropertyNames.SANDBOX + " for the offline sandbox", e);
        }
    }
}
