package io.github.numeraipipeline.numerai.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.io.RunLocks;
import io.github.numeraipipeline.numerai.sandbox.InMemoryDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer.RecordedDownload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache rules: static files are fetched once per version, live data once per round. */
class DatasetSyncTest {
    @TempDir
    Path temp;

    @Test
    void aNewRoundNeverReusesYesterdaysLiveFileButStaticFilesAreKept() throws Exception {
        InMemoryDatasets served = new InMemoryDatasets(Files.createDirectories(temp.resolve("served")))
                .with("v5.0/features.json", "{}".getBytes(StandardCharsets.UTF_8))
                .with("v5.0/live.parquet", new byte[1000])
                .with("v5.0/train.parquet", new byte[2000])
                .with("v5.0/validation.parquet", new byte[3000]);
        DatasetCache cache = new DatasetCache(temp.resolve("cache"));
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults(), served);
             SandboxServer nextDay = SandboxServer.start(SandboxOptions.defaults().withRoundNumber(1295), served);
             NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()), null);
             NumeraiClient nextDayClient = new NumeraiClient(ApiSettings.defaults(nextDay.endpoint()), null)) {
            RunLocks locks = new RunLocks(Clock.systemUTC(), Duration.ZERO);

            List<Path> first = new DatasetSync(new DatasetDownloader(client, Duration.ofSeconds(5), locks), cache)
                    .sync(List.of("v5.0", "v5.0"), 1294, false);
            List<Path> second = new DatasetSync(new DatasetDownloader(nextDayClient, Duration.ofSeconds(5), locks),
                    cache).sync(List.of("v5.0"), 1295, true);

            assertEquals(List.of(cache.file("v5.0", "features.json"), cache.live("v5.0", 1294)), first);
            assertEquals(List.of(cache.file("v5.0", "features.json"), cache.file("v5.0", "train.parquet"),
                    cache.file("v5.0", "validation.parquet"), cache.live("v5.0", 1295)), second);
            assertTrue(Files.isRegularFile(cache.live("v5.0", 1294)) && Files.isRegularFile(cache.live("v5.0", 1295)));
            assertEquals(List.of("v5.0/features.json", "v5.0/live.parquet"),
                    sandbox.downloads().stream().map(RecordedDownload::file).toList());
            assertEquals(List.of("v5.0/train.parquet", "v5.0/validation.parquet", "v5.0/live.parquet"),
                    nextDay.downloads().stream().map(RecordedDownload::file).toList(),
                    "features.json once for both rounds, live once per round");
        }
    }

    @Test
    void aVersionNumeraiDoesNotListIsNamedWithTheVersionsItLists() throws Exception {
        InMemoryDatasets served = new InMemoryDatasets(Files.createDirectories(temp.resolve("served")))
                .with("v5.0/features.json", "{}".getBytes(StandardCharsets.UTF_8))
                .with("v5.3/features.json", "{}".getBytes(StandardCharsets.UTF_8))
                .with("v5.3/live.parquet", new byte[10]);
        DatasetCache cache = new DatasetCache(temp.resolve("cache"));
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults(), served);
             NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()), null)) {
            DatasetSync sync = new DatasetSync(new DatasetDownloader(client, Duration.ofSeconds(5),
                    new RunLocks(Clock.systemUTC(), Duration.ZERO)), cache);

            String message = assertThrows(NumeraiApiException.class, () -> sync.sync(List.of("v5.9"), null, false))
                    .getMessage();

            assertTrue(message.contains("no dataset version \"v5.9\"") && message.contains("it lists v5.0, v5.3")
                    && message.contains("\"dataVersion\""), message);
            assertFalse(Files.exists(cache.file("v5.9", "features.json")));
        }
    }

    @Test
    void theMetaModelAndBenchmarksAreFetchedOnlyForTheVersionsThatAskAndAMissingOneNamesTheMetric()
            throws Exception {
        InMemoryDatasets served = new InMemoryDatasets(Files.createDirectories(temp.resolve("served")))
                .with("v5.0/features.json", "{}".getBytes(StandardCharsets.UTF_8))
                .with("v5.2/features.json", "{}".getBytes(StandardCharsets.UTF_8))
                .with("v5.2/meta_model.parquet", new byte[100])
                .with("v5.2/validation_benchmark_models.parquet", new byte[200]);
        DatasetCache cache = new DatasetCache(temp.resolve("cache"));
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults(), served);
             NumeraiClient client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint()), null)) {
            DatasetSync sync = new DatasetSync(new DatasetDownloader(client, Duration.ofSeconds(5),
                    new RunLocks(Clock.systemUTC(), Duration.ZERO)), cache);

            List<Path> files = sync.sync(List.of("v5.0", "v5.2"), null, false, java.util.Map.of("v5.2",
                    List.of(DatasetCache.META_MODEL, DatasetCache.VALIDATION_BENCHMARK_MODELS)));
            String message = assertThrows(NumeraiApiException.class, () -> sync.sync(List.of("v5.0"), null, false,
                    java.util.Map.of("v5.0", List.of(DatasetCache.META_MODEL)))).getMessage();

            assertEquals(List.of(cache.file("v5.0", "features.json"), cache.file("v5.2", "features.json"),
                    cache.file("v5.2", "meta_model.parquet"), cache.file("v5.2", "validation_benchmark_models.parquet")),
                    files);
            assertTrue(message.contains("Numerai lists no v5.0/meta_model.parquet") && message.contains("(mmc)")
                    && message.contains("remove that metric"), message);
        }
    }
}
