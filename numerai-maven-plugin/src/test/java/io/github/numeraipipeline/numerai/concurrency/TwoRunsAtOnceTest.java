package io.github.numeraipipeline.numerai.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.sandbox.InMemoryDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer.RecordedDownload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two desk runs at the same moment, in two JVMs, on one data directory and one sandbox: the timer build and a
 * manual build on two agents sharing the cache, or a person at the desk during the cron job. Exactly one submission
 * per model, an intact ledger and cache, and the run that came second says why it waited or skipped.
 */
class TwoRunsAtOnceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] LIVE = content(3_000_000);
    private static final byte[] FEATURES = "{\"feature_sets\": {\"small\": [\"feature_a\"]}}"
            .getBytes(StandardCharsets.UTF_8);
    /**
     * Once both runs are ready, every answer of the sandbox's API comes this late: the run that takes a lock first
     * still holds it when the other asks, however the two JVMs are scheduled.
     */
    private static final Duration SLOW_API = Duration.ofMillis(500);

    @TempDir
    Path temp;
    private SandboxServer sandbox;
    private InMemoryDatasets datasets;
    private Path data;
    private final List<Run> runs = new ArrayList<>();

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 253);
        }
        return bytes;
    }

    @BeforeEach
    void start() throws IOException {
        datasets = new InMemoryDatasets(Files.createDirectories(temp.resolve("served")))
                .with("v5.0/features.json", FEATURES)
                .with("v5.0/live.parquet", LIVE);
        sandbox = SandboxServer.start(SandboxOptions.defaults(), datasets);
        data = temp.resolve("data");
    }

    @AfterEach
    void stop() {
        runs.forEach(Run::kill);
        sandbox.close();
    }

    @Test
    void twoRunsSubmittingAtOnceMakeOneSubmissionPerModelAndTheSecondSaysItWaited() throws Exception {
        List<String> predictions = predictions();

        List<Run> both = startTogether(submit("PT2M", predictions), submit("PT2M", predictions));

        Map<String, List<String[]>> outcomes = outcomesByModel(both);
        for (String model : List.of("xgba", "xgbb")) {
            assertEquals(1, submissionsOf(model), model + ": exactly one submission");
            List<String> statuses = outcomes.get(model).stream().map(o -> o[2]).sorted().toList();
            assertEquals(List.of("SKIPPED", "SUBMITTED"), statuses, model);
            String skipped = outcomes.get(model).stream().filter(o -> o[2].equals("SKIPPED")).findFirst()
                    .orElseThrow()[4];
            assertTrue(skipped.startsWith("already submitted for round "), skipped);
        }
        assertLedgerHoldsTheSandboxsSubmissions();
        Path lock = data.toRealPath().resolve("ledger.json.submit-xgba.lock");
        assertTrue(both.stream().anyMatch(run -> run.output().contains("Waiting up to PT2M for " + lock
                + ": another run holds " + lock + " since ")
                && run.output().contains(", pid " + other(both, run).pid() + " on ")),
                "the second run says which run it waited for:\n" + both.get(0).output() + both.get(1).output());
    }

    @Test
    void withNoWaitTheSecondRunSkipsTheModelNamingTheRunThatHoldsIt() throws Exception {
        List<String> predictions = predictions();

        List<Run> both = startTogether(submit("PT0S", predictions), submit("PT0S", predictions));

        Map<String, List<String[]>> outcomes = outcomesByModel(both);
        for (String model : List.of("xgba", "xgbb")) {
            assertEquals(1, submissionsOf(model), model + ": exactly one submission");
            assertEquals(List.of("SKIPPED", "SUBMITTED"), outcomes.get(model).stream().map(o -> o[2]).sorted().toList());
        }
        assertLedgerHoldsTheSandboxsSubmissions();
        Path lock = data.toRealPath().resolve("ledger.json.submit-xgba.lock");
        String skipped = outcomes.get("xgba").stream().filter(o -> o[2].equals("SKIPPED")).findFirst().orElseThrow()[4];
        Run skipper = both.stream().filter(run -> run.output().contains("xgba SKIPPED")).findFirst().orElseThrow();
        assertTrue(skipped.startsWith("not submitted by this run: another run holds " + lock + " since "), skipped);
        assertTrue(skipped.contains(", pid " + other(both, skipper).pid() + " on "), skipped);
        assertTrue(skipped.endsWith("(numerai:submit of model xgba for round " + SandboxOptions.defaults().roundNumber()
                + "); not waiting for it (numerai.lockWait=PT0S); that run submits it, or the next run does"), skipped);
    }

    @Test
    void twoRunsDownloadingTheSameDataAtOnceEachEndWithTheVerifiedFilesFetchedOnce() throws Exception {
        List<Run> both = startTogether(download(), download());

        int round = SandboxOptions.defaults().roundNumber();
        Map<String, String> expected = Map.of("v5.0/features.json", Sha256.of(FEATURES),
                "v5.0/live_" + round + ".parquet", Sha256.of(LIVE));
        for (Run run : both) {
            Map<String, String> files = run.lines("file ").stream().map(l -> l.split(" "))
                    .collect(Collectors.toMap(f -> f[1], f -> f[2]));
            assertEquals(expected, files, run.output());
        }
        assertEquals(List.of("v5.0/features.json", "v5.0/live.parquet"),
                sandbox.downloads().stream().map(RecordedDownload::file).sorted().toList(),
                "each file fetched by one run; the other used it");
        assertEquals(Sha256.of(LIVE), Sha256.of(data.resolve("v5.0/live_" + round + ".parquet")));
        try (Stream<Path> left = Files.list(data.resolve("v5.0"))) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".part") || n.endsWith(".tmp")).toList(), "no half-written file left");
        }
        Path lock = data.toRealPath().resolve("v5.0/features.json.lock");
        assertTrue(both.stream().anyMatch(run -> run.output().contains("Waiting up to PT2M for " + lock
                + ": another run holds " + lock + " since ")), "the second run says it waited:\n" + both.get(0).output()
                + both.get(1).output());
    }

    @Test
    void twoRunsWritingTheLedgerAtOnceLoseNoEntry() throws Exception {
        Path ledger = data.resolve("ledger.json");

        startTogether(List.of("ledger", ledger.toString(), "PT2M", "first", "40"),
                List.of("ledger", ledger.toString(), "PT2M", "second", "40"));

        JsonNode entries = JSON.readTree(ledger.toFile());
        assertEquals(80, entries.size(), "every entry of both runs is in the ledger");
    }

    // --- the runs ---

    private List<String> predictions() throws IOException {
        List<String> files = new ArrayList<>();
        for (String model : List.of("xgba", "xgbb")) {
            StringBuilder csv = new StringBuilder("id,prediction\n");
            int i = 0;
            for (String id : datasets.liveIds()) {
                csv.append(id).append(',').append(0.1 + 0.15 * i++ + (model.equals("xgba") ? 0 : 0.05)).append('\n');
            }
            files.add(Files.writeString(temp.resolve("predictions_" + model + ".csv"), csv).toString());
        }
        return files;
    }

    private List<String> submit(String lockWait, List<String> predictions) {
        List<String> args = new ArrayList<>(List.of("submit", sandbox.endpoint().toString(), data.toString(), lockWait));
        args.addAll(predictions);
        return args;
    }

    private List<String> download() {
        return List.of("download", sandbox.endpoint().toString(), data.toString(), "PT2M", "v5.0");
    }

    /** Starts one JVM per argument list, lets them all go at once when all are ready, waits for them to end. */
    @SafeVarargs
    private List<Run> startTogether(List<String>... argLists) throws Exception {
        List<Run> started = new ArrayList<>();
        for (List<String> args : argLists) {
            Run run = new Run(args);
            runs.add(run);
            started.add(run);
        }
        for (Run run : started) {
            run.awaitReady();
        }
        sandbox.faults().delayGraphQl(1000, SLOW_API);
        for (Run run : started) {
            run.go();
        }
        for (Run run : started) {
            assertEquals(0, run.awaitExit(), run.output());
        }
        return started;
    }

    private static Run other(List<Run> both, Run run) {
        return both.get(0) == run ? both.get(1) : both.get(0);
    }

    /** Per model, the outcome lines of both runs: {@code outcome <model> <status> <id> <detail>}. */
    private static Map<String, List<String[]>> outcomesByModel(List<Run> both) {
        Map<String, List<String[]>> byModel = new HashMap<>();
        for (Run run : both) {
            for (String line : run.lines("outcome ")) {
                String[] fields = line.split(" ", 5);
                byModel.computeIfAbsent(fields[1], m -> new ArrayList<>()).add(fields);
            }
        }
        return byModel;
    }

    private long submissionsOf(String model) {
        String modelId = sandbox.modelIds().get(model);
        return sandbox.submissions().stream().filter(s -> s.modelId().equals(modelId)).count();
    }

    private void assertLedgerHoldsTheSandboxsSubmissions() throws IOException {
        JsonNode entries = JSON.readTree(data.resolve("ledger.json").toFile());
        Map<String, String> ledgered = new HashMap<>();
        entries.forEach(e -> assertEquals(null, ledgered.put(e.path("model").asText(), e.path("submissionId").asText()),
                "one entry per model: " + entries));
        Map<String, String> recorded = new HashMap<>();
        Map<String, String> models = sandbox.modelIds();
        sandbox.submissions().forEach(s -> models.forEach((name, id) -> {
            if (id.equals(s.modelId())) {
                recorded.put(name, s.id());
            }
        }));
        assertEquals(recorded, ledgered);
        assertFalse(recorded.isEmpty());
    }

    /** One desk run in a JVM of its own, its output (log lines included) collected as it comes. */
    private static final class Run {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final CountDownLatch ready = new CountDownLatch(1);

        Run(List<String> args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DeskRun.class.getName()));
            command.addAll(args);
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.append(line).append('\n');
                        if (line.equals("ready")) {
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    output.append("(output lost: ").append(e).append(")\n");
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        long pid() {
            return process.pid();
        }

        void awaitReady() throws InterruptedException {
            assertTrue(ready.await(2, TimeUnit.MINUTES), "the run never got ready: " + output);
        }

        void go() throws IOException {
            Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            in.write("go\n");
            in.flush();
        }

        int awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the run did not end: " + output);
            process.getInputStream(); // the reader thread drains it to the end
            Thread.sleep(50);
            return process.exitValue();
        }

        String output() {
            return output.toString();
        }

        List<String> lines(String prefix) {
            return output().lines().filter(l -> l.startsWith(prefix)).toList();
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
