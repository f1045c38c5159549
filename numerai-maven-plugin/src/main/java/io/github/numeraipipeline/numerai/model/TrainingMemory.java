package io.github.numeraipipeline.numerai.model;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Says before any data is read whether training fits this machine, since running out of memory an hour in, or
 * being killed by the kernel, says nothing useful. LightGBM has its own estimate ({@link #checkLightGbm}). The
 * estimate for XGBoost, measured with XGBoost4J 3.4 on the hist method:
 *
 * <ul>
 *   <li>Java heap: the whole file is read, 1 byte a feature value plus about {@value #HEAP_BYTES_PER_ROW} bytes a
 *       row for id, era, data type and targets. A feature is one array of the file's rows; G1 puts an array of half
 *       a heap region or more in whole regions of its own ("humongous"), so such a column takes its size rounded up
 *       to regions (on the full v5 shape, 2.75 MB arrays in 4 MB regions: 45% more than the values).</li>
 *   <li>Native memory, for the rows trained on: XGBoost4J's CPU matrices take float32 only; the values pass
 *       through an off-heap float matrix (4 bytes a value) into XGBoost's own (8: value and column index), which
 *       the hist method then bins (about 1 more): {@value #NATIVE_BYTES_PER_VALUE} bytes a value at the peak.</li>
 * </ul>
 */
final class TrainingMemory {
    static final int HEAP_BYTES_PER_ROW = 96;
    static final int NATIVE_BYTES_PER_VALUE = 13;
    /** What the JVM, Maven and XGBoost's trees need besides the data. */
    private static final long NATIVE_RESERVE = 1L << 30;

    private TrainingMemory() {
    }

    /** Heap bytes to read a file of this shape into this JVM's heap. */
    static long heapNeeded(long rows, int features) {
        return heapNeeded(rows, features, G1_REGION_BYTES);
    }

    /** @param regionBytes G1's heap region size, 0 for a collector without humongous regions */
    static long heapNeeded(long rows, int features, long regionBytes) {
        long column = rows;
        if (regionBytes > 0 && rows >= regionBytes / 2) {
            column = (rows + regionBytes - 1) / regionBytes * regionBytes;
        }
        return features * column + rows * HEAP_BYTES_PER_ROW;
    }

    /** This JVM's G1 region size, or 0 when it runs another collector. */
    private static final long G1_REGION_BYTES = g1RegionBytes();

    private static long g1RegionBytes() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null || !Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** Native bytes to train on this many rows. */
    static long nativeNeeded(long trainedRows, int features) {
        return trainedRows * features * NATIVE_BYTES_PER_VALUE + NATIVE_RESERVE;
    }

    /**
     * The one check before training, for the path chosen, against this JVM's maximum heap and the machine's memory
     * outside it: the float path reads the train file whole; the int8 paths and LightGBM stream it ({@code scan}
     * says what they keep of it); all score the validation file a block of whole eras at a time.
     *
     * @param validationRows the most validation rows held at once ({@code EraBlocks.rowsHeldAtMost})
     */
    static void require(ModelLibrary library, String model, TrainingMatrix path, long trainRows, long validationRows,
            int features, int eraStep, ParquetTrainingBatches.Scan scan) throws ModelException {
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (library == ModelLibrary.LIGHTGBM) {
            checkValidation(model, validationRows, features, maxHeap);
            checkLightGbm(model, scan.rows(), scan.largestRowGroup(), features, eraStep, maxHeap, physicalMemory());
        } else if (path.streams()) {
            checkValidation(model, validationRows, features, maxHeap);
            checkInt8(model, scan.rows(), scan.largestRowGroup(), features, path == TrainingMatrix.INT8_DISK,
                    maxHeap, physicalMemory());
        } else {
            check(model, Math.max(trainRows, validationRows), features, eraStep, maxHeap, physicalMemory());
        }
    }

    static void check(String model, long fileRows, int features, int eraStep, long maxHeap, long physical)
            throws ModelException {
        requireHeapForWholeFile(model, fileRows, features, maxHeap);
        long trainedRows = fileRows / eraStep;
        long outside = nativeNeeded(trainedRows, features);
        if (outside > physical - maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: training on about %,d rows x %d features"
                    + " needs about %s of memory outside the Java heap (XGBoost takes float32), but this machine has"
                    + " %s beside the %s heap. Train on fewer eras (-Dnumerai.train.eraStep=%d), choose a smaller"
                    + " feature set, or use a larger machine.", model, trainedRows, features, gib(outside),
                    gib(Math.max(0, physical - maxHeap)), gib(maxHeap),
                    fewerEras(outside, eraStep, maxHeap, physical)));
        }
    }

    /**
     * The int8 path: XGBoost 3.4's CPU quantile matrix keeps {@value #INT8_NATIVE_BYTES_PER_VALUE} bytes a trained
     * value (the bin index by rows, and again by columns for the row partitioner; measured), plus one batch off the
     * heap while it is built (1 byte a value of the largest row group, decoded straight there); the heap holds what
     * Parquet-MR reads of one row group (its compressed chunks and pages, less than a byte a value) and the era scan.
     * On disk ({@link TrainingMatrix#INT8_DISK}) the matrix is not in memory at all.
     */
    static final int INT8_NATIVE_BYTES_PER_VALUE = 2;

    static void checkInt8(String model, long trainedRows, int largestRowGroup, int features, boolean onDisk,
            long maxHeap, long physical) throws ModelException {
        long heap = heapNeeded(largestRowGroup, features, 0);
        if (heap > maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: streaming row groups of %,d rows x %d"
                    + " features needs about %s of Java heap, but this JVM may use %s. Give Maven more"
                    + " (MAVEN_OPTS=-Xmx%dg).", model, largestRowGroup, features, gib(heap), gib(maxHeap),
                    (heap >> 30) + 2));
        }
        long matrix = onDisk ? 0 : trainedRows * features * INT8_NATIVE_BYTES_PER_VALUE;
        long outside = matrix + (long) largestRowGroup * features + NATIVE_RESERVE;
        if (outside > physical - maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: training on %,d rows x %d features needs"
                    + " about %s outside the Java heap (2 bytes a value in XGBoost's quantile matrix), but this"
                    + " machine has %s beside the %s heap. Keep the matrix on disk (-Dnumerai.train.matrix=int8-disk),"
                    + " train on fewer eras (-Dnumerai.train.eraStep), or use a larger machine.", model, trainedRows,
                    features, gib(outside), gib(Math.max(0, physical - maxHeap)), gib(maxHeap)));
        }
    }

    /**
     * LightGBM (measured with lightgbm4j 4.3.0-1, docs/models.md): the train file is streamed a row group at a time,
     * as on XGBoost's int8 path (one row group on the heap, twice while it is decoded, plus the labels and the bin
     * sample's bytes: {@link LgbmDataset}), and pushed into LightGBM's Dataset, which keeps Numerai's 5 values a
     * feature as small bins (consistent with a byte by columns and again by rows for the row-wise histograms that
     * {@code force_row_wise} asks for): about {@value #LGBM_NATIVE_BYTES_PER_VALUE} bytes a trained value outside
     * the heap at the peak, the bin sample (at most about 240 MB) and the float block coming out of the reserve.
     * Measured (bench.LgbmNativeMemory, 10 rounds, 1,000 features): the peak resident set above a pre-touched heap
     * was 407 MB at 100.8 M values and 609 MB at 201.6 M, 2.0 bytes a value and about 200 MB besides.
     */
    static final int LGBM_NATIVE_BYTES_PER_VALUE = 2;

    static void checkLightGbm(String model, long trainedRows, int largestRowGroup, int features, int eraStep,
            long maxHeap, long physical) throws ModelException {
        long sample = Math.min(trainedRows, Math.max(1000, LgbmDataset.SAMPLE_VALUES / Math.max(1, features)))
                * features;
        long heap = 2 * heapNeeded(largestRowGroup, features) + trainedRows * Float.BYTES + sample;
        if (heap > maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: streaming row groups of %,d rows x %d"
                    + " features into LightGBM needs about %s of Java heap, but this JVM may use %s. Give Maven more"
                    + " (MAVEN_OPTS=-Xmx%dg).", model, largestRowGroup, features, gib(heap), gib(maxHeap),
                    (heap >> 30) + 2));
        }
        long outside = trainedRows * features * LGBM_NATIVE_BYTES_PER_VALUE + NATIVE_RESERVE;
        if (outside > physical - maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: training on %,d rows x %d features"
                    + " needs about %s of memory outside the Java heap (LightGBM's Dataset, %d bytes a value), but"
                    + " this machine has %s beside the %s heap. Train on fewer eras (-Dnumerai.train.eraStep=%d),"
                    + " choose a smaller feature set, or use a larger machine.", model, trainedRows, features,
                    gib(outside), LGBM_NATIVE_BYTES_PER_VALUE, gib(Math.max(0, physical - maxHeap)), gib(maxHeap),
                    fewerEras(outside, eraStep, maxHeap, physical)));
        }
    }

    /** The float path reads the whole train (or validation) file onto the heap as int8. */
    private static void requireHeapForWholeFile(String model, long fileRows, int features, long maxHeap)
            throws ModelException {
        long heap = heapNeeded(fileRows, features);
        if (heap > maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: reading %,d rows x %d features needs about"
                    + " %s of Java heap, but this JVM may use %s. Give Maven more (MAVEN_OPTS=-Xmx%dg), or choose a"
                    + " smaller feature set.", model, fileRows, features, gib(heap), gib(maxHeap),
                    (heap >> 30) + 2));
        }
    }

    /** The era step that would fit what is outside the heap, for the message that refuses this one. */
    private static int fewerEras(long outside, int eraStep, long maxHeap, long physical) {
        return Math.max(eraStep + 1, (int) Math.ceil((double) outside * eraStep / Math.max(1, physical - maxHeap)));
    }

    /** Scoring holds a block of whole validation eras on the heap as int8, whichever path trained. */
    static void checkValidation(String model, long validationRows, int features, long maxHeap)
            throws ModelException {
        long heap = heapNeeded(validationRows, features);
        if (heap > maxHeap) {
            throw new ModelException(String.format(Locale.ROOT, "Model %s: scoring on blocks of up to %,d validation"
                    + " rows x %d features needs about %s of Java heap, but this JVM may use %s. Give Maven more"
                    + " (MAVEN_OPTS=-Xmx%dg), or choose a smaller feature set.", model, validationRows, features,
                    gib(heap), gib(maxHeap), (heap >> 30) + 2));
        }
    }

    /**
     * Asks for a full collection, after which G1 gives the heap it no longer needs back to the OS (it does so only
     * then): the int8 stream churns through a row group's worth of short-lived arrays, and with the default heap
     * ceiling (a quarter of RAM) G1 would otherwise keep that memory resident while XGBoost's matrix and trees take
     * theirs. A no-op under -XX:+DisableExplicitGC.
     */
    static void returnHeap() {
        System.gc();
    }

    private static long physicalMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
