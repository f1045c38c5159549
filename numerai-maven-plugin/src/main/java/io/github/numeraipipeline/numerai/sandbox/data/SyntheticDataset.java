package io.github.numeraipipeline.numerai.sandbox.data;

import io.github.numeraipipeline.numerai.data.DataException;
import io.github.numeraipipeline.numerai.data.DataIoException;
import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A made-up Numerai v5 dataset of real shape: {@code train.parquet}, {@code validation.parquet},
 * {@code live.parquet}, {@code features.json}, and for MMC/BMC {@code meta_model.parquet} and
 * {@code validation_benchmark_models.parquet}, with the real columns ({@code id}, {@code era},
 * {@code data_type}, int8 features 0..4, float targets in {0, 0.25, 0.5, 0.75, 1}) and a little signal in a
 * handful of features, so that a model trained on it beats chance. The embedded sandbox serves it, tests read it,
 * benchmarks time it.
 *
 * <ul>
 *   <li>Everything follows from the {@link SyntheticDatasetSpec}: same spec, byte-identical files (for a given
 *       Parquet-MR version, which is recorded in each file).</li>
 *   <li>Feature names look like {@code feature_<word>_<word>_<word>}, in no particular order; {@code features.json}
 *       has the sets {@code small} (42), {@code medium} (780/2748 of all), {@code all} (each holding the signal
 *       features) and the eight named groups of v5.2 in its proportions. The small set bears the real names of
 *       v5's small set, so that boosters trained on real data can predict made-up live data; the other names are
 *       made up.</li>
 *   <li>Targets: {@value #MAIN_TARGET} (the same values as {@code target_ender_20}, as in v5.2) and a few
 *       auxiliary targets with their own noise and weights.</li>
 *   <li>Live has era {@value #LIVE_ERA} (what third-party code expects), data type {@code live} and no targets.</li>
 *   <li>Each Parquet file carries the key {@value #METADATA_KEY} in its footer, so it cannot be mistaken for real
 *       data.</li>
 * </ul>
 */
public final class SyntheticDataset {
    public static final String LIVE_ERA = "X";
    public static final String MAIN_TARGET = "target";
    public static final String METADATA_KEY = "numerai_pipeline.synthetic";

    private static final List<String> TARGETS = List.of(
            MAIN_TARGET, "target_ender_20", "target_ender_60", "target_cyrusd_20", "target_teager2b_20");
    /** {@code target} repeats {@code target_ender_20}; {@code target_ender_60} shares its weights, not its noise. */
    private static final int MAIN_TARGET_ALIAS_OF = 1;
    private static final int SHARES_WEIGHTS_WITH_MAIN = 2;

    private static final int SMALL_SET = 42;
    private static final int SIGNAL_FEATURES = 8;
    /** v5.2 sizes, scaled to the spec's feature count: medium and the named groups out of 2748 features. */
    private static final int V52_ALL = 2748;
    private static final int V52_MEDIUM = 780;
    /** v5.3 ("Quantum") adds a set of 807 features, scaled the same way. */
    private static final int V53_QUANTUM = 807;
    public static final String QUANTUM_SET = "quantum";
    /** The column of {@code meta_model.parquet}, as Numerai's. */
    public static final String META_MODEL_COLUMN = "numerai_meta_model";
    private static final List<String> BENCHMARK_VERSIONS = List.of("v50", "v51", "v52", "v53");
    private static final Map<String, Integer> V52_GROUPS = groupSizes();

    private final SyntheticDatasetSpec spec;
    private final List<String> featureNames;
    private final int[] signalFeatures;
    private final double[][] targetWeights;
    private final FeatureSets featureSets;

    public SyntheticDataset(SyntheticDatasetSpec spec) {
        this.spec = spec;
        int[] order = shuffledIndexes(spec.featureCount(), random(spec.seed(), "sets"));
        this.featureNames = List.copyOf(FeatureNameGenerator.withRealSmallSet(
                FeatureNameGenerator.names(spec.featureCount(), random(spec.seed(), "names")),
                Arrays.copyOf(order, Math.min(SMALL_SET, order.length))));
        this.signalFeatures = Arrays.copyOf(order, Math.min(SIGNAL_FEATURES, order.length));
        this.targetWeights = targetWeights(signalFeatures.length, random(spec.seed(), "weights"));
        this.featureSets = featureSets(order, random(spec.seed(), "groups"));
    }

    public SyntheticDatasetSpec spec() {
        return spec;
    }

    /** All feature columns, in file order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Target columns of train and validation, in file order, {@value #MAIN_TARGET} first. */
    public List<String> targetNames() {
        return TARGETS;
    }

    /** What {@code features.json} holds. */
    public FeatureSets featureSets() {
        return featureSets;
    }

    /**
     * What v5.3's {@code features.json} holds: the same sets plus {@value #QUANTUM_SET}, 807/2748 of the features
     * (drawn from a shuffle of their own, the signal features first, so that a model of that set can learn), in
     * file order. The Parquet files stay the same, so v5.0-v5.2 desks see the same bytes as before.
     */
    public FeatureSets featureSetsWithQuantum() {
        int count = featureNames.size();
        int[] order = shuffledIndexes(count, random(spec.seed(), QUANTUM_SET));
        int size = Math.max(1, Math.round((float) count * V53_QUANTUM / V52_ALL));
        List<Integer> chosen = new ArrayList<>();
        for (int signal : signalFeatures) {
            chosen.add(signal);
        }
        for (int i = 0; i < order.length && chosen.size() < size; i++) {
            if (!chosen.contains(order[i])) {
                chosen.add(order[i]);
            }
        }
        int[] indexes = chosen.stream().mapToInt(Integer::intValue).limit(size).toArray();
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (String name : featureSets.names()) {
            try {
                sets.put(name, featureSets.featureSet(name));
            } catch (DataException e) {
                throw new IllegalStateException(e);
            }
        }
        sets.put(QUANTUM_SET, namesOf(indexes, 0, indexes.length));
        return new FeatureSets(null, sets, TARGETS);
    }

    /** Rows of a Parquet file of this dataset. */
    public int rowCount(DatasetFile file) {
        return switch (file) {
            case TRAIN -> spec.trainRows();
            case VALIDATION -> spec.validationRows();
            case LIVE -> spec.liveRows();
            case META_MODEL -> spec.validationRows() - spec.validationRowsPerEra();
            case VALIDATION_BENCHMARK_MODELS -> spec.validationRows();
            case FEATURES -> throw new IllegalArgumentException("features.json has no rows");
        };
    }

    /** Writes all its files into {@code directory} with the default layout. */
    public void writeAll(Path directory) throws DataException {
        write(directory, List.of(DatasetFile.values()), ParquetLayout.defaults());
    }

    /**
     * Writes the given files into {@code directory} under their real names ({@code live.parquet}, ...), each
     * atomically (a reader sees the old file or the whole new one). The sandbox writes live and features.json
     * first, train and validation only when asked for.
     */
    public void write(Path directory, Collection<DatasetFile> files, ParquetLayout layout) throws DataException {
        for (DatasetFile file : files) {
            writeFile(file, directory.resolve(file.fileName()), layout);
        }
    }

    /** Writes one file of this dataset to {@code target} (any name, e.g. {@code live_1234.parquet}), atomically. */
    public void writeFile(DatasetFile file, Path target, ParquetLayout layout) throws DataException {
        try {
            if (file == DatasetFile.FEATURES) {
                AtomicFiles.write(target, (AtomicFiles.FileContent) featureSets::writeTo);
                return;
            }
            if (file == DatasetFile.META_MODEL || file == DatasetFile.VALIDATION_BENCHMARK_MODELS) {
                References references = references(file);
                AtomicFiles.write(target, (AtomicFiles.FileContent) temporary -> ReferenceParquetWriter.write(
                        temporary, Map.of(METADATA_KEY, spec.toString()), references.ids, references.eras,
                        references.dataTypes, references.columns, references.values));
                return;
            }
            SyntheticParquetWriter writer = new SyntheticParquetWriter(
                    new SyntheticRows(this, file, layout.featureNullRate()),
                    featureNames,
                    file == DatasetFile.LIVE ? List.of() : TARGETS,
                    layout);
            AtomicFiles.write(target, (AtomicFiles.FileContent) temporary ->
                    writer.write(temporary, Map.of(METADATA_KEY, spec.toString())));
        } catch (IOException | RuntimeException e) {
            throw new DataIoException("Could not write " + target.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * Writes round {@code round}'s live file to {@code target}, atomically: the live rows of that round only
     * ({@link #liveTruth} holds their hidden targets).
     */
    public void writeLive(int round, Path target, ParquetLayout layout) throws DataException {
        try {
            SyntheticParquetWriter writer = new SyntheticParquetWriter(
                    new SyntheticRows(this, DatasetFile.LIVE, layout.featureNullRate(), round), featureNames, List.of(),
                    layout);
            AtomicFiles.write(target, (AtomicFiles.FileContent) temporary ->
                    writer.write(temporary, Map.of(METADATA_KEY, spec.toString() + " live round " + round)));
        } catch (IOException | RuntimeException e) {
            throw new DataIoException("Could not write " + target.toAbsolutePath() + ": " + e, e);
        }
    }

    /** v5.3's {@code features.json}, with the {@value #QUANTUM_SET} set ({@link #featureSetsWithQuantum()}). */
    public void writeQuantumFeatures(Path target) throws DataException {
        try {
            AtomicFiles.write(target, (AtomicFiles.FileContent) featureSetsWithQuantum()::writeTo);
        } catch (IOException | RuntimeException e) {
            throw new DataIoException("Could not write " + target.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * The rows of one Parquet file in memory, exactly what the reader must return for the file written with the
     * same layout (all features in file order, all targets). Meant for tests and small shapes.
     */
    public FeatureFrame frame(DatasetFile file, ParquetLayout layout) {
        SyntheticRows rows = new SyntheticRows(this, file, layout.featureNullRate());
        int n = rows.rowCount();
        String[] ids = new String[n];
        String[] eras = new String[n];
        String[] dataTypes = new String[n];
        byte[][] features = new byte[featureNames.size()][n];
        float[][] targets = new float[rows.targets.length][n];
        for (int r = 0; r < n; r++) {
            rows.next();
            ids[r] = rows.idString();
            eras[r] = rows.era;
            dataTypes[r] = rows.currentDataType;
            for (int f = 0; f < features.length; f++) {
                features[f][r] = rows.features[f];
            }
            for (int t = 0; t < targets.length; t++) {
                targets[t][r] = rows.targets[t];
            }
        }
        List<String> targetNames = file == DatasetFile.LIVE ? List.of() : TARGETS;
        return new FeatureFrame(ids, eras, dataTypes, featureNames, features, targetNames, targets);
    }

    /**
     * What the sandbox knows of round {@code round}'s live rows ({@link #writeLive}) and a desk does not: per row (in
     * the live file's order) a main target
     * drawn for {@code round} (the live file's true features, the main target's weights, that round's own noise, binned
     * like the main target) and a benchmark, a noise-free linear score that shares half of its weights with the main
     * target's, which the sandbox uses as its stand-in meta model.
     */
    public LiveTruth liveTruth(int round) {
        SyntheticRows rows = new SyntheticRows(this, DatasetFile.LIVE, 0, round);
        int n = rows.rowCount();
        List<String> ids = new ArrayList<>(n);
        double[] target = new double[n];
        double[] benchmark = new double[n];
        SplittableRandom noise = random(spec.seed(), "live-truth-" + round);
        double signal = spec.signal();
        double rest = Math.sqrt(1 - signal * signal);
        double[] main = targetWeights[MAIN_TARGET_ALIAS_OF];
        double[] other = targetWeights[targetWeights.length - 1];
        for (int r = 0; r < n; r++) {
            rows.next();
            ids.add(rows.idString());
            double score = 0;
            double bench = 0;
            for (int k = 0; k < signalFeatures.length; k++) {
                double x = (rows.features[signalFeatures[k]] - 2) / Math.sqrt(2);
                score += main[k] * x;
                bench += (main[k] + other[k]) * x;
            }
            double u = 1 - noise.nextDouble();
            double v = noise.nextDouble();
            double gaussian = StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
            target[r] = SyntheticRows.bin(signal * score + rest * gaussian);
            benchmark[r] = bench;
        }
        return new LiveTruth(List.copyOf(ids), target, benchmark);
    }

    /**
     * Columns of {@code validation_benchmark_models.parquet}, named as Numerai names its benchmarks
     * ({@code v52_lgbm_ender20}): one per version v5.0-v5.3 and per target other than {@value #MAIN_TARGET}, so that
     * a desk of any version finds the benchmark of its target. The same file is served for every version.
     */
    public List<String> benchmarkColumns() {
        List<String> columns = new ArrayList<>();
        for (String version : BENCHMARK_VERSIONS) {
            for (String target : TARGETS.subList(1, TARGETS.size())) {
                columns.add(version + "_lgbm_" + target.substring("target_".length()).replace("_", ""));
            }
        }
        return columns;
    }

    /**
     * The rows of {@code meta_model.parquet} ({@value #META_MODEL_COLUMN}; validation rows from the second
     * validation era on, as Numerai's meta model starts after validation does) or of
     * {@code validation_benchmark_models.parquet} (every validation row, {@link #benchmarkColumns()}). Each model is
     * a noise-free linear score of the true signal features (the meta model with the main target's weights plus
     * another target's, a benchmark with its target's weights) plus noise of its own, tie-kept ranked per era into
     * (0, 1) as Numerai's files hold them.
     */
    private References references(DatasetFile file) {
        boolean meta = file == DatasetFile.META_MODEL;
        List<String> columns = meta ? List.of(META_MODEL_COLUMN) : benchmarkColumns();
        SyntheticRows rows = new SyntheticRows(this, DatasetFile.VALIDATION, 0);
        int skip = meta ? spec.validationRowsPerEra() : 0;
        int n = rows.rowCount() - skip;
        References out = new References(columns, n);
        double[][] weights = new double[columns.size()][];
        SplittableRandom[] noise = new SplittableRandom[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            noise[c] = random(spec.seed(), "reference-" + columns.get(c));
            int target = meta ? MAIN_TARGET_ALIAS_OF : 1 + c % (TARGETS.size() - 1);
            weights[c] = targetWeights[target].clone();
            if (meta) {
                double[] other = targetWeights[targetWeights.length - 1];
                for (int k = 0; k < other.length; k++) {
                    weights[c][k] += other[k];
                }
            }
        }
        for (int r = 0; r < rows.rowCount(); r++) {
            rows.next();
            if (r < skip) {
                continue;
            }
            int i = r - skip;
            out.ids.add(rows.idString());
            out.eras.add(rows.era);
            out.dataTypes.add(rows.currentDataType);
            for (int c = 0; c < columns.size(); c++) {
                double score = 0;
                for (int k = 0; k < signalFeatures.length; k++) {
                    score += weights[c][k] * (rows.features[signalFeatures[k]] - 2) / Math.sqrt(2);
                }
                double u = 1 - noise[c].nextDouble();
                double v = noise[c].nextDouble();
                out.values[c][i] = score + StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
            }
        }
        int perEra = spec.validationRowsPerEra();
        for (double[] column : out.values) {
            for (int from = 0; from < n; from += perEra) {
                int to = Math.min(n, from + perEra);
                double[] ranked = NumeraiCorr.tieKeptRank(Arrays.copyOfRange(column, from, to));
                System.arraycopy(ranked, 0, column, from, ranked.length);
            }
        }
        return out;
    }

    /** Rows of a meta model or benchmark file; {@code values[column][row]}. */
    private static final class References {
        final List<String> columns;
        final List<String> ids;
        final List<String> eras;
        final List<String> dataTypes;
        final double[][] values;

        References(List<String> columns, int rows) {
            this.columns = columns;
            this.ids = new ArrayList<>(rows);
            this.eras = new ArrayList<>(rows);
            this.dataTypes = new ArrayList<>(rows);
            this.values = new double[columns.size()][rows];
        }
    }

    /** A round's hidden live targets and the benchmark, row by row with {@code ids}. */
    public record LiveTruth(List<String> ids, double[] target, double[] benchmark) {
    }

    int[] signalFeatures() {
        return signalFeatures;
    }

    /** Per target (index as in {@link #targetNames()}), weights of the signal features, unit length. */
    double[][] targetWeights() {
        return targetWeights;
    }

    int mainTargetAliasOf() {
        return MAIN_TARGET_ALIAS_OF;
    }

    /** Independent streams per purpose, so that changing one part (say the row count) leaves the others alone. */
    static SplittableRandom random(long seed, String purpose) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + purpose.hashCode());
    }

    private static int[] shuffledIndexes(int count, SplittableRandom random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static double[][] targetWeights(int signalCount, SplittableRandom random) {
        double[][] weights = new double[TARGETS.size()][];
        for (int t = 1; t < weights.length; t++) {
            weights[t] = t == SHARES_WEIGHTS_WITH_MAIN ? weights[MAIN_TARGET_ALIAS_OF] : unitVector(signalCount, random);
        }
        weights[0] = weights[MAIN_TARGET_ALIAS_OF];
        return weights;
    }

    /** Positive weights of different sizes: each signal feature helps, some more than others. */
    private static double[] unitVector(int length, SplittableRandom random) {
        double[] vector = new double[length];
        double norm = 0;
        for (int i = 0; i < length; i++) {
            vector[i] = 0.2 + random.nextDouble();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < length; i++) {
            vector[i] /= Math.sqrt(norm);
        }
        return vector;
    }

    /**
     * small = the first 42 of a shuffle (the signal features first), medium = a longer prefix of the same
     * shuffle, all = every feature; the named groups split another shuffle in v5.2 proportions. Lists keep
     * file order, as a subset of the columns.
     */
    private FeatureSets featureSets(int[] order, SplittableRandom random) {
        int count = order.length;
        int small = Math.min(SMALL_SET, count);
        int medium = Math.max(small, Math.round((float) count * V52_MEDIUM / V52_ALL));
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("small", namesOf(order, 0, small));
        sets.put("medium", namesOf(order, 0, medium));
        sets.put("all", featureNames);
        int[] groupOrder = shuffledIndexes(count, random);
        int start = 0;
        for (Map.Entry<String, Integer> group : V52_GROUPS.entrySet()) {
            int size = Math.round((float) count * group.getValue() / V52_ALL);
            if (size > 0) {
                sets.put(group.getKey(), namesOf(groupOrder, start, start + size));
                start += size;
            }
        }
        return new FeatureSets(null, sets, TARGETS);
    }

    private List<String> namesOf(int[] order, int from, int to) {
        int[] chosen = Arrays.copyOfRange(order, from, to);
        Arrays.sort(chosen);
        List<String> names = new ArrayList<>(chosen.length);
        for (int index : chosen) {
            names.add(featureNames.get(index));
        }
        return names;
    }

    private static Map<String, Integer> groupSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("intelligence", 35);
        sizes.put("wisdom", 140);
        sizes.put("charisma", 290);
        sizes.put("dexterity", 51);
        sizes.put("strength", 135);
        sizes.put("constitution", 335);
        sizes.put("agility", 145);
        sizes.put("serenity", 95);
        return sizes;
    }
}
