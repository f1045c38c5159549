package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.FeatureColumnStream;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.xgbnative.TrainingBatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A train file's rows as batches, one Parquet row group each, with the rows the era selection keeps and a target.
 * A first pass over the era and target columns alone ({@link #scan}) finds the eras to keep, how many rows that
 * makes, and each row group's rows and labels; the batches then decode only the feature columns, straight into the
 * caller's buffer ({@link FeatureColumnStream}), so a pass allocates nothing of a row group's size.
 */
final class ParquetTrainingBatches implements TrainingBatches {
    /**
     * What the first pass found: the eras kept, the rows trained on, the largest row group, and for each row group
     * (with rows, in file order) the era and target of each row.
     */
    record Scan(Set<String> keptEras, long rows, int eras, int largestRowGroup, List<GroupRows> groups) {
    }

    /** One row group's eras and targets; the eras are shared strings. */
    record GroupRows(List<String> eras, float[] targets) {
        /** The rows of this group with a target and a kept era (null when that is all of them), and their labels. */
        Kept kept(Set<String> keptEras) {
            int[] rows = new int[targets.length];
            int count = 0;
            for (int i = 0; i < rows.length; i++) {
                if (!Float.isNaN(targets[i]) && keptEras.contains(FeatureFrame.eraOf(eras.get(i)))) {
                    rows[count++] = i;
                }
            }
            float[] labels = new float[count];
            for (int i = 0; i < count; i++) {
                labels[i] = targets[rows[i]];
            }
            return new Kept(count == rows.length ? null : Arrays.copyOf(rows, count), labels);
        }
    }

    /** @param rows null for every row of the group */
    record Kept(int[] rows, float[] labels) {
    }

    private final Path file;
    private final List<String> features;
    private final List<Kept> kept = new ArrayList<>();
    private final int largestBatch;
    private FeatureColumnStream stream;
    private int nextGroup;

    ParquetTrainingBatches(Path file, List<String> features, Scan scan) {
        this.file = file;
        this.features = List.copyOf(features);
        int largest = 0;
        for (GroupRows group : scan.groups()) {
            Kept rows = group.kept(scan.keptEras());
            kept.add(rows);
            largest = Math.max(largest, rows.labels().length);
        }
        this.largestBatch = largest;
    }

    /** Reads ids, eras and the target (no features) to decide which rows {@code eraStep} keeps. */
    static Scan scan(Path file, String target, int eraStep) throws DataException {
        Map<String, Long> rowsWithTarget = new HashMap<>();
        List<GroupRows> groups = new ArrayList<>();
        int largest = 0;
        try (ParquetFrameReader.RowGroups reader = new ParquetFrameReader().rowGroups(file, List.of(),
                List.of(target))) {
            for (FeatureFrame frame = reader.next(); frame != null; frame = reader.next()) {
                List<String> eras = frame.eras();
                float[] targets = frame.target(target);
                for (int i = 0; i < targets.length; i++) {
                    long withTarget = Float.isNaN(targets[i]) ? 0 : 1;
                    rowsWithTarget.merge(FeatureFrame.eraOf(eras.get(i)), withTarget, Long::sum);
                }
                groups.add(new GroupRows(eras, targets));
                largest = Math.max(largest, frame.rowCount());
            }
        }
        Set<String> kept = EraSelection.kept(rowsWithTarget.keySet(), eraStep);
        long rows = kept.stream().mapToLong(rowsWithTarget::get).sum();
        int eras = (int) kept.stream().filter(era -> rowsWithTarget.get(era) > 0).count();
        // the scan's garbage (an id string a row) had G1 grow the heap to 3 GB on the full v5 shape, which it keeps
        // committed through the whole training unless a full collection lets it shrink
        TrainingMemory.returnHeap();
        return new Scan(kept, rows, eras, largest, List.copyOf(groups));
    }

    @Override
    public int largestBatch() {
        return largestBatch;
    }

    @Override
    public Batch next(Columns columns) throws ModelException {
        try {
            if (stream == null) {
                stream = FeatureColumnStream.open(file, features);
                if (stream.rowGroups() != kept.size()) {
                    throw new ModelException(file + " changed while training: it has " + stream.rowGroups()
                            + " row groups, the scan found " + kept.size() + ". Do not replace data files while a"
                            + " model trains on them.");
                }
            }
            while (nextGroup < kept.size()) {
                int group = nextGroup++;
                Kept rows = kept.get(group);
                if (rows.labels().length > 0) {
                    stream.read(group, rows.rows(), columns::put);
                    return new Batch(rows.labels().length, rows.labels());
                }
            }
            return null;
        } catch (DataException e) {
            throw new ModelException(e.getMessage(), e);
        }
    }

    /** The file stays open: the next pass reads the same row groups again. */
    @Override
    public void reset() {
        nextGroup = 0;
    }

    /** Also hands the heap that decoding churned through back to the OS, before XGBoost's own memory peaks. */
    @Override
    public void close() {
        if (stream != null) {
            stream.close();
            stream = null;
            TrainingMemory.returnHeap();
        }
        nextGroup = 0;
    }
}
