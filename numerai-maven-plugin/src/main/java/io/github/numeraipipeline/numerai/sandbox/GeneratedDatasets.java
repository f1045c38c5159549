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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
    private static final int GENERATION = 2;

    private final SyntheticDataset dataset;
    private final Path directory;
    private Set<String> liveIds;

    /** Files go to a folder of {@code root} named after the spec, so that another shape never reuses them. */
    public GeneratedDatasets(SyntheticDatasetSpec spec, Path root) {
        this.dataset = new SyntheticDataset(spec);
        this.directory = root.resolve(folderName(spec));
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

    @Override
    public synchronized Set<String> liveIds(String version) throws IOException {
        if (liveIds == null) {
            Path live = file(version + "/" + DatasetFile.LIVE.fileName());
            try {
                liveIds = new LinkedHashSet<>(new ParquetFrameReader().read(live, List.of(), List.of()).ids());
            } catch (DataException e) {
                throw new IOException("The sandbox could not read its own " + live + ": " + e.getMessage(), e);
            }
        }
        return liveIds;
    }
}
