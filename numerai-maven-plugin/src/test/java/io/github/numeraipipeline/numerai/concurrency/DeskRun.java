package io.github.numeraipipeline.numerai.concurrency;

import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.Round;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.data.DatasetCache;
import io.github.numeraipipeline.numerai.data.DatasetDownloader;
import io.github.numeraipipeline.numerai.data.DatasetSync;
import io.github.numeraipipeline.numerai.io.RunLocks;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.submission.SubmissionLedger;
import io.github.numeraipipeline.numerai.submission.SubmissionService.Outcome;
import io.github.numeraipipeline.numerai.submission.SubmissionService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One desk run in a JVM of its own, as a second Jenkins agent or a person at the desk would start it: the same core
 * calls as {@code numerai:submit} (the current round, the ledger in the data directory, every model's predictions)
 * or as {@code numerai:download}. It says "ready" when warmed up, waits for "go" on its input so that two runs go
 * at the same moment, then prints one line per result.
 *
 * <pre>
 * submit   &lt;endpoint&gt; &lt;dataDirectory&gt; &lt;lockWait&gt; &lt;predictions_model.csv&gt;...
 * download &lt;endpoint&gt; &lt;dataDirectory&gt; &lt;lockWait&gt; &lt;version&gt;
 * ledger   &lt;ledger.json&gt; &lt;lockWait&gt; &lt;name&gt; &lt;entries&gt;
 * </pre>
 */
public final class DeskRun {
    private DeskRun() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        switch (args[0]) {
            case "submit" -> submit(URI.create(args[1]), Path.of(args[2]), locks(clock, args[3]),
                    List.of(args).subList(4, args.length), clock);
            case "download" -> download(URI.create(args[1]), Path.of(args[2]), locks(clock, args[3]), args[4]);
            case "ledger" -> ledger(Path.of(args[1]), locks(clock, args[2]), args[3], Integer.parseInt(args[4]), clock);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
    }

    /**
     * Says "ready" once the run has done what comes before the contested work (starting the client, asking for the
     * round: the JVM's warm-up too), then waits for "go".
     */
    private static void readyThenGo() throws IOException {
        System.out.println("ready");
        System.out.flush();
        String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (!"go".equals(go)) {
            throw new IllegalStateException("expected go, got " + go);
        }
    }

    private static RunLocks locks(Clock clock, String wait) {
        return new RunLocks(clock, Duration.parse(wait));
    }

    private static void submit(URI endpoint, Path data, RunLocks locks, List<String> predictions, Clock clock)
            throws Exception {
        List<PredictionFile> files = new ArrayList<>();
        for (String file : predictions) {
            Path path = Path.of(file);
            String name = path.getFileName().toString();
            files.add(PredictionFile.of(name.substring("predictions_".length(), name.length() - ".csv".length()), path));
        }
        Credentials keys = new Credentials(SandboxOptions.PUBLIC_ID, SandboxOptions.SECRET_KEY, "the sandbox's account");
        try (NumeraiClient client = new NumeraiClient(ApiSettings.defaults(endpoint), keys)) {
            Round round = client.currentRound();
            SubmissionLedger ledger = new SubmissionLedger(data.resolve("ledger.json"), locks);
            SubmissionService service = new SubmissionService(client, ledger, null);
            readyThenGo();
            for (Outcome outcome : service.submit(round, files, false, false, clock.instant())) {
                System.out.println("outcome " + outcome.model() + " " + outcome.status() + " " + outcome.submissionId()
                        + " " + outcome.detail());
            }
        }
    }

    private static void download(URI endpoint, Path data, RunLocks locks, String version) throws Exception {
        try (NumeraiClient client = new NumeraiClient(ApiSettings.defaults(endpoint), null)) {
            int round = client.currentRound().number();
            DatasetSync sync = new DatasetSync(new DatasetDownloader(client, Duration.ofSeconds(5), locks),
                    new DatasetCache(data));
            readyThenGo();
            for (Path file : sync.sync(List.of(version), round, false)) {
                System.out.println("file " + data.relativize(file) + " " + Sha256.of(file));
            }
        }
    }

    private static void ledger(Path file, RunLocks locks, String name, int entries, Clock clock) throws Exception {
        SubmissionLedger ledger = new SubmissionLedger(file, locks);
        ledger.entries();
        readyThenGo();
        for (int i = 0; i < entries; i++) {
            ledger.add(new SubmissionLedger.Entry(1294, name + i, name + "-submission-" + i, null,
                    clock.instant().toString()));
        }
        System.out.println("added " + entries);
    }
}
