package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.xgbnative.TrainingBatches;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A train file's rows as batches, one Parquet row group each, with the rows the era selection keeps and a target:
 * only one row group is on the heap at a time. A first pass over the era and target columns alone ({@link #scan})
 * finds the eras to keep and how many rows that makes.
 */
final class ParquetTrainingBatches implements TrainingBatches {
    /** What the first pass found: the eras kept, the rows trained on and the largest row group. */
    record Scan(Set<String> keptEras, long rows, int eras, int largestRowGroup) {
    }

    private final ParquetFrameReader reader = new ParquetFrameReader();
    private final Path file;
    private final List<String> features;
    private final String target;
    private final Set<String> keptEras;
    private ParquetFrameReader.RowGroups groups;

    ParquetTrainingBatches(Path file, List<String> features, String target, Set<String> keptEras) {
        this.file = file;
        this.features = List.copyOf(features);
        this.target = target;
        this.keptEras = keptEras;
    }

    /** Reads ids, eras and the target (no features) to decide which rows {@code eraStep} keeps. */
    static Scan scan(Path file, String target, int eraStep) throws DataException {
        Map<String, Long> rowsWithTarget = new HashMap<>();
        int largest = 0;
        try (ParquetFrameReader.RowGroups groups = new ParquetFrameReader().rowGroups(file, List.of(),
                List.of(target))) {
            for (FeatureFrame frame = groups.next(); frame != null; frame = groups.next()) {
                List<String> eras = frame.eras();
                float[] targets = frame.target(target);
                for (int i = 0; i < targets.length; i++) {
                    long withTarget = Float.isNaN(targets[i]) ? 0 : 1;
                    rowsWithTarget.merge(FeatureFrame.eraOf(eras.get(i)), withTarget, Long::sum);
                }
                largest = Math.max(largest, frame.rowCount());
            }
        }
        Set<String> kept = EraSelection.kept(rowsWithTarget.keySet(), eraStep);
        long rows = kept.stream().mapToLong(rowsWithTarget::get).sum();
        int eras = (int) kept.stream().filter(era -> rowsWithTarget.get(era) > 0).count();
        return new Scan(kept, rows, eras, largest);
    }

    @Override
    public Batch next() throws ModelException {
        try {
            if (groups == null) {
                groups = reader.rowGroups(file, features, List.of(target));
            }
            for (FeatureFrame frame = groups.next(); frame != null; frame = groups.next()) {
                int[] rows = EraSelection.rows(frame, target, keptEras, null);
                if (rows.length > 0) {
                    float[] all = frame.target(target);
                    float[] labels = new float[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        labels[i] = all[rows[i]];
                    }
                    return new Batch(frame, rows, labels);
                }
            }
            return null;
        } catch (DataException e) {
            throw new ModelException(e.getMessage(), e);
        }
    }

    @Override
    public void reset() {
        close();
    }

    @Override
    public void close() {
        if (groups != null) {
            groups.close();
            groups = null;
        }
    }
}
