package io.github.numeraipipeline.numerai.data;

import io.github.numeraipipeline.numerai.api.NumeraiApiException;
import io.github.numeraipipeline.numerai.io.LockBusyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Brings the cache up to date with what the models need: per data version, features and live data, and for
 * training the train and validation files. */
public final class DatasetSync {
    private final DatasetDownloader downloader;
    private final DatasetCache cache;

    public DatasetSync(DatasetDownloader downloader, DatasetCache cache) {
        this.downloader = downloader;
        this.cache = cache;
    }

    /**
     * @param versions    the data versions the models use
     * @param liveRound   the round whose live data to fetch; null to fetch none (between rounds, or a local file)
     * @param forTraining whether train and validation files are wanted too
     * @return the files now in the cache
     */
    public List<Path> sync(Collection<String> versions, Integer liveRound, boolean forTraining)
            throws NumeraiApiException, DataIoException, LockBusyException {
        return sync(versions, liveRound, forTraining, Map.of());
    }

    /**
     * @param validationExtras per version, further files that validation reads, such as
     *                         {@link DatasetCache#META_MODEL}; fetched whether {@code forTraining} or not
     */
    public List<Path> sync(Collection<String> versions, Integer liveRound, boolean forTraining,
            Map<String, List<String>> validationExtras)
            throws NumeraiApiException, DataIoException, LockBusyException {
        List<Path> files = new ArrayList<>();
        for (String version : new LinkedHashSet<>(versions)) {
            files.add(fetch(version, DatasetCache.FEATURES));
            if (forTraining) {
                files.add(fetch(version, DatasetCache.TRAIN));
                files.add(fetch(version, DatasetCache.VALIDATION));
            }
            for (String extra : validationExtras.getOrDefault(version, List.of())) {
                files.add(fetch(version, extra));
            }
            if (liveRound != null) {
                Path live = cache.live(version, liveRound);
                downloader.download(DatasetCache.remoteName(version, DatasetCache.LIVE), liveRound, live);
                files.add(live);
            }
        }
        return files;
    }

    private Path fetch(String version, String file) throws NumeraiApiException, DataIoException, LockBusyException {
        Path target = cache.file(version, file);
        try {
            downloader.download(DatasetCache.remoteName(version, file), null, target);
        } catch (NumeraiApiException.GraphQlError e) {
            List<String> listed = downloader.listedVersions();
            if (!listed.contains(version)) {
                throw new NumeraiApiException.GraphQlError("Numerai has no dataset version \"" + version + "\"; it"
                        + " lists " + String.join(", ", listed) + ". Set \"dataVersion\" in the model config to one of"
                        + " them.");
            }
            boolean metricFile = file.equals(DatasetCache.META_MODEL)
                    || file.equals(DatasetCache.VALIDATION_BENCHMARK_MODELS);
            if (metricFile && !downloader.isListed(DatasetCache.remoteName(version, file))) {
                throw new NumeraiApiException.GraphQlError("Numerai lists no " + DatasetCache.remoteName(version, file)
                        + " (" + e.getMessage() + "); a config of data version " + version + " asks for it through"
                        + " \"validationMetrics\" (" + (file.equals(DatasetCache.META_MODEL) ? "mmc" : "bmc")
                        + "): remove that metric from the config or choose a version that has the file.");
            }
            throw e;
        }
        return target;
    }
}
