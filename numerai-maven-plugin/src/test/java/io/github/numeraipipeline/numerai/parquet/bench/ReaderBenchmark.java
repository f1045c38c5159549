package io.github.numeraipipeline.numerai.parquet.bench;

import io.github.numeraipipeline.numerai.data.DatasetFile;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.ParquetLayout;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDataset;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Times {@link ParquetFrameReader} against DuckDB's JDBC driver on the same files, both filling the same columnar
 * arrays (ids, eras, data types, one byte[] per feature with -1 for null), and prints time and peak heap of each.
 * Not a test; run it in its own JVM (see the {@code bench} profile of the module pom):
 *
 * <pre>./mvnw -pl numerai-maven-plugin -Pbench test-compile exec:exec [-Dbench.dir=DIR] [-Dbench.heap=1200m]</pre>
 *
 * <p>Files are made once by {@link SyntheticDataset} in the cache folder (argument 1, default
 * {@code ~/.cache/numerai-pipeline/bench}): the v5.2 live shape (6,720 x 2,748) and a train-like slice
 * (200,000 x 2,748, 200 eras). Each reader runs {@value #WARMUPS} times unmeasured, then {@value #RUNS} times; the
 * best time is reported. Peak heap is the most heap in use during the last run (sampled every millisecond), above
 * what was in use after a full GC before it; it includes garbage not yet collected, so it depends on the heap size
 * ({@code -Dbench.heap}, default 1200m: about 2.3 times the train slice's int8 payload). DuckDB's own (native)
 * memory is not on the Java heap and not counted.
 */
public final class ReaderBenchmark {
    private static final int WARMUPS = 2;
    private static final int RUNS = 3;

    private ReaderBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.home") + "/.cache/numerai-pipeline/bench");
        SyntheticDatasetSpec live = SyntheticDatasetSpec.defaults();
        SyntheticDatasetSpec train = SyntheticDatasetSpec.defaults().withTrain(200, 1000);
        Path liveFile = prepare(cache, "live-6720x2748.parquet", live, DatasetFile.LIVE);
        Path trainFile = prepare(cache, "train-200000x2748.parquet", train, DatasetFile.TRAIN);
        List<String> features = new SyntheticDataset(live).featureNames();

        System.out.printf(Locale.ROOT, "%-28s %10s %12s %12s%n", "file / reader", "best ms", "peak heap MB",
                "payload MB");
        compare("live 6,720 x 2,748", liveFile, features);
        compare("train 200,000 x 2,748", trainFile, features);
    }

    private static Path prepare(Path cache, String name, SyntheticDatasetSpec spec, DatasetFile part)
            throws Exception {
        Path file = cache.resolve(name);
        if (!Files.exists(file)) {
            long start = System.nanoTime();
            new SyntheticDataset(spec).writeFile(part, file, ParquetLayout.defaults());
            System.out.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.0f ms%n", file, Files.size(file),
                    (System.nanoTime() - start) / 1e6);
        }
        return file;
    }

    private static void compare(String label, Path file, List<String> features) throws Exception {
        ParquetFrameReader reader = new ParquetFrameReader();
        Result ours = measure(() -> reader.read(file, features, List.of()).rowCount());
        Result duck = measure(() -> readWithDuckDb(file, features));
        double payload = (double) ours.rows * features.size() / (1 << 20);
        System.out.printf(Locale.ROOT, "%-28s %10.0f %12.0f %12.0f%n", label + " / ours", ours.millis,
                ours.peakHeapMb, payload);
        System.out.printf(Locale.ROOT, "%-28s %10.0f %12.0f%n", label + " / DuckDB", duck.millis, duck.peakHeapMb);
        System.out.printf(Locale.ROOT, "%-28s %10.2f %12.2f%n", label + " / ours:DuckDB", ours.millis / duck.millis,
                ours.peakHeapMb / payload);
    }

    /** What one reader did: rows read, best time, and the peak heap of the last run. */
    private record Result(int rows, double millis, double peakHeapMb) {}

    private static Result measure(Callable<Integer> read) throws Exception {
        for (int i = 0; i < WARMUPS; i++) {
            read.call();
        }
        int rows = 0;
        double best = Double.MAX_VALUE;
        double peak = 0;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < RUNS; i++) {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            HeapSampler sampler = new HeapSampler(memory);
            sampler.start();
            long start = System.nanoTime();
            rows = read.call();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
            peak = (sampler.finish() - before) / (double) (1 << 20);
        }
        return new Result(rows, best, peak);
    }

    /** Samples the heap in use every millisecond; GC-collected garbage shows up only until it is collected. */
    private static final class HeapSampler extends Thread {
        private final MemoryMXBean memory;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler(MemoryMXBean memory) {
            super("heap-sampler");
            setDaemon(true);
            this.memory = memory;
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() throws InterruptedException {
            running = false;
            join();
            return Math.max(peak, memory.getHeapMemoryUsage().getUsed());
        }
    }

    /** The same arrays as {@link FeatureFrame}, filled through JDBC. */
    private static int readWithDuckDb(Path file, List<String> features) throws Exception {
        String source = "read_parquet('" + file.toString().replace("'", "''") + "')";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            int rows;
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + source)) {
                count.next();
                rows = count.getInt(1);
            }
            String columns = features.stream().map(name -> '"' + name + '"').collect(Collectors.joining(", "));
            String[] ids = new String[rows];
            String[] eras = new String[rows];
            String[] dataTypes = new String[rows];
            byte[][] values = new byte[features.size()][rows];
            try (ResultSet result = statement.executeQuery(
                    "SELECT id, era, data_type, " + columns + " FROM " + source)) {
                for (int r = 0; result.next(); r++) {
                    ids[r] = result.getString(1);
                    eras[r] = result.getString(2);
                    dataTypes[r] = result.getString(3);
                    for (int f = 0; f < values.length; f++) {
                        byte value = result.getByte(f + 4);
                        values[f][r] = result.wasNull() ? FeatureFrame.MISSING : value;
                    }
                }
            }
            return rows;
        }
    }
}
