package io.github.numeraipipeline.numerai.data;

import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.api.NumeraiClient;
import io.github.numeraipipeline.numerai.api.Redaction;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.io.LockBusyException;
import io.github.numeraipipeline.numerai.io.RunLock;
import io.github.numeraipipeline.numerai.io.RunLocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a dataset file from the signed URL Numerai hands out, so that only a complete file ever reaches its
 * place: bytes go to {@code <file>.part}, a cut transfer is resumed with {@code Range} (or started over when the
 * server ignores it), the length is checked against {@code Content-Length}, and only then is the file renamed into
 * place. Numerai's own client accepts a truncated file silently; this one does not. A {@code .part} file left by a
 * killed run is resumed, never trusted.
 *
 * <p>Runs sharing the cache take turns: the download of a file holds {@code <file>.lock}, so that two runs never
 * write one {@code .part} file at once, and a run that waited for another finds the file in place.
 */
public final class DatasetDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloader.class);
    static final int MAX_ATTEMPTS = 5;
    private static final int BUFFER = 1 << 16;

    private final NumeraiClient client;
    private final Duration progressEvery;
    private final RunLocks locks;

    public DatasetDownloader(NumeraiClient client, Duration progressEvery, RunLocks locks) {
        this.client = client;
        this.progressEvery = progressEvery;
        this.locks = locks;
    }

    /**
     * Makes sure {@code target} holds dataset file {@code name} (such as {@code v5.0/live.parquet}) of {@code round}
     * (null: the current round); a file already there is complete by construction and is kept.
     *
     * @return true when it was downloaded, false when the cached file was used
     * @throws LockBusyException when another run is still downloading the file after {@code numerai.lockWait}
     */
    public boolean download(String name, Integer round, Path target)
            throws NumeraiApiException, DataIoException, LockBusyException {
        if (Files.isRegularFile(target)) {
            LOG.info("Using cached {} ({})", name, target);
            return false;
        }
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        RunLock held;
        try {
            held = locks.acquire(lockFile, "download of " + name + (round == null ? "" : " for round " + round));
        } catch (IOException e) {
            throw new DataIoException("Cannot lock " + lockFile + " to download " + name + ": " + e.getMessage(), e);
        }
        try (held) {
            if (Files.isRegularFile(target)) {
                LOG.info("Using {} ({}), which another run downloaded meanwhile", name, target);
                return false;
            }
            return downloadLocked(name, round, target);
        }
    }

    /** The dataset versions Numerai lists now ({@code v5.0}, ...), sorted: for errors that name what exists. */
    /** Whether Numerai lists this file (such as {@code v5.2/meta_model.parquet}) for the current round. */
    public boolean isListed(String name) throws NumeraiApiException {
        return client.listDatasets(null).contains(name);
    }

    public List<String> listedVersions() throws NumeraiApiException {
        return client.listDatasets(null).stream().filter(name -> name.indexOf('/') > 0)
                .map(name -> name.substring(0, name.indexOf('/'))).distinct().sorted().toList();
    }

    private boolean downloadLocked(String name, Integer round, Path target) throws NumeraiApiException, DataIoException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        String lastProblem = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            URI url = client.datasetUrl(name, round);
            try {
                if (transfer(name, url, part)) {
                    AtomicFiles.moveIntoPlace(part, target);
                    return true;
                }
                lastProblem = "the server sent fewer bytes than it announced";
            } catch (TransferCut cut) {
                lastProblem = cut.getMessage();
            } catch (IOException e) {
                throw new DataIoException("Cannot write " + part + " while downloading " + name + ": "
                        + e.getMessage(), e);
            }
            LOG.warn("Download of {} incomplete ({}); attempt {}/{} resumes", name, lastProblem, attempt, MAX_ATTEMPTS);
        }
        throw new NumeraiApiException.Unavailable("Download of " + name + " failed after " + MAX_ATTEMPTS
                + " attempts (" + lastProblem + "); nothing was put in " + target + ", and the next run resumes from "
                + part.getFileName(), 0, null);
    }

    /** A transfer that broke off; what arrived stays in the part file to resume from. */
    private static final class TransferCut extends IOException {
        private static final long serialVersionUID = 1L;

        TransferCut(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writing the part file failed: our disk, not the network, so resuming would not help. */
    private static final class PartFileFailure extends IOException {
        private static final long serialVersionUID = 1L;

        PartFileFailure(IOException cause) {
            super(cause.toString(), cause);
        }
    }

    private record Result(int status, long total) {
    }

    /** One GET into the part file; true when the part file now holds exactly the whole file. */
    private boolean transfer(String name, URI url, Path part) throws PartFileFailure, TransferCut, NumeraiApiException {
        long have = Files.isRegularFile(part) ? partSize(part) : 0;
        HttpGet get = new HttpGet(url);
        if (have > 0) {
            get.setHeader("Range", "bytes=" + have + "-");
        }
        Result result;
        try {
            result = client.http().execute(get, true, response -> receive(name, response, part, have));
        } catch (PartFileFailure | TransferCut e) {
            throw e;
        } catch (IOException e) {
            throw new TransferCut("the connection failed: " + e, e);
        }
        if (result.status == 416) {
            delete(part); // what we hold does not fit the file any more: start over
            return false;
        }
        if (result.status / 100 != 2) {
            throw new NumeraiApiException.Unavailable("Download of " + name + " from " + Redaction.url(url)
                    + " was refused with HTTP " + result.status, result.status, null);
        }
        long size = partSize(part);
        if (size > result.total) {
            delete(part);
        }
        return size == result.total;
    }

    private Result receive(String name, ClassicHttpResponse response, Path part, long have) throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status != 200 && status != 206) {
            return new Result(status, -1);
        }
        long total;
        boolean append = status == 206; // a 200 is the whole file: the server ignored Range
        if (append) {
            Header range = response.getFirstHeader("Content-Range");
            total = contentRangeTotal(range);
            if (rangeStart(range) != have) {
                throw new TransferCut("the server resumed at another offset than asked (" + range + ")", null);
            }
        } else {
            total = entity == null ? -1 : entity.getContentLength();
        }
        if (total < 0) {
            throw new TransferCut("the server did not say how long the file is, so it cannot be verified", null);
        }
        ProgressMeter meter = new ProgressMeter(name, total, append ? have : 0, progressEvery);
        try (InputStream in = entity.getContent(); OutputStream out = openPart(part, append)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = readSome(in, buffer, meter, total)) >= 0) {
                try {
                    out.write(buffer, 0, read);
                } catch (IOException e) {
                    throw new PartFileFailure(e);
                }
                meter.advance(read);
            }
        }
        meter.finish();
        return new Result(status, total);
    }

    private static int readSome(InputStream in, byte[] buffer, ProgressMeter meter, long total) throws TransferCut {
        try {
            return in.read(buffer);
        } catch (IOException cut) {
            throw new TransferCut("the transfer was cut at " + meter.done() + " of " + total + " bytes: "
                    + cut.getMessage(), cut);
        }
    }

    private static OutputStream openPart(Path part, boolean append) throws PartFileFailure {
        try {
            Files.createDirectories(part.toAbsolutePath().getParent());
            return Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new PartFileFailure(e);
        }
    }

    private static long partSize(Path part) throws PartFileFailure {
        try {
            return Files.size(part);
        } catch (IOException e) {
            throw new PartFileFailure(e);
        }
    }

    private static void delete(Path part) throws PartFileFailure {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new PartFileFailure(e);
        }
    }

    private static long contentRangeTotal(Header header) throws TransferCut {
        String value = header == null ? "" : header.getValue();
        int slash = value.lastIndexOf('/');
        if (slash < 0 || value.endsWith("*")) {
            throw new TransferCut("a partial answer without a usable Content-Range: " + value, null);
        }
        return Long.parseLong(value.substring(slash + 1).trim());
    }

    private static long rangeStart(Header header) {
        String value = header == null ? "" : header.getValue(); // bytes 100-199/200
        try {
            return Long.parseLong(value.substring(value.indexOf(' ') + 1, value.indexOf('-')).trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
