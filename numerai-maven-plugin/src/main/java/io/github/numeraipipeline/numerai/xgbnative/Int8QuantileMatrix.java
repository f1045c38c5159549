package io.github.numeraipipeline.numerai.xgbnative;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.lang.ref.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Builds XGBoost's quantile matrix (the binned form the {@code hist} method trains on: 1 byte a value by rows and
 * 1 again by columns on CPU) straight from int8 batches, through the C API: each batch's columns are written once
 * into off-heap memory, as they come out of the Parquet decoder (no transposing), and handed to a proxy matrix as
 * one array interface a column ({@code "typestr": "|i1"}); XGBoost pulls the batches through a callback, several
 * times (XGBoost 3.4: shape, bin by rows, bin by columns; its sketch is skipped, the cut points come from the values
 * each feature takes, {@link ValuesSeen}), and a single batch is read only once. No float
 * copy of the data exists anywhere, and only one batch is in memory beside the matrix, which can also be kept on
 * disk ({@link #buildOnDisk}). {@link FeatureFrame#MISSING} is declared XGBoost's missing value,
 * so it means what NaN means on the float path.
 *
 * <p>The result is an ordinary XGBoost4J {@link DMatrix} (it has the same native library, see {@link XgbNative}):
 * train on it with XGBoost4J and dispose of it as usual. It holds no raw values, so it serves training only.
 */
public final class Int8QuantileMatrix {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XgbNative xgb;
    private final OffHeapMemory memory;

    public Int8QuantileMatrix(XgbNative xgb, OffHeapMemory memory) {
        this.xgb = xgb;
        this.memory = memory;
    }

    /**
     * @param features the columns, in the order the booster knows them; their names are set on the matrix
     * @param maxBin   must equal the booster's {@code max_bin} (XGBoost's default 256)
     * @param threads  XGBoost threads for the sketch and the binning
     * @throws NumeraiException what the batches threw, as they threw it; else an {@link XgbNativeException}
     */
    public DMatrix build(TrainingBatches batches, List<String> features, int maxBin, int threads)
            throws NumeraiException {
        return build(batches, features, maxBin, threads, null);
    }

    /**
     * The same matrix in XGBoost's external-memory form: the binned pages (one a batch) are written to a new
     * folder in {@code parent}, which disposing of the matrix deletes, and are read back page by page while
     * training.
     */
    public DMatrix buildOnDisk(TrainingBatches batches, List<String> features, int maxBin, int threads, Path parent)
            throws NumeraiException {
        Path folder;
        try {
            folder = Files.createTempDirectory(parent, "numerai-xgboost-pages");
        } catch (IOException e) {
            throw XgbNativeException.fault("Cannot create a folder for XGBoost's pages in " + parent
                    + " (-Djava.io.tmpdir chooses another): " + e, e);
        }
        try {
            return build(batches, features, maxBin, threads, folder);
        } catch (NumeraiException | RuntimeException e) {
            deleteFolder(folder);
            throw e;
        }
    }

    /** @param pageFolder null for the in-memory matrix, else where XGBoost writes its pages */
    private DMatrix build(TrainingBatches batches, List<String> features, int maxBin, int threads, Path pageFolder)
            throws NumeraiException {
        BatchFeeder feeder = new BatchFeeder(batches, features.size());
        try {
            ValuesSeen seen = feeder.firstPass();
            DMatrix reference = seen.fitIn(maxBin) ? cutsOf(seen, features.size(), maxBin, threads) : null;
            try {
                DMatrix matrix = fromCallback(feeder, reference, maxBin, threads, pageFolder);
                try {
                    matrix.setFeatureNames(features.toArray(String[]::new));
                } catch (XGBoostError e) {
                    matrix.dispose();
                    throw XgbNativeException.fault("XGBoost refused the feature names: " + e.getMessage(), e);
                }
                return matrix;
            } finally {
                if (reference != null) {
                    reference.dispose();
                }
            }
        } finally {
            feeder.close();
            NativeHeap.trim();
        }
    }

    /** A matrix with the cut points of the rows seen (see {@link ValuesSeen}): a few rows, sketched at once. */
    private DMatrix cutsOf(ValuesSeen seen, int features, int maxBin, int threads) throws NumeraiException {
        try (BatchFeeder feeder = new BatchFeeder(seen.asBatch(), features)) {
            return fromCallback(feeder, null, maxBin, threads, null);
        }
    }

    /**
     * XGBoost's quantile matrix of the feeder's batches. With a {@code reference}, XGBoost takes its cut points
     * from it and skips its own sketch of the data, the slowest of its passes and the most memory it asks for
     * while building (on CPU about 200 KB a feature whatever the values, 470 MB for 2,376 features).
     */
    private DMatrix fromCallback(BatchFeeder feeder, DMatrix reference, int maxBin, int threads, Path pageFolder)
            throws NumeraiException {
        PointerByReference proxyOut = new PointerByReference();
        xgb.check(xgb.api().XGProxyDMatrixCreate(proxyOut), "create a proxy matrix");
        Pointer proxy = proxyOut.getValue();
        feeder.proxy = proxy;
        try {
            PointerByReference out = new PointerByReference();
            Map<String, Object> config = new HashMap<>(Map.of("missing", (float) FeatureFrame.MISSING,
                    "nthread", threads, "max_bin", maxBin));
            Pointer cuts = reference == null ? null : new Pointer(reference.getHandle());
            // the iterator handle is only passed back to the callbacks, which need none; XGBoost wants it non-null
            int code;
            if (pageFolder == null) {
                code = xgb.api().XGQuantileDMatrixCreateFromCallback(proxy, proxy, cuts, feeder.onReset,
                        feeder.onNext, json(config), out);
            } else {
                config.put("cache_prefix", pageFolder.resolve("pages").toString());
                try {
                    code = xgb.api().XGExtMemQuantileDMatrixCreateFromCallback(proxy, proxy, cuts, feeder.onReset,
                            feeder.onNext, json(config), out);
                } catch (UnsatisfiedLinkError e) {
                    throw new XgbNativeException("XGBoost " + xgb.version() + " has no external-memory quantile matrix"
                            + " (XGBoost 3.0 or newer has it); train with -Dnumerai.train.matrix=int8 instead.", e);
                }
            }
            Reference.reachabilityFence(feeder);
            Reference.reachabilityFence(reference);
            Pointer handle = out.getValue();
            if (feeder.failure != null) {
                // a Java exception cannot cross the C frames; next() stopped the iteration and kept it
                if (code == 0 && handle != null) {
                    xgb.api().XGDMatrixFree(handle);
                }
                throw feeder.failure;
            }
            xgb.check(code, "build the quantile matrix from int8 batches");
            return new NativeMatrix(Pointer.nativeValue(handle), pageFolder);
        } finally {
            feeder.proxy = null;
            xgb.api().XGDMatrixFree(proxy);
        }
    }

    /** XGBoost4J's matrix around a handle made here (its constructor for that is protected), and its pages. */
    private static final class NativeMatrix extends DMatrix {
        private final Path pageFolder;

        NativeMatrix(long handle, Path pageFolder) {
            super(handle);
            this.pageFolder = pageFolder;
        }

        @Override
        public synchronized void dispose() {
            super.dispose();
            if (pageFolder != null) {
                deleteFolder(pageFolder);
            }
        }
    }

    /** Best effort: a page left behind in the temporary folder is no reason to fail a trained model. */
    private static void deleteFolder(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the OS cleans its temporary folder eventually
        }
    }

    /**
     * Answers XGBoost's callbacks: reset starts a pass over the batches, next hands XGBoost one batch. The columns
     * go into one off-heap buffer, allocated once for the largest batch, column {@code j} at {@code j x largest},
     * and XGBoost reads them where they are ({@code XGProxyDMatrixSetDataColumnar}, one array interface a column).
     * When the batches are one batch, it is read once, in {@link #firstPass}, and the buffer serves all of
     * XGBoost's passes.
     */
    private final class BatchFeeder implements AutoCloseable {
        private final TrainingBatches batches;
        private final int columns;
        /** The matrix being built reads the batches through this; set for the build. */
        Pointer proxy;
        private Memory values;
        private Memory labels;
        private long stride;
        /** Held here so that they stay reachable while XGBoost may call them. */
        final XgbCApi.ResetCallback onReset = this::reset;
        final XgbCApi.NextCallback onNext = this::next;
        NumeraiException failure;
        private boolean passStarted;
        /** The batches were this one batch, which the buffer holds: -1 unless so. */
        private int onlyBatchRows = -1;
        private boolean onlyBatchGiven;

        BatchFeeder(TrainingBatches batches, int columns) {
            this.batches = batches;
            this.columns = columns;
        }

        /**
         * Reads every batch once, before XGBoost does, noting the values each feature takes. One batch stays in the
         * buffer for XGBoost's passes, and the batches' file and memory go.
         */
        ValuesSeen firstPass() throws NumeraiException {
            allocate();
            ValuesSeen seen = new ValuesSeen(columns);
            TrainingBatches.Columns into = (feature, column, rows) -> {
                put(feature, column, rows);
                seen.note(feature, column, rows);
            };
            batches.reset();
            int count = 0;
            int lastRows = 0;
            for (TrainingBatches.Batch batch = batches.next(into); batch != null; batch = batches.next(into)) {
                count++;
                lastRows = batch.rows();
                labels.write(0, batch.labels(), 0, batch.rows());
            }
            if (count == 1) {
                onlyBatchRows = lastRows;
                batches.close();
            }
            return seen;
        }

        void reset(Pointer ignored) {
            passStarted = false;
            onlyBatchGiven = false;
            if (onlyBatchRows < 0) {
                batches.reset();
            }
        }

        int next(Pointer ignored) {
            if (failure != null) {
                return 0;
            }
            try {
                if (!passStarted) {
                    // what XGBoost freed since the last pass (a sketch, a pass's temporaries) goes back to the OS
                    // before this pass allocates
                    NativeHeap.trim();
                    passStarted = true;
                }
                if (onlyBatchRows >= 0) {
                    if (onlyBatchGiven) {
                        return 0;
                    }
                    onlyBatchGiven = true;
                    hand(onlyBatchRows);
                    return 1;
                }
                allocate();
                TrainingBatches.Batch batch = batches.next(this::put);
                if (batch == null) {
                    return 0;
                }
                labels.write(0, batch.labels(), 0, batch.rows());
                hand(batch.rows());
                return 1;
            } catch (NumeraiException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                failure = XgbNativeException.fault("Reading a training batch failed: " + e, e);
            }
            return 0;
        }

        /** Points the proxy at the buffer's first {@code rows} rows and their labels. */
        private void hand(int rows) throws XgbNativeException {
            xgb.check(xgb.api().XGProxyDMatrixSetDataColumnar(proxy, columnsInterface(rows)), "take an int8 batch");
            xgb.check(xgb.api().XGDMatrixSetInfoFromInterface(proxy, "label", arrayInterface(labels, "<f4",
                    rows, 0)), "take a batch's labels");
        }

        /** One buffer for the largest batch, for all passes: XGBoost is done with a batch when it asks for the next. */
        private void allocate() throws XgbNativeException {
            if (values == null) {
                int largest = Math.max(1, batches.largestBatch());
                stride = largest;
                values = memory.allocate(stride * columns, String.format(Locale.ROOT, "a batch of %,d rows x %d int8"
                        + " features", largest, columns));
                labels = memory.allocate(4L * largest, "a batch's labels");
            }
        }

        private void put(int feature, byte[] column, int rows) {
            if (rows > stride || feature < 0 || feature >= columns) {
                throw new IllegalStateException("a batch column of " + rows + " rows for feature " + feature
                        + " does not fit the buffer of " + stride + " rows x " + columns + " features");
            }
            values.write(feature * stride, column, 0, rows);
        }

        /** A JSON list of one array interface a column: the C API's columnar form. */
        private String columnsInterface(int rows) {
            long base = Pointer.nativeValue(values);
            StringBuilder json = new StringBuilder(columns * 96).append('[');
            for (int j = 0; j < columns; j++) {
                if (j > 0) {
                    json.append(',');
                }
                json.append("{\"data\":[").append(base + j * stride).append(",true],\"shape\":[").append(rows)
                        .append("],\"typestr\":\"|i1\",\"version\":3}");
            }
            return json.append(']').toString();
        }

        @Override
        public void close() {
            batches.close();
            memory.free(values);
            memory.free(labels);
            values = null;
            labels = null;
        }
    }

    /** NumPy's array interface, version 3: a C-contiguous block; {@code columns == 0} for a vector. */
    private static String arrayInterface(Memory memory, String type, int rows, int columns) {
        List<Integer> shape = columns == 0 ? List.of(rows) : List.of(rows, columns);
        return json(Map.of("data", List.of(Pointer.nativeValue(memory), false), "shape", shape, "typestr", type,
                "version", 3));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
