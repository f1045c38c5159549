package io.github.numeraipipeline.numerai.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.numeraipipeline.numerai.api.ApiSettings;
import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.RetryPolicy;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.io.LockBusyException;
import io.github.numeraipipeline.numerai.io.LockHolder;
import io.github.numeraipipeline.numerai.io.RunLocks;
import io.github.numeraipipeline.numerai.sandbox.InMemoryDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer.RecordedDownload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from the sandbox over real HTTP, with the faults a storage bucket has now and then. */
class DatasetDownloaderTest {
    private static final String LIVE = "v5.0/live.parquet";
    private static final byte[] CONTENT = content(3_000_000);

    @TempDir
    Path temp;
    private SandboxServer sandbox;
    private NumeraiClient client;
    private DatasetDownloader downloader;
    private Path target;

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + i / 251);
        }
        return bytes;
    }

    @BeforeEach
    void start() throws IOException {
        Path served = Files.createDirectories(temp.resolve("served"));
        sandbox = SandboxServer.start(SandboxOptions.defaults(), new InMemoryDatasets(served).with(LIVE, CONTENT));
        client = new NumeraiClient(ApiSettings.defaults(sandbox.endpoint())
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(10))), null);
        downloader = downloader(Duration.ZERO);
        target = temp.resolve("cache/v5.0/round-1294/live.parquet");
    }

    private DatasetDownloader downloader(Duration lockWait) {
        return new DatasetDownloader(client, Duration.ofSeconds(5), new RunLocks(Clock.systemUTC(), lockWait));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        sandbox.close();
    }

    private Path part() {
        return target.resolveSibling("live.parquet.part");
    }

    @Test
    void downloadsTheExactBytesAndLeavesNoPartFile() throws Exception {
        assertTrue(downloader.download(LIVE, null, target));

        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        assertFalse(Files.exists(part()));
    }

    @Test
    void aTransferCutHalfWayIsResumedWithRange() throws Exception {
        sandbox.faults().truncateDownloads(1);

        downloader.download(LIVE, null, target);

        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        List<RecordedDownload> downloads = sandbox.downloads();
        assertEquals(2, downloads.size());
        assertEquals("bytes=" + CONTENT.length / 2 + "-", downloads.get(1).range());
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        sandbox.faults().failDownloads(2, 503);

        downloader.download(LIVE, null, target);

        assertArrayEquals(CONTENT, Files.readAllBytes(target));
    }

    @Test
    void aPartFileLeftByAKilledRunIsResumedNotTrusted() throws Exception {
        Files.createDirectories(target.getParent());
        Files.write(part(), Arrays.copyOf(CONTENT, 1_000_000));

        downloader.download(LIVE, null, target);

        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        assertEquals("bytes=1000000-", sandbox.downloads().get(0).range());
    }

    @Test
    void aPartFileLongerThanTheFileIsDiscarded() throws Exception {
        Files.createDirectories(target.getParent());
        Files.write(part(), content(CONTENT.length + 10));

        downloader.download(LIVE, null, target);

        assertArrayEquals(CONTENT, Files.readAllBytes(target));
    }

    @Test
    void aTransferThatKeepsBreakingFailsAndPutsNothingInPlace() {
        sandbox.faults().truncateDownloads(100);

        NumeraiApiException error = assertThrows(NumeraiApiException.class, () -> downloader.download(LIVE, null, target));

        assertTrue(error.getMessage().contains("Download of v5.0/live.parquet failed after 5 attempts"), error.getMessage());
        assertFalse(Files.exists(target), "a broken file is never left where the next run would trust it");
    }

    @Test
    void aCachedFileIsUsedWithoutAskingNumerai() throws Exception {
        downloader.download(LIVE, null, target);
        int calls = sandbox.requests().size();

        assertFalse(downloader.download(LIVE, null, target));

        assertEquals(calls, sandbox.requests().size());
    }

    @Test
    void aRefusedDownloadNamesTheFileButNotTheSignature() {
        sandbox.faults().failDownloads(100, 403);

        NumeraiApiException error = assertThrows(NumeraiApiException.class, () -> downloader.download(LIVE, null, target));

        assertTrue(error.getMessage().contains("v5.0/live.parquet") && error.getMessage().contains("HTTP 403"),
                error.getMessage());
        assertFalse(error.getMessage().contains("Signature="), error.getMessage());
    }

    @Test
    void whileAnotherRunDownloadsTheFileThisOneGivesUpNamingItAndTouchesNothing() throws Exception {
        Path lock = target.resolveSibling("live.parquet.lock");
        try (LockHolder other = LockHolder.hold(lock, "download of v5.0/live.parquet")) {
            LockBusyException busy = assertThrows(LockBusyException.class, () -> downloader.download(LIVE, null, target));

            assertTrue(busy.getMessage().contains("another run holds " + lock.toRealPath() + " since " + other.since()
                    + ", pid " + other.pid()), busy.getMessage());
            assertTrue(sandbox.requests().isEmpty() && sandbox.downloads().isEmpty());
            assertFalse(Files.exists(part()), "the other run's part file is the other run's");
        }
    }

    @Test
    void aRunThatWaitedForAnotherRunsDownloadUsesItsFile() throws Exception {
        Path lock = target.resolveSibling("live.parquet.lock");
        try (LockHolder other = LockHolder.hold(lock, "download of v5.0/live.parquet")) {
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return downloader(Duration.ofMinutes(1)).download(LIVE, null, target);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(waiting.isDone(), "waits for the other run");
            AtomicFiles.write(target, CONTENT); // the other run's download lands
            other.release();

            assertFalse(waiting.get(60, TimeUnit.SECONDS), "nothing downloaded: the other run's file is used");
        }
        assertTrue(sandbox.downloads().isEmpty());
        assertArrayEquals(CONTENT, Files.readAllBytes(target));
    }
}
