package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The dataset files the sandbox serves, made when first asked for. */
public interface DatasetSource {

    /** Every file, as {@code "<version>/<file>"}, in the order {@code listDatasets} returns them. */
    List<String> files();

    /** The file on disk, made first if need be; null when there is no such file. */
    Path file(String name) throws IOException;

    /** The ids of the live file of a version: the universe that {@code create_submission} checks against. */
    Set<String> liveIds(String version) throws IOException;

    /**
     * The ids of round {@code round}'s live file: what a submission for that round is checked and scored against.
     * A source with one live file for all rounds answers its ids.
     */
    default Set<String> liveIds(String version, int round) throws IOException {
        return liveIds(version);
    }

    /** This source as a sandbox playing round {@code round} serves it; a source with one live file: itself. */
    default DatasetSource forRound(int round) {
        return this;
    }

    /** The synthetic dataset behind the files, whose hidden live targets the sandbox scores with; null: not scored. */
    default SyntheticDataset synthetic() {
        return null;
    }
}
