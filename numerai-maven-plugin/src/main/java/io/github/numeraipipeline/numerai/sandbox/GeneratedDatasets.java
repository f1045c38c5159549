package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's datasets: one synthetic v5 dataset, served under each version name a desk may ask for (v5.0 to
 * v5.3; v5.3's features.json adds the {@code quantum} set), written to disk the first time a file is asked for and
 * kept there for later runs (same spec, same bytes). Live data and
 * features.json take a second or two; train and validation are written only if a client wants them.
 */
public final class GeneratedDatasets implements DatasetSource {
    static final List<String> VERSIONS = List.of("v5.0", "v5.1", "v5.2", "v5.3");
    /** The version whose features.json has v5.3's {@code quantum} set; the Parquet files are the same for all. */
    static final String QUANTUM_VERSION = "v5.3";
    /** Bump when SyntheticDataset writes other bytes for the same spec, so that old files are not served. */
    private static final int GENERATION = 3;

    private static final Pattern LIVE_OF_ROUND = Pattern.compile("live_(\\d+)\\.parquet");

    private final SyntheticDataset dataset;
    private final Path directory;
    /** The round whose live rows {@code live.parquet} has; 0: the dataset's one live file. */
    private final int round;
    private final Map<Integer, Set<String>> liveIds = new HashMap<>();

    /** Files go to a folder of {@code root} named after the spec, so that another shape never reuses them. */
    public GeneratedDatasets(SyntheticDatasetSpec spec, Path root) {
        this(new SyntheticDataset(spec), root.resolve(folderName(spec)), 0);
    }

    private GeneratedDatasets(SyntheticDataset dataset, Path directory, int round) {
        this.dataset = dataset;
        this.directory = directory;
        this.round = round;
    }

    /**
     * The same files as a sandbox playing round {@code round} serves them: {@code live.parquet} is that round's own
     * live file, and each round's {@code live_<round>.parquet} its own ({@link SyntheticDataset#writeLive}), whose
     * rows the sandbox scores that round's submissions on.
     */
    @Override
    public GeneratedDatasets forRound(int round) {
        return new GeneratedDatasets(dataset, directory, round);
    }

    /**
     * A folder name that changes with the spec and with what the generator writes: sandbox files (and what is made
     * from them, downloads and boosters) are kept per name, so another shape never reuses them.
     */
    public static String folderName(SyntheticDatasetSpec spec) {
        return "g" + GENERATION + "-" + Integer.toHexString(spec.toString().hashCode());
    }

    @Override
    public SyntheticDataset synthetic() {
        return dataset;
    }

    /** The folder the files are written to; the sandbox keeps its tournament's state there too. */
    public Path directory() {
        return directory;
    }

    @Override
    public List<String> files() {
        List<String> files = new ArrayList<>();
        for (String version : VERSIONS) {
            for (DatasetFile file : DatasetFile.values()) {
                files.add(version + "/" + file.fileName());
            }
        }
        return files;
    }

    @Override
    public synchronized Path file(String name) throws IOException {
        int slash = name.indexOf('/');
        if (slash < 0 || !VERSIONS.contains(name.substring(0, slash))) {
            return null;
        }
        String fileName = name.substring(slash + 1);
        Matcher ofRound = LIVE_OF_ROUND.matcher(fileName);
        if (ofRound.matches() || fileName.equals(DatasetFile.LIVE.fileName()) && round > 0) {
            return liveFile(ofRound.matches() ? Integer.parseInt(ofRound.group(1)) : round);
        }
        DatasetFile file = Arrays.stream(DatasetFile.values()).filter(f -> f.fileName().equals(fileName))
                .findFirst().orElse(null);
        if (file == null) {
            return null;
        }
        boolean quantum = file == DatasetFile.FEATURES && name.startsWith(QUANTUM_VERSION + "/");
        Path path = directory.resolve(quantum ? QUANTUM_VERSION + "-" + fileName : fileName);
        if (!Files.isRegularFile(path)) {
            try {
                if (quantum) {
                    dataset.writeQuantumFeatures(path);
                    return path;
                }
                dataset.writeFile(file, path, ParquetLayout.defaults());
            } catch (DataException e) {
                throw new IOException("The sandbox could not write " + path + ": " + e.getMessage(), e);
            }
        }
        return path;
    }

    /** Round {@code number}'s live file (0: the dataset's one live file), written the first time it is asked for. */
    private Path liveFile(int number) throws IOException {
        Path path = directory.resolve(number == 0 ? DatasetFile.LIVE.fileName() : "live_" + number + ".parquet");
        if (!Files.isRegularFile(path)) {
            try {
                if (number == 0) {
                    dataset.writeFile(DatasetFile.LIVE, path, ParquetLayout.defaults());
                } else {
                    dataset.writeLive(number, path, ParquetLayout.defaults());
                }
            } catch (DataException e) {
                throw new IOException("The sandbox could not write " + path + ": " + e.getMessage(), e);
            }
        }
        return path;
    }

    @Override
    public Set<String> liveIds(String version) throws IOException {
        return liveIds(version, round);
    }

    @Override
    public synchronized Set<String> liveIds(String version, int ofRound) throws IOException {
        int number = ofRound;
        Set<String> ids = liveIds.get(number);
        if (ids == null) {
            Path live = liveFile(number);
            try {
                ids = new LinkedHashSet<>(new ParquetFrameReader().read(live, List.of(), List.of()).ids());
            } catch (DataException e) {
                throw new IOException("The sandbox could not read its own " + live + ": " + e.getMessage(), e);
            }
            liveIds.put(number, ids);
        }
        return ids;
    }
}
