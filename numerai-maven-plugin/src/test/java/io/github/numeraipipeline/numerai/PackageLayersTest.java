package io.github.numeraipipeline.numerai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers table of {@code docs/architecture.md} is the rule the sources keep: a package imports only packages of
 * a lower layer, and every package is in the table. The table is read from the document, so the document and the
 * code cannot drift apart.
 */
class PackageLayersTest {
    private static final String ROOT = "io.github.numeraipipeline.numerai";
    private static final Path SOURCES = Path.of("src/main/java/io/github/numeraipipeline/numerai");
    private static final Path ARCHITECTURE = Path.of("../docs/architecture.md");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| (\\d+) \\| (?:`([a-z.]+)`|\\(root\\)) \\|");
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?" + Pattern.quote(ROOT) + "((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]", Pattern.MULTILINE);

    @Test
    void importsRunOnlyFromAHigherLayerToALowerOne() throws IOException {
        Map<String, Integer> layers = layersOfTheDocument();
        List<String> upward = new ArrayList<>();
        for (Path source : sources()) {
            String from = packageOf(source);
            Matcher imported = IMPORT.matcher(Files.readString(source));
            while (imported.find()) {
                String to = imported.group(1).isEmpty() ? "" : imported.group(1).substring(1);
                if (!to.equals(from) && layers.containsKey(from) && layers.containsKey(to)
                        && layers.get(to) >= layers.get(from)) {
                    upward.add(SOURCES.relativize(source) + " (" + name(from) + ", layer " + layers.get(from)
                            + ") imports " + name(to) + " (layer " + layers.get(to) + ")");
                }
            }
        }
        assertEquals(List.of(), upward, "imports must run downwards in docs/architecture.md's table");
    }

    @Test
    void everyPackageHasItsLayerInTheDocument() throws IOException {
        Map<String, Integer> layers = layersOfTheDocument();
        TreeSet<String> missing = new TreeSet<>();
        for (Path source : sources()) {
            if (!layers.containsKey(packageOf(source))) {
                missing.add(name(packageOf(source)));
            }
        }
        assertEquals(new TreeSet<>(), missing, "add these packages to the layers table of docs/architecture.md");
    }

    @Test
    void theTableIsReadFromTheDocument() throws IOException {
        Map<String, Integer> layers = layersOfTheDocument();
        assertEquals(0, layers.get(""));
        assertTrue(layers.get("mojo") > layers.get("model"), "the goals sit above the model");
        assertFalse(layers.containsKey("nonsense"));
    }

    private static Map<String, Integer> layersOfTheDocument() throws IOException {
        Map<String, Integer> layers = new TreeMap<>();
        for (String line : Files.readAllLines(ARCHITECTURE)) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                layers.put(row.group(2) == null ? "" : row.group(2), Integer.parseInt(row.group(1)));
            }
        }
        return layers;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path source) {
        Path folder = SOURCES.relativize(source).getParent();
        return folder == null ? "" : folder.toString().replace('/', '.');
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? "(root)" : pkg;
    }
}
