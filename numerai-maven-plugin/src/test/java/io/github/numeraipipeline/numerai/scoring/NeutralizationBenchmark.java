package io.github.numeraipipeline.numerai.scoring;

import io.github.numeraipipeline.numerai.data.FeatureFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The neutralization's speed beside its Python baseline, in the same run on the same era: a v5.3 live era (6,720
 * rows) against the 807 quantum features, rank-gaussianize-neutralize-normalize as numerai-tools does it, Java
 * (this class) and numpy/scipy ({@code src/test/python/neutralization_bench.py}), best of five warm runs each; prints
 * both, their ratio and how far the two results are apart. Run by {@code docs/bench-neutralization.sh}; not a test,
 * because a time says nothing on a shared machine without its baseline beside it.
 */
public final class NeutralizationBenchmark {
    private static final int ROWS = 6720;
    private static final int WIDTH = 807;
    private static final double PROPORTION = 0.5;

    private NeutralizationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("neutralization-bench");
        SplittableRandom random = new SplittableRandom(7);
        byte[][] columns = new byte[WIDTH][ROWS];
        List<String> names = new ArrayList<>();
        for (int f = 0; f < WIDTH; f++) {
            names.add("feature_" + f);
            for (int i = 0; i < ROWS; i++) {
                columns[f][i] = (byte) random.nextInt(5);
            }
        }
        double[] predictions = random.doubles(ROWS).toArray();
        FeatureFrame frame = new FeatureFrame(new String[ROWS], new String[ROWS], new String[ROWS], names, columns,
                List.of(), new float[0][]);
        int[] rows = IntStream.range(0, ROWS).toArray();
        writeEra(folder, columns, predictions);

        double[] java = Neutralization.rankGaussianNeutralize(predictions, frame, names, rows, PROPORTION); // warm-up
        double javaSeconds = Double.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            java = Neutralization.rankGaussianNeutralize(predictions, frame, names, rows, PROPORTION);
            javaSeconds = Math.min(javaSeconds, (System.nanoTime() - start) / 1e9);
        }
        double pythonSeconds = python(folder);
        double apart = maxDifference(java, readDoubles(folder.resolve("python.f64")));
        System.out.printf(Locale.ROOT, "neutralize %d x %d, proportion %.1f, best of 5 warm runs:%n", ROWS, WIDTH,
                PROPORTION);
        System.out.printf(Locale.ROOT, "  java (EJML)          %.3f s%n", javaSeconds);
        System.out.printf(Locale.ROOT, "  python (numpy pinv)  %.3f s%n", pythonSeconds);
        System.out.printf(Locale.ROOT, "  ratio java/python    %.2f%n", javaSeconds / pythonSeconds);
        System.out.printf(Locale.ROOT, "  results apart by at most %.2e%n", apart);
    }

    private static void writeEra(Path folder, byte[][] columns, double[] predictions) throws IOException {
        byte[] rowMajor = new byte[ROWS * WIDTH];
        for (int i = 0; i < ROWS; i++) {
            for (int f = 0; f < WIDTH; f++) {
                rowMajor[i * WIDTH + f] = columns[f][i];
            }
        }
        Files.write(folder.resolve("features.i8"), rowMajor);
        ByteBuffer buffer = ByteBuffer.allocate(predictions.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(predictions);
        Files.write(folder.resolve("predictions.f64"), buffer.array());
    }

    private static double python(Path folder) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "src/test/python/neutralization_bench.py", folder.toString(),
                Integer.toString(ROWS), Integer.toString(WIDTH), Double.toString(PROPORTION))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains("python-seconds=")) {
            throw new IllegalStateException("the Python baseline failed (needs python3-numpy, python3-scipy):\n"
                    + output);
        }
        return Double.parseDouble(output.substring(output.indexOf("python-seconds=") + 15).trim());
    }

    private static double[] readDoubles(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[buffer.remaining() / 8];
        buffer.asDoubleBuffer().get(values);
        return values;
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
